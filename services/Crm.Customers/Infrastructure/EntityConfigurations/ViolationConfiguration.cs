namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>Violations (违规记录).</summary>
public sealed class ViolationConfiguration : IEntityTypeConfiguration<Violation>
{
    public void Configure(EntityTypeBuilder<Violation> violation)
    {
        violation.HasKey(v => v.Id);
        violation.Property(v => v.Type).HasConversion<string>().HasMaxLength(30);
        violation.Property(v => v.Description).HasMaxLength(Violation.DescriptionMaxLength);
        violation.Property(v => v.RecordedByName).HasMaxLength(100);
        violation.HasIndex(v => new { v.CustomerId, v.OccurredOn });
    }
}
