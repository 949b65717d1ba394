namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>The append-only history of a file (the DbContext refuses to change or delete an entry).</summary>
public sealed class CustomerHistoryConfiguration : IEntityTypeConfiguration<CustomerHistoryEntry>
{
    public void Configure(EntityTypeBuilder<CustomerHistoryEntry> entry)
    {
        entry.ToTable("CustomerHistory");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).ValueGeneratedOnAdd();
        entry.Property(e => e.ByName).HasMaxLength(100);
        entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(30);
        entry.Property(e => e.Reason).HasMaxLength(CustomerHistoryEntry.ReasonMaxLength);
        entry.Property(e => e.Changes).HasJsonConversion();
        entry.HasIndex(e => new { e.CustomerId, e.Id });
    }
}
