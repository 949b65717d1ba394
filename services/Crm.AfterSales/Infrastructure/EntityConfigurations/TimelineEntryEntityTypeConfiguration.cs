namespace Crm.AfterSales.Infrastructure.EntityConfigurations;

internal sealed class TimelineEntryEntityTypeConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> entry)
    {
        entry.ToTable("ComplaintTimeline");
        entry.HasKey(t => new { t.ComplaintId, t.Sequence });
        entry.Property(t => t.ByName).HasMaxLength(100);
        entry.Property(t => t.Action).HasMaxLength(40);
        entry.Property(t => t.Detail).HasMaxLength(8000);
    }
}
