namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>The next customer code per branch.</summary>
public sealed class BranchCodeCounterConfiguration : IEntityTypeConfiguration<BranchCodeCounter>
{
    public void Configure(EntityTypeBuilder<BranchCodeCounter> counter)
    {
        counter.HasKey(c => c.BranchId);
        counter.Property(c => c.Version).IsConcurrencyToken();
    }
}
