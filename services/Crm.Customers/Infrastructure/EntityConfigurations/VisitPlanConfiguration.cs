namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>Visit plans (拜访计划), by visitor, route and day.</summary>
public sealed class VisitPlanConfiguration : IEntityTypeConfiguration<VisitPlan>
{
    public void Configure(EntityTypeBuilder<VisitPlan> plan)
    {
        plan.HasAssignedKey(p => p.Id);
        plan.Property(p => p.CustomerName).HasMaxLength(CustomerProfile.NameMaxLength);
        plan.Property(p => p.Kind).HasConversion<string>().HasMaxLength(30);
        plan.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        plan.Property(p => p.Route).HasMaxLength(CustomerProfile.RouteMaxLength);
        plan.Property(p => p.VisitorId).HasMaxLength(100);
        plan.Property(p => p.VisitorName).HasMaxLength(100);
        plan.Property(p => p.OwnerId).HasMaxLength(100);
        plan.Property(p => p.PlannedByName).HasMaxLength(100);
        plan.Property(p => p.Purpose).HasMaxLength(VisitPlan.PurposeMaxLength);
        plan.Property(p => p.Version).IsConcurrencyToken();
        plan.Ignore(p => p.StateName);
        plan.HasIndex(p => new { p.BranchId, p.VisitorId, p.PlannedOn });
        plan.HasIndex(p => new { p.BranchId, p.PlannedOn, p.Route, p.Sequence });
        plan.HasIndex(p => new { p.CustomerId, p.PlannedOn, p.VisitorId });
        plan.HasIndex(p => new { p.State, p.PlannedOn });
    }
}
