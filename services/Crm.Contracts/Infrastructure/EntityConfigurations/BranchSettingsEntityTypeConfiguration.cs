namespace Crm.Contracts.Infrastructure.EntityConfigurations;

internal sealed class BranchSettingsEntityTypeConfiguration : IEntityTypeConfiguration<BranchSettings>
{
    public void Configure(EntityTypeBuilder<BranchSettings> settings)
    {
        settings.ToTable("BranchSettings");
        settings.HasKey(s => s.BranchId);
        settings.Property(s => s.ReminderDays).HasJsonConversion();
        settings.Property(s => s.Company).HasJsonConversion();
        settings.Property(s => s.Version).IsConcurrencyToken();
    }
}
