namespace Crm.Alerts.Infrastructure.EntityConfigurations;

internal sealed class MissedVisitEntityTypeConfiguration : IEntityTypeConfiguration<MissedVisit>
{
    public void Configure(EntityTypeBuilder<MissedVisit> missed)
    {
        missed.ToTable("MissedVisits");
        missed.HasAssignedKey(m => m.PlanId);
        missed.Property(m => m.Kind).HasMaxLength(30);
        missed.Property(m => m.VisitorId).HasMaxLength(100);
        missed.Ignore(m => m.IsOutstanding);
        missed.HasIndex(m => new { m.CustomerId, m.PlannedOn });
    }
}
