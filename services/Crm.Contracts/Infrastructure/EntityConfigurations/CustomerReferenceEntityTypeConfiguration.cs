namespace Crm.Contracts.Infrastructure.EntityConfigurations;

internal sealed class CustomerReferenceEntityTypeConfiguration : IEntityTypeConfiguration<CustomerReference>
{
    public void Configure(EntityTypeBuilder<CustomerReference> customer)
    {
        customer.IsCustomerReference();
        customer.Property(c => c.OwnerName).HasMaxLength(200);
        customer.HasIndex(c => c.OwnerId);
    }
}
