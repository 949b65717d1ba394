namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>Major incidents (重大变故).</summary>
public sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> incident)
    {
        incident.HasKey(i => i.Id);
        incident.Property(i => i.Kind).HasConversion<string>().HasMaxLength(30);
        incident.Property(i => i.Description).HasMaxLength(Incident.DescriptionMaxLength);
        incident.Property(i => i.ReportedByName).HasMaxLength(100);
        incident.HasIndex(i => new { i.CustomerId, i.OccurredOn });
    }
}
