namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class CustomerEntityTypeConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> customer)
    {
        customer.IsCustomerReference();
        customer.Property(c => c.Route).HasMaxLength(100);
        customer.Property(c => c.Category).HasMaxLength(30);
        customer.Property(c => c.Status).HasMaxLength(20);
        customer.Property(c => c.OwnerName).HasMaxLength(200);
        customer.Property(c => c.OutletTier).HasMaxLength(20);
        customer.Property(c => c.Version).IsConcurrencyToken();
        customer.HasIndex(c => new { c.ParentId, c.RegisteredOn });
    }
}
