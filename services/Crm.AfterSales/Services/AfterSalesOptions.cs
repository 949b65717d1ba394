namespace Crm.AfterSales.Services;

/// <summary>The <c>AfterSales</c> configuration section.</summary>
public sealed class AfterSalesOptions
{
    public const string SectionName = "AfterSales";

    /// <summary>Where attachments are kept as files (never in a database row); relative paths are against the working directory.</summary>
    public string DataFolder { get; set; } = ".data/aftersales-files";

    /// <summary>The branches' calendar for return windows and monthly statistics (IANA id).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Off only where a test drives the sweep itself.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>How often the service-level sweep looks for missed deadlines.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Complaints marked per unit of work in a sweep.</summary>
    public int SweepBatchSize { get; set; } = 200;

    /// <summary>The largest attachment (10 MiB).</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>Today's date and a month's bounds in the configured time zone.</summary>
public sealed class BusinessCalendar(Microsoft.Extensions.Options.IOptions<AfterSalesOptions> options, TimeProvider clock)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), _zone).DateTime);

    /// <summary>The instants at which a month starts and the next one starts, in the branches' zone.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Bounds(Crm.ServiceDefaults.YearMonth month) =>
        (StartOf(month.FirstDay), StartOf(month.FirstDay.AddMonths(1)));

    private DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static bool IsKnownTimeZone(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
