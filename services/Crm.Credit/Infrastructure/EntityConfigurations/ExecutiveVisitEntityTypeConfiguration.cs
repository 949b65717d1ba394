using static Crm.Credit.Infrastructure.ColumnLengths;

namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class ExecutiveVisitEntityTypeConfiguration : IEntityTypeConfiguration<ExecutiveVisit>
{
    public void Configure(EntityTypeBuilder<ExecutiveVisit> visit)
    {
        visit.HasAssignedKey(v => v.VisitId);
        visit.Property(v => v.ContactedBy).HasMaxLength(UserLength);
        visit.HasIndex(v => new { v.BranchId, v.On });
    }
}
