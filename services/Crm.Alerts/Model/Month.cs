using System.Globalization;

namespace Crm.Alerts.Model;

/// <summary>A calendar month as the events spell it (<c>yyyy-MM</c>).</summary>
public readonly record struct Month(int Year, int Number) : IComparable<Month>
{
    public static Month Of(DateOnly day) => new(day.Year, day.Month);

    public static Month Parse(string text) => TryParse(text, out var month)
        ? month
        : throw new FormatException($"'{text}' is not a month (yyyy-MM).");

    public static bool TryParse(string? text, out Month month)
    {
        month = default;
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            return false;
        month = Of(first);
        return true;
    }

    public DateOnly FirstDay => new(Year, Number, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public int Days => DateTime.DaysInMonth(Year, Number);

    public Month Plus(int months) => Of(FirstDay.AddMonths(months));

    public int CompareTo(Month other) => (Year, Number).CompareTo((other.Year, other.Number));

    public override string ToString() => $"{Year:D4}-{Number:D2}";
}
