namespace Crm.Contracts.Infrastructure.EntityConfigurations;

internal sealed class ExpiryReminderEntityTypeConfiguration : IEntityTypeConfiguration<ExpiryReminder>
{
    public void Configure(EntityTypeBuilder<ExpiryReminder> reminder)
    {
        reminder.ToTable("ExpiryReminders");
        reminder.HasKey(r => new { r.ContractId, r.ExpiresOn, r.Days });
    }
}
