using Crm.ServiceDefaults;

namespace Crm.Credit.Tests.Model;

/// <summary>
/// The grading gather's integer settlement against the rule's statement, <see cref="LedgerReplay"/>, over random
/// ledgers: sales with terms of 0–90 days, payments short, exact and over, prepayments, back-dated entries (numbers
/// not in date order), reversals of sales, payments and credit notes, and credit notes naming a sale, a reversed sale
/// or none. Deterministic: the seeds are fixed, and a failure names its seed.
/// </summary>
public sealed class LedgerSettlementPropertyTests
{
    private static readonly DateRange Window = DateRange.OfMonths(new YearMonth(2025, 11), new YearMonth(2026, 10));
    private static readonly DateRange Previous = DateRange.OfMonths(new YearMonth(2024, 11), new YearMonth(2025, 10));

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 400; seed++) seeds.Add(seed);
        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Integer_settlement_gives_the_figures_of_the_replay(int seed)
    {
        var random = new Random(seed);
        var settlement = new LedgerSettlement();
        // A few customers per seed through the same instance, so reused buffers are exercised too.
        for (var customer = 0; customer < 5; customer++)
        {
            var lines = RandomLedger(random);
            var asOf = new DateOnly(2026, 11, 16).AddDays(-random.Next(0, 60));
            var replay = LedgerReplay.Of(lines);
            var expectedOnTime = replay.OnTime(Window, asOf);

            var figures = settlement.Settle(lines.Select(Row).ToArray(), Window, Previous, asOf);

            Assert.True(replay.SalesWithin(Window) == SettlementFigures.Yuan(figures.WindowSales), $"seed {seed}: window sales");
            Assert.True(replay.SalesWithin(Previous) == SettlementFigures.Yuan(figures.PreviousWindowSales), $"seed {seed}: previous window sales");
            Assert.True(expectedOnTime.AmountDue == figures.OnTime.AmountDue, $"seed {seed}: amount due");
            Assert.True(expectedOnTime.PaidByDueDate == figures.OnTime.PaidByDueDate, $"seed {seed}: paid by the due date");
            Assert.Equal(expectedOnTime.SalesDue, figures.SalesDue);
            Assert.Equal(expectedOnTime.Rate, figures.OnTime.Rate);
        }
    }

    [Fact]
    public void The_random_ledgers_reach_every_case()
    {
        // The generator is worth only what it covers: across the seeds, every kind of line and reference occurs.
        int reversals = 0, credits = 0, creditsOfReversed = 0, backDated = 0, prepaid = 0, overpaid = 0;
        for (var seed = 1; seed <= 400; seed++)
        {
            var random = new Random(seed);
            for (var customer = 0; customer < 5; customer++)
            {
                var lines = RandomLedger(random);
                random.Next(0, 60);
                var reversed = lines.Where(l => l.ReversesNumber is not null).Select(l => l.ReversesNumber!.Value).ToHashSet();
                reversals += reversed.Count;
                credits += lines.Count(l => l.Kind == LedgerEntryKind.CreditNote);
                creditsOfReversed += lines.Count(l => l.CreditsNumber is { } n && reversed.Contains(n));
                backDated += lines.Zip(lines.Skip(1)).Count(p => p.Second.Date < p.First.Date);
                var sales = lines.Where(l => l.Kind == LedgerEntryKind.Sale && l.ReversesNumber is null).ToList();
                var payments = lines.Where(l => l.Kind == LedgerEntryKind.Payment && l.ReversesNumber is null).ToList();
                if (payments.Count > 0 && sales.Count > 0 && payments.Min(p => p.Date) < sales.Min(s => s.Date)) prepaid++;
                if (payments.Sum(p => p.Amount) > sales.Sum(s => s.Amount)) overpaid++;
            }
        }
        Assert.All(new[] { reversals, credits, creditsOfReversed, backDated, prepaid, overpaid }, count => Assert.True(count > 10, $"{count}"));
    }

    private static SettlementRow Row(LedgerLine line) => new(
        line.Kind, line.Number, line.Date.DayNumber, line.DueDate.DayNumber, Micros(line.Amount),
        line.ReversesNumber ?? LedgerSettlement.None, line.CreditsNumber ?? LedgerSettlement.None);

    private static long Micros(decimal amount) => (long)(amount * 1_000_000m);

    /// <summary>Lines in number order (as recorded); their dates wander back and forth over 30 months.</summary>
    internal static List<LedgerLine> RandomLedger(Random random)
    {
        var lines = new List<LedgerLine>();
        var start = new DateOnly(2024, 6, 1);
        var count = random.Next(0, 40);
        var day = 0;
        for (var number = 1; number <= count; number++)
        {
            // Mostly forward in time, sometimes back-dated by up to two months.
            day = Math.Max(0, day + (random.Next(10) == 0 ? -random.Next(1, 60) : random.Next(0, 40)));
            var date = start.AddDays(day);
            var amount = Amount(random);
            var pick = random.Next(100);
            var standing = lines.Where(l => l.ReversesNumber is null && !lines.Any(x => x.ReversesNumber == l.Number)).ToList();
            if (pick < 45)
                lines.Add(new LedgerLine(LedgerEntryKind.Sale, number, date, date.AddDays(random.Next(0, 91)), amount, null));
            else if (pick < 80)
            {
                // Short, exact or over what the last sale asked.
                var lastSale = standing.LastOrDefault(l => l.Kind == LedgerEntryKind.Sale).Amount;
                var paid = lastSale > 0 && random.Next(3) > 0 ? Cents(lastSale * (0.5m + random.Next(0, 80) / 100m)) : amount;
                lines.Add(new LedgerLine(LedgerEntryKind.Payment, number, date, date, paid > 0 ? paid : amount, null));
            }
            else if (pick < 90 && lines.Count > 0)
            {
                // A credit note naming an earlier sale (standing or reversed), or none.
                var sales = lines.Where(l => l.Kind == LedgerEntryKind.Sale && l.ReversesNumber is null).ToList();
                int? credits = sales.Count > 0 && random.Next(5) > 0 ? sales[random.Next(sales.Count)].Number : null;
                lines.Add(new LedgerLine(LedgerEntryKind.CreditNote, number, date, date, amount, null, credits));
            }
            else if (standing.Count > 0)
            {
                var original = standing[random.Next(standing.Count)];
                lines.Add(original with { Number = number, Date = date, Amount = -original.Amount, ReversesNumber = original.Number });
            }
            else
                lines.Add(new LedgerLine(LedgerEntryKind.Payment, number, date, date, amount, null));
        }
        return lines;
    }

    private static decimal Amount(Random random) => random.Next(1, 500_000) / 100m;

    private static decimal Cents(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);
}
