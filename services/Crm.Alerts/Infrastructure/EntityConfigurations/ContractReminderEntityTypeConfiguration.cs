namespace Crm.Alerts.Infrastructure.EntityConfigurations;

internal sealed class ContractReminderEntityTypeConfiguration : IEntityTypeConfiguration<ContractReminder>
{
    public void Configure(EntityTypeBuilder<ContractReminder> reminder)
    {
        reminder.ToTable("ContractReminders");
        reminder.HasAssignedKey(r => r.ContractId);
        reminder.Property(r => r.Number).HasMaxLength(ProjectedContract.NumberMaxLength);
        reminder.HasIndex(r => r.CustomerId);
    }
}
