using Crm.Credit.Model;
using Crm.Credit.Model.Grading;
using Crm.Terms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class PaymentEntityTypeConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.Property(p => p.Reference).HasMaxLength(Payment.ReferenceMaxLength);
    }
}
