using static Crm.Credit.Infrastructure.ColumnLengths;

namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class ExecutiveVisitPlanEntityTypeConfiguration : IEntityTypeConfiguration<ExecutiveVisitPlan>
{
    public void Configure(EntityTypeBuilder<ExecutiveVisitPlan> plan)
    {
        plan.HasAssignedKey(p => p.PlanId);
        plan.Property(p => p.VisitorId).HasMaxLength(UserLength);
        plan.HasIndex(p => new { p.BranchId, p.PlannedOn });
    }
}
