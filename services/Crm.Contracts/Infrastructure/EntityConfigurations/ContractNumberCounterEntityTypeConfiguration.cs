namespace Crm.Contracts.Infrastructure.EntityConfigurations;

internal sealed class ContractNumberCounterEntityTypeConfiguration : IEntityTypeConfiguration<ContractNumberCounter>
{
    public void Configure(EntityTypeBuilder<ContractNumberCounter> counter)
    {
        counter.ToTable("NumberCounters");
        counter.HasKey(c => new { c.BranchId, c.Year });
        counter.Property(c => c.Version).IsConcurrencyToken();
    }
}
