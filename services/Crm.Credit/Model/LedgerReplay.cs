namespace Crm.Credit.Model;

public enum LedgerEntryKind
{
    Sale,
    Payment,
    CreditNote,
}

/// <summary>
/// The figures of one ledger entry that settlement needs. <see cref="DueDate"/> is only meaningful for a sale,
/// <see cref="CreditsNumber"/> only for a credit note (the sale it credits).
/// </summary>
public readonly record struct LedgerLine(
    LedgerEntryKind Kind, int Number, DateOnly Date, DateOnly DueDate, decimal Amount, int? ReversesNumber, int? CreditsNumber = null);

/// <summary>How far one sale has been paid, under the settlement rule of <see cref="LedgerReplay"/>.</summary>
public sealed record SaleSettlement(
    int Number, DateOnly Date, DateOnly DueDate, decimal Amount,
    decimal SettledByDueDate, decimal Settled, DateOnly? PaidOffOn)
{
    public decimal Outstanding => Amount - Settled;

    /// <summary>What credit notes took off the sale; <see cref="Amount"/> is what remains due.</summary>
    public decimal Credited { get; init; }
}

/// <summary>The on-time credit performance (按期信用履约率) over a window: what fell due, and how much of it was paid by its due date.</summary>
public sealed record OnTimeFigures(decimal AmountDue, decimal PaidByDueDate, int SalesDue)
{
    /// <summary>Paid by the due date ÷ fell due, to four places; null when nothing fell due.</summary>
    public decimal? Rate => AmountDue == 0 ? null : Money.Ratio(PaidByDueDate, AmountDue);
}

/// <summary>
/// Replays a customer's ledger to settle payments against sales. The rule: reversed entries and their reversals are
/// left out (a correction cancels the original entirely); every other payment settles the oldest open sale first,
/// oldest by sale date, then by line number. Payments are pooled by date, so money received before a sale (a
/// prepayment, or an overpayment) settles that sale as soon as it is recorded. The allocation is derived from the
/// immutable entries every time, never stored, so a backdated or reversed entry can never leave it stale.
/// Equivalently: sale i covers the slice [S(i−1), S(i)) of the cumulative sales, and by date d it is settled as far as
/// the cumulative payments P(d) reach into that slice.
/// A credit note (退货冲账) lowers the amount due of the standing sale it credits, whatever its date (the goods returned
/// were never owed); what exceeds that sale's remaining amount, and a credit note naming no standing sale, is pooled
/// with the payments on its date. A sale credited in full is no longer due and leaves the settlement.
/// The account's read keeps the result of the last replay (<see cref="LedgerSnapshot"/>), recomputed in full from every
/// entry in the transaction that records each new one, and read only while it counts as many entries as the account.
/// </summary>
public sealed class LedgerReplay
{
    private readonly List<SaleSettlement> _sales;
    private readonly DateOnly[] _paymentDates;
    private readonly decimal[] _paymentsCumulative;

    private LedgerReplay(List<SaleSettlement> sales, DateOnly[] paymentDates, decimal[] paymentsCumulative)
    {
        _sales = sales;
        _paymentDates = paymentDates;
        _paymentsCumulative = paymentsCumulative;
    }

    /// <summary>The sales that stand (neither reversed nor reversals), in settlement order.</summary>
    public IReadOnlyList<SaleSettlement> Sales => _sales;

    /// <summary>The standing payments and pooled credits, by date: each date with what was paid up to and including it.</summary>
    internal ReadOnlySpan<DateOnly> PaymentDates => _paymentDates;
    internal ReadOnlySpan<decimal> PaymentsCumulative => _paymentsCumulative;

    /// <summary>A replay as <see cref="LedgerSnapshot"/> stored it: the same settlements, payments and totals.</summary>
    internal static LedgerReplay Restore(
        List<SaleSettlement> sales, DateOnly[] paymentDates, decimal[] paymentsCumulative,
        decimal totalSales, decimal totalPayments, decimal totalCreditNotes, decimal unapplied) =>
        new(sales, paymentDates, paymentsCumulative)
        {
            TotalSales = totalSales,
            TotalPayments = totalPayments,
            TotalCreditNotes = totalCreditNotes,
            Unapplied = unapplied,
        };

    /// <summary>The standing sales, net of what credit notes took off them.</summary>
    public decimal TotalSales { get; private init; }

    /// <summary>The standing payments.</summary>
    public decimal TotalPayments { get; private init; }

    /// <summary>Every credit note, whether it lowered a sale or was pooled with the payments.</summary>
    public decimal TotalCreditNotes { get; private init; }

    /// <summary>Payments and pooled credits beyond every standing sale (a prepayment or an overpayment).</summary>
    public decimal Unapplied { get; private init; }

    public static LedgerReplay Of(IReadOnlyCollection<LedgerLine> lines)
    {
        var reversed = new HashSet<int>();
        foreach (var line in lines)
            if (line.ReversesNumber is { } number) reversed.Add(number);

        var sales = new List<LedgerLine>();
        var payments = new List<LedgerLine>();
        var credits = new List<LedgerLine>();
        foreach (var line in lines)
        {
            if (line.ReversesNumber is not null || reversed.Contains(line.Number)) continue;
            (line.Kind switch { LedgerEntryKind.Sale => sales, LedgerEntryKind.CreditNote => credits, _ => payments }).Add(line);
        }

        Dictionary<int, decimal>? credited = null;
        decimal creditNotes = 0;
        if (credits.Count > 0)
        {
            credited = [];
            var standing = sales.ToDictionary(s => s.Number, s => s.Amount);
            credits.Sort(static (a, b) => a.Number.CompareTo(b.Number));
            foreach (var credit in credits)
            {
                creditNotes += credit.Amount;
                var applied = 0m;
                if (credit.CreditsNumber is { } number && standing.TryGetValue(number, out var remaining))
                {
                    applied = Math.Min(remaining, credit.Amount);
                    standing[number] = remaining - applied;
                    credited[number] = credited.GetValueOrDefault(number) + applied;
                }
                if (credit.Amount > applied) payments.Add(credit with { Amount = credit.Amount - applied });
            }
            sales = sales.Where(s => s.Amount > credited.GetValueOrDefault(s.Number))
                .Select(s => s with { Amount = s.Amount - credited.GetValueOrDefault(s.Number) })
                .ToList();
        }
        sales.Sort(static (a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : a.Number.CompareTo(b.Number));
        payments.Sort(static (a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date) : a.Number.CompareTo(b.Number));

        var dates = new DateOnly[payments.Count];
        var cumulative = new decimal[payments.Count];
        decimal paid = 0;
        for (var i = 0; i < payments.Count; i++)
        {
            paid += payments[i].Amount;
            dates[i] = payments[i].Date;
            cumulative[i] = paid;
        }

        var settlements = new List<SaleSettlement>(sales.Count);
        decimal before = 0;
        foreach (var sale in sales)
        {
            var byDue = Clamp(PaidBy(dates, cumulative, sale.DueDate) - before, sale.Amount);
            var settled = Clamp(paid - before, sale.Amount);
            DateOnly? paidOffOn = settled == sale.Amount ? PaidOffOn(dates, cumulative, before + sale.Amount, sale.Date) : null;
            settlements.Add(new SaleSettlement(sale.Number, sale.Date, sale.DueDate, sale.Amount, byDue, settled, paidOffOn)
            {
                Credited = credited?.GetValueOrDefault(sale.Number) ?? 0,
            });
            before += sale.Amount;
        }
        return new LedgerReplay(settlements, dates, cumulative)
        {
            TotalSales = before,
            TotalPayments = paid - (creditNotes - (credited?.Values.Sum() ?? 0)),
            TotalCreditNotes = creditNotes,
            Unapplied = paid > before ? paid - before : 0,
        };
    }

    /// <summary>Sales that fell due between the window's start and its end or <paramref name="asOf"/>, whichever is earlier.</summary>
    public OnTimeFigures OnTime(DateRange window, DateOnly asOf)
    {
        var last = window.To < asOf ? window.To : asOf;
        decimal due = 0, onTime = 0;
        var count = 0;
        foreach (var sale in _sales)
        {
            if (sale.DueDate < window.From || sale.DueDate > last) continue;
            due += sale.Amount;
            onTime += sale.SettledByDueDate;
            count++;
        }
        return new OnTimeFigures(due, onTime, count);
    }

    /// <summary>Net sales dated within the range.</summary>
    public decimal SalesWithin(DateRange range)
    {
        decimal total = 0;
        foreach (var sale in _sales)
            if (range.Contains(sale.Date)) total += sale.Amount;
        return total;
    }

    /// <summary>What was due before <paramref name="asOf"/> and is still unpaid on that day.</summary>
    public decimal OverdueOn(DateOnly asOf)
    {
        var paid = PaidBy(_paymentDates, _paymentsCumulative, asOf);
        decimal before = 0, overdue = 0;
        foreach (var sale in _sales)
        {
            if (sale.DueDate < asOf) overdue += sale.Amount - Clamp(paid - before, sale.Amount);
            before += sale.Amount;
        }
        return overdue;
    }

    private static decimal Clamp(decimal value, decimal max) => value < 0 ? 0 : value > max ? max : value;

    /// <summary>Cumulative payments dated on or before <paramref name="date"/>.</summary>
    private static decimal PaidBy(DateOnly[] dates, decimal[] cumulative, DateOnly date)
    {
        int low = 0, high = dates.Length - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (dates[middle] <= date) { found = middle; low = middle + 1; }
            else high = middle - 1;
        }
        return found < 0 ? 0 : cumulative[found];
    }

    /// <summary>The day cumulative payments first reached <paramref name="target"/>; a prepaid sale is paid off on its own date.</summary>
    private static DateOnly PaidOffOn(DateOnly[] dates, decimal[] cumulative, decimal target, DateOnly saleDate)
    {
        int low = 0, high = cumulative.Length - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (cumulative[middle] >= target) high = middle;
            else low = middle + 1;
        }
        return dates[low] > saleDate ? dates[low] : saleDate;
    }
}
