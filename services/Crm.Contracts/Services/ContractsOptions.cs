using Microsoft.Extensions.Options;

namespace Crm.Contracts.Services;

/// <summary>The <c>Contracts</c> configuration section.</summary>
public sealed class ContractsOptions
{
    public const string SectionName = "Contracts";

    /// <summary>The time zone of the branches' calendar: what "today" means for effective and expiry dates (IANA id).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Off only where a test drives the expiry job itself.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>How often the expiry job runs (it also runs once at start).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Contracts handled per unit of work in a sweep.</summary>
    public int SweepBatchSize { get; set; } = 200;
}

/// <summary>The branches' calendar: today's date in the configured time zone.</summary>
public sealed class BusinessCalendar(IOptions<ContractsOptions> options, TimeProvider clock)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateOnly Today() => Today(clock.GetUtcNow());

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, _zone).DateTime);

    public static bool IsKnownTimeZone(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
