namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>A branch's scorecard weights (评价权重), one row per branch.</summary>
public sealed class ScorecardWeightsConfiguration : IEntityTypeConfiguration<ScorecardWeights>
{
    public void Configure(EntityTypeBuilder<ScorecardWeights> weights)
    {
        weights.HasKey(w => w.BranchId);
        weights.Property(w => w.Version).IsConcurrencyToken();
    }
}
