namespace Crm.Alerts.Services;

/// <summary>The <c>Alerts</c> configuration section.</summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    /// <summary>Off only where a test drives the schedule's work itself.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>How often the time-based rules (churn, not-contacted, progress-behind) look at every customer.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often unacknowledged alerts are checked for escalation, and the open-alert gauge refreshed.</summary>
    public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a branch's rule settings stay cached at most. A change through this instance's settings route takes
    /// effect at once; this bounds how late another replica sees it.
    /// </summary>
    public TimeSpan RuleSettingsCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Customers evaluated per unit of work in a sweep.</summary>
    public int SweepBatchSize { get; set; } = 200;
}
