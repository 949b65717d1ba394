namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class PaymentEntityTypeConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.Property(p => p.Reference).HasMaxLength(Payment.ReferenceMaxLength);
    }
}
