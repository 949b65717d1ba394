namespace Crm.AfterSales.Infrastructure.EntityConfigurations;

internal sealed class CustomerReferenceEntityTypeConfiguration : IEntityTypeConfiguration<CustomerReference>
{
    public void Configure(EntityTypeBuilder<CustomerReference> customer) => customer.IsCustomerReference();
}
