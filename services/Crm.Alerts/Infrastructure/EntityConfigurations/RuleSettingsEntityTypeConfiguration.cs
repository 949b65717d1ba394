namespace Crm.Alerts.Infrastructure.EntityConfigurations;

internal sealed class RuleSettingsEntityTypeConfiguration : IEntityTypeConfiguration<RuleSettings>
{
    public void Configure(EntityTypeBuilder<RuleSettings> settings)
    {
        settings.HasKey(s => new { s.BranchId, s.Rule });
        settings.Property(s => s.Rule).HasMaxLength(50);
        settings.Property(s => s.Thresholds).HasConversion(ThresholdsColumn.Converter, ThresholdsColumn.Comparer).HasMaxLength(2000);
        settings.Property(s => s.EscalationAssigneeId).HasMaxLength(Crm.Alerts.Model.RuleSettings.AssigneeMaxLength);
        settings.Property(s => s.Reason).HasMaxLength(Crm.Alerts.Model.RuleSettings.ReasonMaxLength);
        settings.Property(s => s.Version).IsConcurrencyToken();
    }
}
