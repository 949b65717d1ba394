namespace Crm.Alerts.Infrastructure.EntityConfigurations;

internal sealed class CustomerEntityTypeConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> customer)
    {
        customer.IsCustomerReference();
        customer.Property(c => c.Status).HasMaxLength(20);
        customer.Property(c => c.Grade).HasMaxLength(2);
        customer.Property(c => c.PreviousGrade).HasMaxLength(2);
        customer.Property(c => c.GradePeriod).HasMaxLength(7);
        customer.Property(c => c.Version).IsConcurrencyToken();
        customer.Ignore(c => c.AccountPosition);
    }
}
