namespace Crm.Contracts.Infrastructure.EntityConfigurations;

internal sealed class ContractVersionEntityTypeConfiguration : IEntityTypeConfiguration<ContractVersion>
{
    public void Configure(EntityTypeBuilder<ContractVersion> version)
    {
        version.HasAssignedKey(v => v.Id);
        version.Property(v => v.Reason).HasMaxLength(20);
        version.Property(v => v.Sections).HasJsonConversion();
        version.Property(v => v.Terms).HasJsonConversion();
        version.Property(v => v.ChangedSections).HasJsonConversion();
        version.HasOne<Contract>().WithMany().HasForeignKey(v => v.ContractId);
        version.HasIndex(v => new { v.ContractId, v.Number }).IsUnique();
        version.HasIndex(v => new { v.ContractId, v.EffectiveOn });
    }
}
