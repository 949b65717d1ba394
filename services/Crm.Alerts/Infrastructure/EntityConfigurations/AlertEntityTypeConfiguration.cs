namespace Crm.Alerts.Infrastructure.EntityConfigurations;

/// <summary>Alerts, their evidence and timeline. Applied explicitly: the index of open alerts is filtered in the provider's SQL.</summary>
internal sealed class AlertEntityTypeConfiguration(DatabaseProvider provider) : IEntityTypeConfiguration<Alert>
{
    private string OpenAlertsOnly => provider == DatabaseProvider.SqlServer ? "[State] <> 'Resolved'" : "\"State\" <> 'Resolved'";

    public void Configure(EntityTypeBuilder<Alert> alert)
    {
        alert.HasAssignedKey(a => a.Id);
        alert.Property(a => a.Rule).HasMaxLength(50);
        alert.Property(a => a.Thresholds).HasConversion(ThresholdsColumn.Converter, ThresholdsColumn.Comparer).HasMaxLength(2000);
        alert.Property(a => a.Summary).HasMaxLength(2000);
        alert.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        alert.Property(a => a.AssigneeId).HasMaxLength(100);
        alert.Property(a => a.AssigneeRole).HasMaxLength(50);
        alert.Property(a => a.Cause).HasMaxLength(Alert.CauseMaxLength);
        alert.Property(a => a.Action).HasMaxLength(Alert.ActionMaxLength);
        alert.Property(a => a.Version).IsConcurrencyToken();
        alert.Ignore(a => a.Assignee);
        alert.Ignore(a => a.IsOpen);
        // One open alert per rule and customer, enforced by the database too: two evaluations racing to raise the
        // same alert cannot both commit; the loser's retry finds the winner's alert and adds its evidence.
        alert.HasIndex(a => new { a.CustomerId, a.Rule }).IsUnique().HasFilter(OpenAlertsOnly)
            .HasDatabaseName("IX_Alerts_OneOpenPerCustomerAndRule");
        alert.HasIndex(a => new { a.CustomerId, a.Rule, a.RaisedAt });
        alert.HasIndex(a => new { a.BranchId, a.State, a.RaisedAt });

        alert.OwnsMany(a => a.Evidence, evidence =>
        {
            evidence.ToTable("AlertEvidence");
            evidence.WithOwner().HasForeignKey("AlertId");
            evidence.Property<long>("Id").ValueGeneratedOnAdd();
            evidence.HasKey("Id");
            evidence.Property(e => e.Name).HasMaxLength(100);
            evidence.Property(e => e.Value).HasMaxLength(2000);
        });
        alert.Navigation(a => a.Evidence).HasField("_evidence");

        alert.OwnsMany(a => a.Timeline, timeline =>
        {
            timeline.ToTable("AlertTimeline");
            timeline.WithOwner().HasForeignKey("AlertId");
            timeline.Property<long>("Id").ValueGeneratedOnAdd();
            timeline.HasKey("Id");
            timeline.Property(t => t.Kind).HasConversion<string>().HasMaxLength(30);
            timeline.Property(t => t.Note).HasMaxLength(4000);
        });
        alert.Navigation(a => a.Timeline).HasField("_timeline");
    }
}
