namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class ExecutiveVisitEntityTypeConfiguration : IEntityTypeConfiguration<ExecutiveVisit>
{
    public void Configure(EntityTypeBuilder<ExecutiveVisit> visit)
    {
        visit.HasAssignedKey(v => v.VisitId);
        visit.HasIndex(v => new { v.BranchId, v.On });
    }
}
