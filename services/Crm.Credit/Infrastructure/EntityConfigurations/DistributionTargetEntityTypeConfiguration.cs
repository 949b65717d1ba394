namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class DistributionTargetEntityTypeConfiguration : IEntityTypeConfiguration<DistributionTarget>
{
    public void Configure(EntityTypeBuilder<DistributionTarget> target)
    {
        target.HasKey(t => new { t.CustomerId, t.Month });
        target.Property(t => t.Note).HasMaxLength(DistributionTarget.NoteMaxLength);
        target.Property(t => t.Version).IsConcurrencyToken();
        target.HasIndex(t => new { t.BranchId, t.Month });
    }
}
