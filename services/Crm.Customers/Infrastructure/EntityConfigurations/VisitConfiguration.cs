namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>Visits and other contacts with a customer.</summary>
public sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> visit)
    {
        visit.HasKey(v => v.Id);
        visit.Property(v => v.Kind).HasConversion<string>().HasMaxLength(30);
        visit.Property(v => v.Summary).HasMaxLength(Visit.SummaryMaxLength);
        visit.Property(v => v.ContactedByName).HasMaxLength(100);
        visit.HasIndex(v => new { v.CustomerId, v.On });
        visit.HasIndex(v => new { v.CustomerId, v.ContactedBy, v.On });
    }
}
