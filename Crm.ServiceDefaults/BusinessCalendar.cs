using Microsoft.Extensions.Options;

namespace Crm.ServiceDefaults;

/// <summary>The <c>BusinessCalendar</c> configuration section: the one time zone every service's dates are in.</summary>
public sealed class BusinessCalendarOptions
{
    public const string SectionName = "BusinessCalendar";

    /// <summary>The branches' time zone (IANA id): what "today", "this month" and "not in the future" mean everywhere.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}

/// <summary>
/// The branches' calendar (营业日历), one for every service: today's date, the date of an instant and a month's bounds
/// where the branches are, never in UTC (a sale at 01:00 in Shanghai is entered that day, not the day before).
/// Time comes from the injected clock only.
/// </summary>
public sealed class BusinessCalendar(TimeProvider clock, IOptions<BusinessCalendarOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public TimeZoneInfo Zone => _zone;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Today's date in the branches' zone.</summary>
    public DateOnly Today => DateOf(clock.GetUtcNow());

    /// <summary>This month in the branches' zone.</summary>
    public YearMonth ThisMonth => YearMonth.Of(Today);

    /// <summary>The branches' date of an instant.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    /// <summary>The instant a day starts in the branches' zone.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The instants at which a month starts and the next one starts, in the branches' zone.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Bounds(YearMonth month) =>
        (StartOf(month.FirstDay), StartOf(month.FirstDay.AddMonths(1)));

    public static bool IsKnownTimeZone(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
