using Crm.Credit.Model.Grading;
using Crm.ServiceDefaults;

namespace Crm.Credit.Tests.Model;

/// <summary>The rebate rule, the contract year, credit notes in settlement and the complaints input, on hand-worked figures.</summary>
public sealed class ContractRulesTests
{
    private static readonly RebateTier[] Tiers = [new(100_000m, 1m), new(300_000m, 2m), new(500_000m, 3.5m)];

    [Theory]
    [InlineData("0", null, "0", "100000", "100000")]
    [InlineData("99999.99", null, "0", "100000", "0.01")]
    [InlineData("100000", "100000", "1000.00", "300000", "200000")]       // the threshold itself reaches the tier
    [InlineData("299999.99", "100000", "2999.9999", "300000", "0.01")]   // 2,999.9999 rounds to 3,000.00
    [InlineData("300000", "300000", "6000.00", "500000", "200000")]
    [InlineData("612345.67", "500000", "21432.10", null, null)]          // 612,345.67 × 3.5 % = 21,432.09845 → 21,432.10; no next tier
    [InlineData("-500", null, "0", "100000", "100000")]                  // more returned than bought this year
    public void The_whole_years_purchases_earn_the_reached_tiers_percent(string purchases, string? reached, string accrued, string? next, string? left)
    {
        var standing = RebateRule.Of(decimal.Parse(purchases), Tiers);

        Assert.Equal(reached is null ? null : decimal.Parse(reached), standing.Reached?.Threshold);
        Assert.Equal(Money.Round(decimal.Parse(accrued)), standing.Accrued);
        Assert.Equal(next is null ? null : decimal.Parse(next), standing.Next?.Threshold);
        Assert.Equal(left is null ? null : decimal.Parse(left), standing.LeftToNext);
    }

    [Fact]
    public void A_return_takes_back_what_it_earned_including_a_tier_it_no_longer_reaches()
    {
        // 350,000 at 2 % = 7,000.00; less 60,000 → 290,000 at 1 % = 2,900.00: 4,100.00 taken back.
        Assert.Equal(4_100.00m, RebateRule.Reversed(350_000m, 60_000m, Tiers));
        // Within a tier: 400,000 → 390,000, both at 2 %: 200.00.
        Assert.Equal(200.00m, RebateRule.Reversed(400_000m, 10_000m, Tiers));
        // Below every tier nothing was earned, so nothing is taken back.
        Assert.Equal(0m, RebateRule.Reversed(50_000m, 10_000m, Tiers));
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-01", "2026-03-01", "2027-02-28")]
    [InlineData("2026-03-01", "2027-02-28", "2026-03-01", "2027-02-28")]
    [InlineData("2026-03-01", "2027-03-01", "2027-03-01", "2028-02-29")]
    [InlineData("2028-02-29", "2029-02-27", "2028-02-29", "2029-02-27")] // a leap-day start: its anniversaries fall on 28 February
    [InlineData("2028-02-29", "2029-02-28", "2029-02-28", "2030-02-27")]
    [InlineData("2026-03-01", "2026-01-15", "2026-03-01", "2027-02-28")] // before the contract: its first year
    public void The_contract_year_runs_from_each_anniversary_of_the_effective_date(string effective, string date, string from, string to)
    {
        var year = ContractYear.Containing(DateOnly.Parse(effective), DateOnly.Parse(date));

        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), (year.From, year.To));
    }

    private static LedgerLine Sale(int number, string date, decimal amount, string due) =>
        new(LedgerEntryKind.Sale, number, DateOnly.Parse(date), DateOnly.Parse(due), amount, null);

    private static LedgerLine Payment(int number, string date, decimal amount) =>
        new(LedgerEntryKind.Payment, number, DateOnly.Parse(date), DateOnly.Parse(date), amount, null);

    private static LedgerLine Credit(int number, string date, decimal amount, int? sale) =>
        new(LedgerEntryKind.CreditNote, number, DateOnly.Parse(date), DateOnly.Parse(date), amount, null, sale);

    [Fact]
    public void A_credit_note_lowers_the_amount_due_of_the_sale_it_credits_and_the_oldest_sale_stays_first_to_be_paid()
    {
        // Sale 1: 1,000 due 03-31; sale 2: 500 due 04-14. Return of 300 against sale 2 on 04-20; payment of 1,000 on 03-25.
        var replay = LedgerReplay.Of(
        [
            Sale(1, "2026-03-01", 1_000m, "2026-03-31"),
            Sale(2, "2026-03-15", 500m, "2026-04-14"),
            Payment(3, "2026-03-25", 1_000m),
            Credit(4, "2026-04-20", 300m, 2),
        ]);

        Assert.Equal([1_000m, 200m], replay.Sales.Select(s => s.Amount));
        Assert.Equal([0m, 300m], replay.Sales.Select(s => s.Credited));
        Assert.Equal([0m, 200m], replay.Sales.Select(s => s.Outstanding));
        Assert.Equal(1_200m, replay.TotalSales);
        Assert.Equal(1_000m, replay.TotalPayments);
        Assert.Equal(300m, replay.TotalCreditNotes);
        // Due in the year: 1,000 + 200; paid by the due dates 1,000 + 0.
        Assert.Equal(new OnTimeFigures(1_200m, 1_000m, 2), replay.OnTime(DateRange.OfMonths(new YearMonth(2026, 1), new YearMonth(2026, 12)), new DateOnly(2026, 11, 16)));
    }

    [Fact]
    public void A_credit_beyond_its_sale_or_naming_none_is_pooled_with_the_payments_and_a_sale_credited_in_full_is_no_longer_due()
    {
        var replay = LedgerReplay.Of(
        [
            Sale(1, "2026-03-01", 400m, "2026-03-31"),
            Sale(2, "2026-03-15", 500m, "2026-04-14"),
            Credit(3, "2026-03-20", 450m, 1),   // 400 lowers sale 1 to 0; 50 pooled on 03-20
            Credit(4, "2026-03-21", 100m, null), // pooled on 03-21
            Credit(5, "2026-03-22", 20m, 99),   // a sale this ledger does not hold: pooled on 03-22
        ]);

        var sale = Assert.Single(replay.Sales);
        Assert.Equal((2, 500m, 170m, 330m), (sale.Number, sale.Amount, sale.Settled, sale.Outstanding));
        Assert.Equal((0m, 570m, 0m), (replay.TotalPayments, replay.TotalCreditNotes, replay.Unapplied));
        // The ledger's balance, 900 sold − 570 credited = 330, is what stays open.
        Assert.Equal(900m - 570m, replay.Sales.Sum(s => s.Outstanding));
    }

    [Fact]
    public void Model_v2_counts_the_periods_complaints_with_quality_complaints_twice_and_explains_it()
    {
        var windows = GradingWindows.Ending(new YearMonth(2026, 10), 12);
        var inputs = new GradingInputs(0, 0, new OnTimeFigures(0, 0, 0), 80m, null, LaterComplaints: 3, QualityComplaints: 1);

        var result = GradingModel.WithComplaints.Assess(inputs, windows.Current, windows.Previous);

        var complaints = Assert.Single(result.Explanation, i => i.Input == GradingModel.ComplaintsInput);
        Assert.Equal(4m, complaints.Value);       // 2 other + 1 quality × 2
        Assert.Equal(-10.00m, complaints.Points); // 4 × 2.5
        Assert.Contains("2025-11…2026-10", complaints.Note);
        Assert.Contains("1 quality", complaints.Note);
        Assert.Equal(result.Score, result.Explanation.Sum(i => i.Points));
        // 0 + 40 + 24 − 10 = 54: E.
        Assert.Equal((54.00m, Grade.E), (result.Score, result.Grade));

        var many = GradingModel.WithComplaints.Assess(inputs with { LaterComplaints = 9, QualityComplaints = 5 }, windows.Current, windows.Previous);
        Assert.Equal(-15.00m, many.Explanation.Single(i => i.Input == GradingModel.ComplaintsInput).Points); // 14 × 2.5 = 35, capped at 15
        Assert.True(GradingModel.WithComplaints.Validate().IsEmpty);
        Assert.Equal(GradingModel.WithComplaints, GradingModel.FromJson(GradingModel.WithComplaints.ToJson()));
    }
}
