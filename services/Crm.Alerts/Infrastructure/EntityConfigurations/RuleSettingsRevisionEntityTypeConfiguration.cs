namespace Crm.Alerts.Infrastructure.EntityConfigurations;

internal sealed class RuleSettingsRevisionEntityTypeConfiguration : IEntityTypeConfiguration<RuleSettingsRevision>
{
    public void Configure(EntityTypeBuilder<RuleSettingsRevision> revision)
    {
        revision.HasKey(r => r.Id);
        revision.Property(r => r.Id).ValueGeneratedOnAdd();
        revision.Property(r => r.Rule).HasMaxLength(50);
        revision.Property(r => r.Thresholds).HasConversion(ThresholdsColumn.Converter, ThresholdsColumn.Comparer).HasMaxLength(2000);
        revision.Property(r => r.EscalationAssigneeId).HasMaxLength(Crm.Alerts.Model.RuleSettings.AssigneeMaxLength);
        revision.Property(r => r.Reason).HasMaxLength(Crm.Alerts.Model.RuleSettings.ReasonMaxLength);
        revision.HasIndex(r => new { r.BranchId, r.Rule, r.Version }).IsUnique();
    }
}
