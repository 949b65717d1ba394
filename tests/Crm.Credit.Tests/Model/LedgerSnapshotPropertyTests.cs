using Crm.ServiceDefaults;

namespace Crm.Credit.Tests.Model;

/// <summary>
/// The account's stored ledger snapshot against a full <see cref="LedgerReplay"/> of the same lines, over the random
/// ledgers of <see cref="LedgerSettlementPropertyTests"/> (back-dated entries, reversals, credit notes, prepayments,
/// overpayments, terms of 0–90 days): written to bytes and read back, it answers every figure of the account the same,
/// on any day and for any window. Deterministic: the seeds are fixed, and a failure names its seed.
/// </summary>
public sealed class LedgerSnapshotPropertyTests
{
    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 300; seed++) seeds.Add(seed);
        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_stored_snapshot_answers_as_a_full_replay(int seed)
    {
        var random = new Random(seed);
        for (var customer = 0; customer < 5; customer++)
        {
            var lines = LedgerSettlementPropertyTests.RandomLedger(random);
            var replay = LedgerReplay.Of(lines);

            var stored = LedgerSnapshot.FromBytes(LedgerSnapshot.Of(lines).ToBytes());

            var read = stored.Replay;
            Assert.True(replay.TotalSales == read.TotalSales, $"seed {seed}: total sales");
            Assert.True(replay.TotalPayments == read.TotalPayments, $"seed {seed}: total payments");
            Assert.True(replay.TotalCreditNotes == read.TotalCreditNotes, $"seed {seed}: total credit notes");
            Assert.True(replay.Unapplied == read.Unapplied, $"seed {seed}: unapplied");
            Assert.Equal(replay.Sales, read.Sales);
            Assert.Equal(LastDate(lines, LedgerEntryKind.Sale), stored.LastSaleOn);
            Assert.Equal(LastDate(lines, LedgerEntryKind.Payment), stored.LastPaymentOn);
            for (var day = 0; day < 12; day++)
            {
                // Any day from before the first entry to long after the last, and windows of 3 to 24 months ending then.
                var asOf = new DateOnly(2024, 5, 1).AddDays(random.Next(0, 1400));
                var months = random.Next(3, 25);
                var end = new YearMonth(asOf.Year, asOf.Month);
                var window = DateRange.OfMonths(end.AddMonths(1 - months), end);
                Assert.True(replay.OverdueOn(asOf) == read.OverdueOn(asOf), $"seed {seed}: overdue on {asOf}");
                Assert.Equal(replay.OnTime(window, asOf), read.OnTime(window, asOf));
                Assert.True(replay.SalesWithin(window) == read.SalesWithin(window), $"seed {seed}: sales within {window}");
            }
        }
    }

    [Fact]
    public void An_empty_ledger_has_an_empty_snapshot()
    {
        var stored = LedgerSnapshot.FromBytes(LedgerSnapshot.Of([]).ToBytes());

        Assert.Empty(stored.Replay.Sales);
        Assert.Equal((0m, 0m, (DateOnly?)null, (DateOnly?)null), (stored.Replay.TotalSales, stored.Replay.OverdueOn(new DateOnly(2026, 11, 16)), stored.LastSaleOn, stored.LastPaymentOn));
    }

    /// <summary>The rule as the account stated it before snapshots: the latest date of an entry of the kind that is neither reversed nor a reversal.</summary>
    private static DateOnly? LastDate(List<LedgerLine> lines, LedgerEntryKind kind)
    {
        var reversed = lines.Where(l => l.ReversesNumber is not null).Select(l => l.ReversesNumber!.Value).ToHashSet();
        return lines.Where(l => l.Kind == kind && l.ReversesNumber is null && !reversed.Contains(l.Number)).Select(l => (DateOnly?)l.Date).Max();
    }
}
