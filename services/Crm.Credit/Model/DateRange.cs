namespace Crm.Credit.Model;

/// <summary>An inclusive range of days.</summary>
public readonly record struct DateRange(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly date) => date >= From && date <= To;

    /// <summary>The months <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static DateRange OfMonths(YearMonth first, YearMonth last) => new(first.FirstDay, last.LastDay);
}
