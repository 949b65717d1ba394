namespace Crm.Web.Localization;

/// <summary>Money, dates and months the Chinese way, whatever the language of the labels.</summary>
public static class Format
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>¥1,234,567.80: yuan sign, thousands separators, two decimals.</summary>
    public static string Money(decimal? amount) =>
        amount is { } a ? (a < 0 ? "-" : "") + "¥" + Math.Abs(a).ToString("#,##0.00", Zh) : "—";

    /// <summary>2026年11月23日.</summary>
    public static string Date(DateOnly? date) => date is { } d ? d.ToString("yyyy年M月d日", Zh) : "—";

    /// <summary>2026年11月23日 14:05, in China time (the users' clock).</summary>
    public static string Instant(DateTimeOffset? at) =>
        at is { } a ? a.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy年M月d日 HH:mm", Zh) : "—";

    /// <summary>"2026-11" → 2026年11月.</summary>
    public static string Month(string? month) =>
        month is not null && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy年M月", Zh) : month ?? "—";

    public static string Percent(decimal? share) => share is { } s ? (s * 100).ToString("0.0", Zh) + "%" : "—";

    public static string Number(decimal? value) => value is { } v ? v.ToString("#,##0.##", Zh) : "—";
}
