using System.Diagnostics.CodeAnalysis;

namespace Crm.ServiceDefaults;

/// <summary>A calendar month, written <c>yyyy-MM</c> in the API and in the events (API.md); as text it orders correctly.</summary>
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    public static YearMonth Of(DateOnly date) => new(date.Year, date.Month);

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => new(Year, Month, Days);

    public int Days => DateTime.DaysInMonth(Year, Month);

    public YearMonth AddMonths(int months) => Of(FirstDay.AddMonths(months));

    public bool Contains(DateOnly date) => date.Year == Year && date.Month == Month;

    public static bool TryParse([NotNullWhen(true)] string? text, out YearMonth month)
    {
        month = default;
        if (text is not { Length: 7 }
            || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            return false;
        if (!BusinessDates.InRange(first)) return false; // the calendar's last months would overflow "the month after"
        month = Of(first);
        return true;
    }

    public static YearMonth Parse(string text) =>
        TryParse(text, out var month) ? month : throw new FormatException($"'{text}' is not a month (yyyy-MM).");

    public int CompareTo(YearMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public static bool operator <(YearMonth left, YearMonth right) => left.CompareTo(right) < 0;
    public static bool operator >(YearMonth left, YearMonth right) => left.CompareTo(right) > 0;
    public static bool operator <=(YearMonth left, YearMonth right) => left.CompareTo(right) <= 0;
    public static bool operator >=(YearMonth left, YearMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
