namespace Crm.Alerts.Services;

/// <summary>The <c>Alerts</c> configuration section.</summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    /// <summary>The time zone of the branches' calendar: what "today", "this month" and "N days" mean (IANA id).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Off only where a test drives the schedule's work itself.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>How often the time-based rules (churn, not-contacted, progress-behind) look at every customer.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often unacknowledged alerts are checked for escalation, and the open-alert gauge refreshed.</summary>
    public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Customers evaluated per unit of work in a sweep.</summary>
    public int SweepBatchSize { get; set; } = 200;
}

/// <summary>The branches' calendar: today's date and this month in the configured time zone.</summary>
public sealed class BusinessCalendar(Microsoft.Extensions.Options.IOptions<AlertsOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, _zone).DateTime);

    public static bool IsKnownTimeZone(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
