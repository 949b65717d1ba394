namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>The customer file: the card's columns, its concurrency tokens, its contacts, and the indexes of the list, the channel tree and duplicate detection.</summary>
public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> customer)
    {
        customer.HasKey(c => c.Id);
        customer.Property(c => c.Code).HasMaxLength(30);
        foreach (var field in CustomerCard.Fields) MapCardColumn(customer, field);
        customer.Property(c => c.NameKey).HasMaxLength(CustomerProfile.NameMaxLength);
        customer.Property(c => c.RegionKey).HasMaxLength(CustomerProfile.RegionMaxLength);
        customer.Property(c => c.SearchText).HasMaxLength(Customer.SearchTextMaxLength);
        customer.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        customer.Property(c => c.OwnerId).HasMaxLength(100);
        customer.Property(c => c.OwnerName).HasMaxLength(100);
        customer.Property(c => c.RegisteredByName).HasMaxLength(100);
        customer.Property(c => c.Grade).HasMaxLength(2);
        customer.Property(c => c.GradePeriod).HasMaxLength(7);
        customer.Property(c => c.Version).IsConcurrencyToken();
        // Grades do not bump the version (nobody's edit is refused for them), yet two grading events handled at
        // once must not overwrite each other: the one that read a stale grade fails and is retried.
        customer.Property(c => c.GradedAt).IsConcurrencyToken();
        customer.Ignore(c => c.Profile);
        customer.Ignore(c => c.PrimaryContact);
        customer.Ignore(c => c.NewHistory); // handed to the DbContext on save, not a navigation

        customer.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        customer.Navigation(c => c.Contacts).HasField("_contacts").UsePropertyAccessMode(PropertyAccessMode.Field);

        customer.HasIndex(c => c.Code).IsUnique();
        // The list's filters and sorts, each led by the branch every non-group caller is scoped to. Each ends with the
        // name and the id, the list's order (name, then id): a page is read in order from the index alone, its offset
        // skipped without reading a row, and counted from the same range (CustomerQueries, docs/decisions/customers-list-plans.md).
        customer.HasIndex(c => new { c.BranchId, c.Name, c.Id });
        customer.HasIndex(c => new { c.BranchId, c.Status, c.Name, c.Id });
        customer.HasIndex(c => new { c.BranchId, c.Grade, c.Name, c.Id });
        customer.HasIndex(c => new { c.BranchId, c.RegionKey, c.Name, c.Id });
        // Route with the grade after it: "grade + route" is one range, and a route alone is still a short one.
        customer.HasIndex(c => new { c.BranchId, c.Route, c.Grade, c.Name, c.Id });
        // With the entry date: a rep's customers by entry date are sorted from the index, without reading their rows.
        customer.HasIndex(c => new { c.BranchId, c.OwnerId, c.Name, c.Id, c.EntryDate });
        customer.HasIndex(c => new { c.BranchId, c.Category, c.Name, c.Id });
        // Status with another filter is the common pair (active customers of a region): counted in the index alone.
        customer.HasIndex(c => new { c.BranchId, c.Status, c.RegionKey, c.Name, c.Id });
        // The same for the group's roles, who see every branch: without the branch in front, with it at the end (the
        // branch filter is then checked from the index too).
        customer.HasIndex(c => new { c.Name, c.Id, c.BranchId });
        customer.HasIndex(c => new { c.Status, c.Name, c.Id, c.BranchId });
        customer.HasIndex(c => new { c.Grade, c.Name, c.Id, c.BranchId });
        customer.HasIndex(c => new { c.RegionKey, c.Name, c.Id, c.BranchId });
        customer.HasIndex(c => new { c.Route, c.Grade, c.Name, c.Id, c.BranchId });
        customer.HasIndex(c => new { c.OwnerId, c.Name, c.Id, c.BranchId, c.EntryDate });
        customer.HasIndex(c => new { c.Category, c.Status, c.Name, c.Id, c.BranchId });
        // The channel tree (渠道), walked one level at a time from a distributor down.
        customer.HasIndex(c => new { c.BranchId, c.ParentId });
        // Duplicate detection, group-wide.
        customer.HasIndex(c => new { c.RegionKey, c.NameKey });
        customer.HasIndex(c => c.TaxNumber);
    }

    /// <summary>A field of the card: its column, named as the field's property, sized and converted by what it holds.</summary>
    private static void MapCardColumn(EntityTypeBuilder<Customer> customer, CardField field)
    {
        if (field.Value == CardValue.Competitors)
        {
            customer.Property<IReadOnlyList<Competitor>>(field.Property).HasJsonConversion();
            return;
        }
        var column = customer.Property(field.Property);
        if (field.Value == CardValue.Enum) column.HasConversion<string>();
        if (field.MaxLength is { } length) column.HasMaxLength(length);
    }
}
