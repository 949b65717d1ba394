namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>The search index's rows: one per two-character gram (and ASCII run) of a customer's search text.</summary>
public sealed class CustomerSearchGramConfiguration : IEntityTypeConfiguration<CustomerSearchGram>
{
    public void Configure(EntityTypeBuilder<CustomerSearchGram> gram)
    {
        gram.ToTable("CustomerSearchGrams");
        // Gram first: a search reads one gram's customers in one range, within the caller's branch when it has one.
        gram.HasKey(g => new { g.Gram, g.BranchId, g.CustomerId });
        gram.Property(g => g.Gram).ValueGeneratedNever();
        // The customer's status, as the customer stores it: a fragment among the active customers is counted here.
        gram.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
    }
}

/// <summary>Customers on file before the search index existed, waiting for their grams to be written at start.</summary>
public sealed class CustomerSearchBackfillConfiguration : IEntityTypeConfiguration<CustomerSearchBackfill>
{
    public void Configure(EntityTypeBuilder<CustomerSearchBackfill> queued)
    {
        queued.ToTable("CustomerSearchBackfill");
        queued.HasAssignedKey(q => q.CustomerId);
    }
}
