namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>Meetings with customers (座谈会) and their follow-up actions.</summary>
public sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> meeting)
    {
        meeting.HasAssignedKey(m => m.Id);
        meeting.Property(m => m.Title).HasMaxLength(Meeting.TitleMaxLength);
        meeting.Property(m => m.Location).HasMaxLength(CustomerProfile.AddressMaxLength);
        meeting.Property(m => m.Minutes).HasMaxLength(Meeting.MinutesMaxLength);
        meeting.Property(m => m.CustomerIds).HasJsonConversion();
        meeting.Property(m => m.Attendees).HasJsonConversion();
        meeting.Property(m => m.RecordedByName).HasMaxLength(100);
        meeting.Property(m => m.Version).IsConcurrencyToken();
        meeting.HasMany(m => m.Actions).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        meeting.Navigation(m => m.Actions).HasField("_actions").UsePropertyAccessMode(PropertyAccessMode.Field);
        meeting.HasIndex(m => new { m.BranchId, m.HeldOn });
    }
}
