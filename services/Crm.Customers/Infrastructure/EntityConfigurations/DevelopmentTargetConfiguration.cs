namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>A rep's development target for a month (客户开发目标).</summary>
public sealed class DevelopmentTargetConfiguration : IEntityTypeConfiguration<DevelopmentTarget>
{
    public void Configure(EntityTypeBuilder<DevelopmentTarget> target)
    {
        target.HasKey(t => new { t.BranchId, t.OwnerId, t.Month });
        target.Property(t => t.OwnerId).HasMaxLength(100);
        target.Property(t => t.Note).HasMaxLength(DevelopmentTarget.NoteMaxLength);
        target.Property(t => t.Version).IsConcurrencyToken();
        target.HasIndex(t => new { t.BranchId, t.Month });
    }
}
