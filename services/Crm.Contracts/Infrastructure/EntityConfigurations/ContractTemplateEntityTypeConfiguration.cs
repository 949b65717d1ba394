namespace Crm.Contracts.Infrastructure.EntityConfigurations;

internal sealed class ContractTemplateEntityTypeConfiguration : IEntityTypeConfiguration<ContractTemplate>
{
    public void Configure(EntityTypeBuilder<ContractTemplate> template)
    {
        template.ToTable("Templates");
        template.HasAssignedKey(t => t.Id);
        template.Property(t => t.Name).HasMaxLength(ContractTemplate.NameMaxLength);
        template.Property(t => t.Description).HasMaxLength(1000);
        template.Property(t => t.Sections).HasJsonConversion();
        template.Property(t => t.Version).IsConcurrencyToken();
        template.HasIndex(t => t.BranchId);
    }
}
