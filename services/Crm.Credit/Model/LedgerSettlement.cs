namespace Crm.Credit.Model;

/// <summary>
/// One ledger row as the grading gather reads it: dates as day numbers, the amount in millionths of a yuan (the
/// store's own fixed-point unit), numbers with <see cref="LedgerSettlement.None"/> for "no such reference".
/// </summary>
public readonly record struct SettlementRow(
    LedgerEntryKind Kind, int Number, int Day, int DueDay, long Amount, int ReversesNumber, int CreditsNumber);

/// <summary>
/// What a customer's ledger before a cut-off day adds up to, aggregated in SQL (the grading gather's opening balances):
/// the standing sales and the payments dated before it, and the sales among them that lie in the previous window.
/// Valid as a prefix of the settlement only when no entry before the cut-off is still due in the window and no
/// reference (reversal, credit note) crosses the cut-off: the gather checks both and replays such a customer whole.
/// </summary>
public readonly record struct SettlementOpening(long Sales, long Payments, long PreviousWindowSales)
{
    public static readonly SettlementOpening None = default;
}

/// <summary>The figures grading needs from one customer's ledger, in millionths.</summary>
public readonly record struct SettlementFigures(long WindowSales, long PreviousWindowSales, long AmountDue, long PaidByDueDate, int SalesDue)
{
    public static decimal Yuan(long millionths) => millionths / 1_000_000m;

    public OnTimeFigures OnTime => new(Yuan(AmountDue), Yuan(PaidByDueDate), SalesDue);
}

/// <summary>
/// The settlement rule of <see cref="LedgerReplay"/> in integer arithmetic, for the three figures a grading run needs
/// (net sales in the window and in the window before it, and the on-time figures of the window), with buffers reused
/// from one customer to the next. <see cref="LedgerReplay"/> stays the rule's statement; a property test holds this
/// one to it over random ledgers.
/// </summary>
public sealed class LedgerSettlement
{
    public const int None = int.MinValue;

    private readonly HashSet<int> _reversed = [];
    private readonly List<SettlementRow> _sales = [];
    private readonly List<SettlementRow> _payments = [];
    private readonly List<SettlementRow> _credits = [];
    private readonly Dictionary<int, long> _standing = [];
    private readonly Dictionary<int, long> _credited = [];
    private long _opening;
    private int[] _paymentDays = new int[64];
    private long[] _cumulative = new long[64];

    private static readonly Comparison<SettlementRow> ByDayThenNumber =
        static (a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day) : a.Number.CompareTo(b.Number);

    public SettlementFigures Settle(ReadOnlySpan<SettlementRow> rows, DateRange window, DateRange previous, DateOnly asOf) =>
        Settle(SettlementOpening.None, rows, window, previous, asOf);

    /// <summary>
    /// Settles the rows dated from a cut-off day on, after an <paramref name="opening"/> that stands for every row before
    /// it: its sales come first in settlement order (they are older) and its payments are in every cumulative total.
    /// </summary>
    public SettlementFigures Settle(SettlementOpening opening, ReadOnlySpan<SettlementRow> rows, DateRange window, DateRange previous, DateOnly asOf)
    {
        _reversed.Clear();
        _sales.Clear();
        _payments.Clear();
        _credits.Clear();
        foreach (ref readonly var row in rows)
            if (row.ReversesNumber != None) _reversed.Add(row.ReversesNumber);
        foreach (ref readonly var row in rows)
        {
            if (row.ReversesNumber != None || (_reversed.Count > 0 && _reversed.Contains(row.Number))) continue;
            (row.Kind switch { LedgerEntryKind.Sale => _sales, LedgerEntryKind.CreditNote => _credits, _ => _payments }).Add(row);
        }

        if (_credits.Count > 0) ApplyCredits();
        _sales.Sort(ByDayThenNumber);
        _payments.Sort(ByDayThenNumber);

        var count = _payments.Count;
        if (_paymentDays.Length < count)
        {
            _paymentDays = new int[Math.Max(count, _paymentDays.Length * 2)];
            _cumulative = new long[_paymentDays.Length];
        }
        _opening = opening.Payments;
        var paid = opening.Payments;
        for (var i = 0; i < count; i++)
        {
            paid += _payments[i].Amount;
            _paymentDays[i] = _payments[i].Day;
            _cumulative[i] = paid;
        }

        int windowFrom = window.From.DayNumber, windowTo = window.To.DayNumber;
        int previousFrom = previous.From.DayNumber, previousTo = previous.To.DayNumber;
        var lastDue = Math.Min(windowTo, asOf.DayNumber);
        long windowSales = 0, previousSales = opening.PreviousWindowSales, due = 0, onTime = 0, before = opening.Sales;
        var salesDue = 0;
        foreach (var sale in _sales)
        {
            if (sale.Day >= windowFrom && sale.Day <= windowTo) windowSales += sale.Amount;
            if (sale.Day >= previousFrom && sale.Day <= previousTo) previousSales += sale.Amount;
            if (sale.DueDay >= windowFrom && sale.DueDay <= lastDue)
            {
                due += sale.Amount;
                onTime += Clamp(PaidBy(count, sale.DueDay) - before, sale.Amount);
                salesDue++;
            }
            before += sale.Amount;
        }
        return new SettlementFigures(windowSales, previousSales, due, onTime, salesDue);
    }

    /// <summary>Credit notes lower the standing sale they name (in number order); the rest is pooled with the payments on its date.</summary>
    private void ApplyCredits()
    {
        _standing.Clear();
        _credited.Clear();
        foreach (var sale in _sales) _standing.Add(sale.Number, sale.Amount);
        _credits.Sort(static (a, b) => a.Number.CompareTo(b.Number));
        foreach (var credit in _credits)
        {
            long applied = 0;
            if (credit.CreditsNumber != None && _standing.TryGetValue(credit.CreditsNumber, out var remaining))
            {
                applied = Math.Min(remaining, credit.Amount);
                _standing[credit.CreditsNumber] = remaining - applied;
                _credited[credit.CreditsNumber] = _credited.GetValueOrDefault(credit.CreditsNumber) + applied;
            }
            if (credit.Amount > applied) _payments.Add(credit with { Amount = credit.Amount - applied });
        }
        if (_credited.Count == 0) return;
        var kept = 0;
        for (var i = 0; i < _sales.Count; i++)
        {
            var sale = _sales[i];
            var credited = _credited.GetValueOrDefault(sale.Number);
            if (sale.Amount > credited) _sales[kept++] = sale with { Amount = sale.Amount - credited };
        }
        _sales.RemoveRange(kept, _sales.Count - kept);
    }

    private static long Clamp(long value, long max) => value < 0 ? 0 : value > max ? max : value;

    /// <summary>Cumulative payments dated on or before <paramref name="day"/> (the opening's payments are all before it).</summary>
    private long PaidBy(int count, int day)
    {
        int low = 0, high = count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (_paymentDays[middle] <= day) { found = middle; low = middle + 1; }
            else high = middle - 1;
        }
        return found < 0 ? _opening : _cumulative[found];
    }
}
