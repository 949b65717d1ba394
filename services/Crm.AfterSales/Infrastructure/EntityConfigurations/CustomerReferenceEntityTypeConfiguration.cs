namespace Crm.AfterSales.Infrastructure.EntityConfigurations;

internal sealed class CustomerReferenceEntityTypeConfiguration : IEntityTypeConfiguration<CustomerReference>
{
    public void Configure(EntityTypeBuilder<CustomerReference> customer)
    {
        customer.ToTable("Customers");
        customer.HasAssignedKey(c => c.Id);
        customer.Property(c => c.Code).HasMaxLength(30);
        customer.Property(c => c.Name).HasMaxLength(200);
        customer.Property(c => c.OwnerId).HasMaxLength(100);
        customer.Property(c => c.Region).HasMaxLength(100);
        customer.HasIndex(c => c.BranchId);
    }
}
