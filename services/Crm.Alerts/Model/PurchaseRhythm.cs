namespace Crm.Alerts.Model;

/// <summary>A purchase that stands (not reversed): its day, the event that recorded it, and its ledger entry.</summary>
public sealed record Purchase(DateOnly Date, Guid EventId, DateTimeOffset OccurredAt, Guid EntryId = default);

/// <summary>
/// How often a customer buys (进货频率): its last purchase day and its usual interval, the median gap between
/// consecutive purchase days over its recent history. The median, because one long holiday or one double order must
/// not move a customer's usual rhythm.
/// </summary>
public sealed record PurchaseRhythm(DateOnly? LastPurchaseOn, Guid? LastPurchaseEventId, decimal? UsualIntervalDays)
{
    /// <summary>Fewer purchase days than this give no usual interval.</summary>
    public const int MinimumPurchaseDays = 3;

    /// <summary>The interval is taken over this many most recent purchase days.</summary>
    public const int RecentPurchaseDays = 13;

    public static PurchaseRhythm None { get; } = new(null, null, null);

    /// <param name="purchases">The customer's most recent purchases: at least those of its last <see cref="RecentPurchaseDays"/> purchase days.</param>
    public static PurchaseRhythm Of(IEnumerable<Purchase> purchases)
    {
        var days = purchases
            .GroupBy(p => p.Date)
            .Select(day => (Date: day.Key, Latest: day.MaxBy(p => new FactPosition(p.OccurredAt, p.EventId))!))
            .OrderBy(day => day.Date)
            .TakeLast(RecentPurchaseDays)
            .ToList();
        if (days.Count == 0) return None;

        decimal? usual = null;
        if (days.Count >= MinimumPurchaseDays)
        {
            var gaps = days.Zip(days.Skip(1), (earlier, later) => later.Date.DayNumber - earlier.Date.DayNumber).Order().ToList();
            var middle = gaps.Count / 2;
            usual = gaps.Count % 2 == 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2m;
        }
        var last = days[^1];
        return new PurchaseRhythm(last.Date, last.Latest.EventId, usual);
    }
}
