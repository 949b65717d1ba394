using Crm.ServiceDefaults;

namespace Crm.Credit.Tests.Model;

/// <summary>Settlement and the on-time rate on hand-worked ledgers (partial payments, late payments, reversals, prepayments).</summary>
public sealed class LedgerReplayTests
{
    private static readonly DateRange Year2026 = DateRange.OfMonths(new YearMonth(2026, 1), new YearMonth(2026, 12));
    private static readonly DateOnly AsOf = new(2026, 11, 16);

    private static LedgerLine Sale(int number, string date, decimal amount, string due) =>
        new(LedgerEntryKind.Sale, number, DateOnly.Parse(date), DateOnly.Parse(due), amount, null);

    private static LedgerLine Payment(int number, string date, decimal amount) =>
        new(LedgerEntryKind.Payment, number, DateOnly.Parse(date), DateOnly.Parse(date), amount, null);

    private static LedgerLine Reversal(LedgerLine original, int number) => original with { Number = number, Amount = -original.Amount, ReversesNumber = original.Number };

    // Sale 1: 1,000.00 on 03-01, due 03-31.  Sale 2: 500.00 on 03-15, due 04-14.
    // Payment 3: 600.00 on 03-20 → sale 1 has 600.00 by its due date.
    // Payment 4: 700.00 on 04-10 → sale 1 paid off (late), sale 2 has 300.00 by its due date.
    // Payment 5: 200.00 on 05-01 → sale 2 paid off (late).
    // Due 1,500.00, paid by the due dates 600.00 + 300.00 = 900.00: rate 0.6.
    private static readonly List<LedgerLine> PartialAndLate =
    [
        Sale(1, "2026-03-01", 1000.00m, "2026-03-31"),
        Sale(2, "2026-03-15", 500.00m, "2026-04-14"),
        Payment(3, "2026-03-20", 600.00m),
        Payment(4, "2026-04-10", 700.00m),
        Payment(5, "2026-05-01", 200.00m),
    ];

    [Fact]
    public void A_sale_paid_in_full_before_its_due_date_is_on_time()
    {
        var replay = LedgerReplay.Of([Sale(1, "2026-01-10", 1000m, "2026-02-10"), Payment(2, "2026-02-05", 1000m)]);

        var onTime = replay.OnTime(Year2026, AsOf);

        Assert.Equal(new OnTimeFigures(1000m, 1000m, 1), onTime);
        Assert.Equal(1m, onTime.Rate);
        Assert.Equal(new DateOnly(2026, 2, 5), replay.Sales.Single().PaidOffOn);
    }

    [Fact]
    public void Partial_and_late_payments_count_only_what_was_paid_by_each_due_date()
    {
        var replay = LedgerReplay.Of(PartialAndLate);

        var onTime = replay.OnTime(Year2026, AsOf);

        Assert.Equal(1500.00m, onTime.AmountDue);
        Assert.Equal(900.00m, onTime.PaidByDueDate);
        Assert.Equal(0.6m, onTime.Rate);
        Assert.Equal([600.00m, 300.00m], replay.Sales.Select(s => s.SettledByDueDate));
        Assert.Equal([new DateOnly(2026, 4, 10), new DateOnly(2026, 5, 1)], replay.Sales.Select(s => s.PaidOffOn!.Value));
    }

    [Fact]
    public void Overdue_is_what_fell_due_before_the_day_and_is_still_unpaid()
    {
        var replay = LedgerReplay.Of(PartialAndLate);

        Assert.Equal(0m, replay.OverdueOn(new DateOnly(2026, 3, 31)));   // sale 1 falls due that day: not yet overdue
        Assert.Equal(400.00m, replay.OverdueOn(new DateOnly(2026, 4, 1)));  // 1,000 − 600
        Assert.Equal(200.00m, replay.OverdueOn(new DateOnly(2026, 4, 20))); // sale 2: 500 − 300
        Assert.Equal(0m, replay.OverdueOn(new DateOnly(2026, 5, 1)));
    }

    [Fact]
    public void A_reversed_payment_never_settled_anything()
    {
        var bounced = Payment(6, "2026-03-25", 400.00m);
        var replay = LedgerReplay.Of([.. PartialAndLate, bounced, Reversal(bounced, 7)]);

        Assert.Equal(0.6m, replay.OnTime(Year2026, AsOf).Rate);
        Assert.Equal(1300.00m + 200.00m, replay.TotalPayments);
    }

    [Fact]
    public void A_reversed_sale_neither_falls_due_nor_takes_payments_from_the_sales_after_it()
    {
        // Dated between sales 1 and 2 and due before both: if it stood, it would absorb payment 4 and fall due unpaid.
        var mistaken = Sale(8, "2026-03-05", 2000.00m, "2026-03-20");
        var replay = LedgerReplay.Of([.. PartialAndLate, mistaken, Reversal(mistaken, 9)]);

        Assert.Equal(new OnTimeFigures(1500.00m, 900.00m, 2), replay.OnTime(Year2026, AsOf));
        Assert.Equal([1, 2], replay.Sales.Select(s => s.Number));
    }

    [Fact]
    public void A_sale_that_stands_and_was_unpaid_lowers_the_rate()
    {
        var unpaid = Sale(8, "2026-03-05", 2000.00m, "2026-03-20");
        var replay = LedgerReplay.Of([.. PartialAndLate, unpaid]);

        // Settlement order: sale 1 (03-01), sale 8 (03-05), sale 2 (03-15). By 03-20 only 600 was paid, all to sale 1;
        // by 03-31 still 600; by 04-14 1,300, which does not reach sale 2's slice (3,000–3,500).
        var onTime = replay.OnTime(Year2026, AsOf);
        Assert.Equal(3500.00m, onTime.AmountDue);
        Assert.Equal(600.00m, onTime.PaidByDueDate);
        Assert.Equal(0.1714m, onTime.Rate);
    }

    [Fact]
    public void Money_received_before_a_sale_settles_it_when_it_is_recorded()
    {
        var replay = LedgerReplay.Of([Payment(1, "2026-06-01", 1000m), Sale(2, "2026-06-10", 800m, "2026-07-10")]);

        var sale = replay.Sales.Single();
        Assert.Equal(800m, sale.SettledByDueDate);
        Assert.Equal(new DateOnly(2026, 6, 10), sale.PaidOffOn);
        Assert.Equal(1m, replay.OnTime(Year2026, AsOf).Rate);
    }

    [Fact]
    public void Sales_settle_by_their_date_not_by_the_order_they_were_entered()
    {
        // Line 2 was entered after line 1 but is dated earlier: the payment settles it first.
        var replay = LedgerReplay.Of([Sale(1, "2026-02-01", 100m, "2026-03-01"), Sale(2, "2026-01-15", 100m, "2026-02-15"), Payment(3, "2026-02-10", 100m)]);

        Assert.Equal([2, 1], replay.Sales.Select(s => s.Number));
        Assert.Equal([100m, 0m], replay.Sales.Select(s => s.SettledByDueDate));
    }

    [Fact]
    public void Only_sales_that_fell_due_inside_the_window_and_by_the_day_count()
    {
        var replay = LedgerReplay.Of(
        [
            Sale(1, "2025-11-20", 100m, "2025-12-20"), // due before the window
            Sale(2, "2026-10-20", 100m, "2026-11-10"), // due in the window, before today, unpaid
            Sale(3, "2026-11-01", 100m, "2026-11-30"), // due in the window but after today: not yet due
        ]);

        var onTime = replay.OnTime(Year2026, AsOf);

        Assert.Equal(new OnTimeFigures(100m, 0m, 1), onTime);
        Assert.Null(LedgerReplay.Of([Sale(1, "2026-11-01", 100m, "2026-11-30")]).OnTime(Year2026, AsOf).Rate);
    }

    [Fact]
    public void Net_sales_within_a_range_leave_reversed_sales_out()
    {
        var wrong = Sale(2, "2026-03-02", 50m, "2026-04-01");
        var replay = LedgerReplay.Of([Sale(1, "2026-02-28", 10m, "2026-03-30"), wrong, Reversal(wrong, 3), Sale(4, "2026-03-31", 5m, "2026-04-30")]);

        Assert.Equal(5m, replay.SalesWithin(DateRange.OfMonths(new YearMonth(2026, 3), new YearMonth(2026, 3))));
        Assert.Equal(15m, replay.TotalSales);
    }
}
