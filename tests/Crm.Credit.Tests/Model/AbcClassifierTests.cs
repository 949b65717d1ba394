namespace Crm.Credit.Tests.Model;

public sealed class AbcClassifierTests
{
    private static CustomerSales C(string code, decimal sales) => new(Guid.NewGuid(), code, code, sales);

    [Fact]
    public void Customers_are_classed_by_the_cumulative_share_before_them_against_a_hand_computed_table()
    {
        // Total 1,000. Rank, sales, cumulative share before → class:
        //  1 C-01 500  0.00 → A   2 C-02 200  0.50 → A   3 C-03 150  0.70 → A (it carries the share across 80 %)
        //  4 C-04  80  0.85 → B   5 C-05  50  0.93 → B   6 C-06  20  0.98 → C   7 C-07 0 → C
        var analysis = AbcClassifier.Classify([C("C-06", 20), C("C-02", 200), C("C-07", 0), C("C-04", 80), C("C-01", 500), C("C-05", 50), C("C-03", 150)]);

        Assert.Equal(1000m, analysis.TotalSales);
        Assert.Equal(
            [
                (1, "C-01", 0.5m, 0.5m, AbcClass.A), (2, "C-02", 0.2m, 0.7m, AbcClass.A), (3, "C-03", 0.15m, 0.85m, AbcClass.A),
                (4, "C-04", 0.08m, 0.93m, AbcClass.B), (5, "C-05", 0.05m, 0.98m, AbcClass.B), (6, "C-06", 0.02m, 1m, AbcClass.C),
                (7, "C-07", 0m, 1m, AbcClass.C),
            ],
            analysis.Items.Select(i => (i.Rank, i.Code, i.Share, i.CumulativeShare, i.Class)));
        Assert.Equal(
            [(AbcClass.A, 3, 850m, 0.85m), (AbcClass.B, 2, 130m, 0.13m), (AbcClass.C, 2, 20m, 0.02m)],
            analysis.Classes.Select(c => (c.Class, c.Customers, c.Sales, c.Share)));
    }

    [Fact]
    public void Ties_rank_by_code_and_the_largest_customer_is_always_A()
    {
        var analysis = AbcClassifier.Classify([C("B", 900), C("A", 900)], 0.3m, 0.6m);

        Assert.Equal(["A", "B"], analysis.Items.Select(i => i.Code));
        Assert.Equal([AbcClass.A, AbcClass.B], analysis.Items.Select(i => i.Class));
    }

    [Fact]
    public void Without_sales_everyone_is_C()
    {
        var analysis = AbcClassifier.Classify([C("A", 0), C("B", 0)]);
        Assert.All(analysis.Items, i => Assert.Equal(AbcClass.C, i.Class));
        Assert.Equal(0m, analysis.TotalSales);
    }

    [Fact]
    public void Shares_are_rounded_to_four_places_and_add_up_to_exactly_one()
    {
        Assert.Equal([0.3334m, 0.3333m, 0.3333m], Shares.Of([1m, 1m, 1m]));
        Assert.Equal([0.6667m, 0.3333m, 0m], Shares.Of([2m, 1m, 0m]));
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var parts = Enumerable.Range(0, random.Next(1, 40)).Select(_ => Math.Round((decimal)random.NextDouble() * 10_000m, 2)).ToList();
            if (parts.Sum() == 0) continue;
            Assert.Equal(1m, Shares.Of(parts).Sum());
        }
    }
}
