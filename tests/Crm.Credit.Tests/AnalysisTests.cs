namespace Crm.Credit.Tests;

/// <summary>
/// ABC classes and structure analysis (客户结构分析) over a branch whose figures are worked out by hand:
/// net sales 2026-01…2026-10 of 1,000.00 in all.
/// </summary>
public sealed class AnalysisTests(AnalysisTests.Branch branch) : IClassFixture<AnalysisTests.Branch>
{
    public sealed class Branch : IAsyncLifetime
    {
        public CreditSystem Credit { get; } = new();

        public async Task InitializeAsync()
        {
            await Credit.InitializeAsync();
            var c1 = await Credit.RegisterCustomerAsync("an", "一号", code: "AN-01", region: "华东");
            var c2 = await Credit.RegisterCustomerAsync("an", "二号", code: "AN-02", region: "华北");
            var c3 = await Credit.RegisterCustomerAsync("an", "三号", code: "AN-03", region: "华东");
            var c4 = await Credit.RegisterCustomerAsync("an", "四号", code: "AN-04", region: "华南");
            var c5 = await Credit.RegisterCustomerAsync("an", "五号", code: "AN-05", region: "华南");
            using var clerk = new Clerk(Credit, "an");
            await clerk.SaleAsync(c1, 300m, "2026-02-01", "2026-03-01", "洗衣粉", 3);
            await clerk.SaleAsync(c1, 200m, "2026-05-01", "2026-06-01", "香皂", 2);
            await clerk.SaleAsync(c2, 200m, "2026-03-01", "2026-04-01", "洗衣粉", 2);
            await clerk.SaleAsync(c3, 150m, "2026-10-31", "2026-11-30", "香皂", 1);
            await clerk.SaleAsync(c4, 80m, "2026-01-01", "2026-02-01", "牙膏", 1);
            await clerk.SaleAsync(c5, 50m, "2026-07-01", "2026-08-01", "牙膏", 1);
            var wrong = await clerk.SaleAsync(c5, 1_000m, "2026-07-02", "2026-08-02", "牙膏", 10);
            await clerk.ReverseAsync("sale", wrong, "录错 entered by mistake");
            await clerk.SaleAsync(c1, 999m, "2025-12-31", "2026-01-31", "洗衣粉", 9); // before the period
            await clerk.SaleAsync(c2, 999m, "2026-11-01", "2026-12-01", "洗衣粉", 9); // after it

            // Grades from a model where the scorecard alone decides: 一号 and 二号 A, 三号 B, 四号 D, 五号 E.
            using var groupGm = Credit.As("ggm", "hq", "group-gm");
            await (await groupGm.Put("/api/credit/grading/model", new
            {
                version = 2, // v2 is the built-in model with complaints on
                model = new
                {
                    salesTrend = new { maxPoints = 0, zeroAtRatio = 0.6, fullAtRatio = 1.1, ratioWithoutHistory = 1 },
                    onTime = new { maxPoints = 0, rateWhenNothingDue = 1 },
                    scorecard = new { maxPoints = 100, scoreWhenMissing = 0 },
                },
            })).JsonAsync(HttpStatusCode.OK);
            foreach (var (customer, score) in new[] { (c1, 95m), (c2, 91m), (c3, 85m), (c4, 65m), (c5, 50m) })
                await Credit.PublishAndWaitAsync(Clerk.Scorecard(customer, "an", score, CreditSystem.Now.AddDays(-20)));
            using var manager = Credit.As("sam-an", "an", "sales-admin-manager");
            await manager.RunGrading("2026-10");

            // Registered after the grading: 六号 is ungraded, 七号 bought nothing.
            var c6 = await Credit.RegisterCustomerAsync("an", "六号", code: "AN-06", region: "华北");
            await Credit.RegisterCustomerAsync("an", "七号", code: "AN-07", region: "华东");
            await clerk.SaleAsync(c6, 20m, "2026-09-09", "2026-10-09", "洗衣粉", 0.2m);
            // Another branch's business never shows in this branch's analysis.
            var elsewhere = await Credit.RegisterCustomerAsync("zz", "别处", code: "ZZ-01");
            using var zzClerk = new Clerk(Credit, "zz");
            await zzClerk.SaleAsync(elsewhere, 1_000_000m, "2026-05-05", "2026-06-05");
        }

        public Task DisposeAsync() => Credit.DisposeAsync();
    }

    private HttpClient Manager() => branch.Credit.As("sam-an", "an", "sales-admin-manager");

    [Fact]
    public async Task Abc_classes_match_the_hand_computed_table()
    {
        using var manager = Manager();
        var abc = await (await manager.GetAsync("/api/credit/analysis/abc?from=2026-01&to=2026-10")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1_000m, abc.Decimal("totalSales"));
        Assert.Equal(7, abc.GetProperty("total").GetInt32());
        Assert.Equal(
            [
                ("AN-01", 500m, 0.5m, 0.5m, "A"), ("AN-02", 200m, 0.2m, 0.7m, "A"), ("AN-03", 150m, 0.15m, 0.85m, "A"),
                ("AN-04", 80m, 0.08m, 0.93m, "B"), ("AN-05", 50m, 0.05m, 0.98m, "B"), ("AN-06", 20m, 0.02m, 1m, "C"),
                ("AN-07", 0m, 0m, 1m, "C"),
            ],
            abc.GetProperty("items").EnumerateArray().Select(i => (i.String("code"), i.Decimal("sales"), i.Decimal("share"), i.Decimal("cumulativeShare"), i.String("class"))));
        Assert.Equal(
            [("A", 3, 850m, 0.85m), ("B", 2, 130m, 0.13m), ("C", 2, 20m, 0.02m)],
            abc.GetProperty("classes").EnumerateArray().Select(c => (c.String("class"), c.GetProperty("customers").GetInt32(), c.Decimal("sales"), c.Decimal("share"))));

        var paged = await (await manager.GetAsync("/api/credit/analysis/abc?from=2026-01&to=2026-10&page=2&pageSize=3")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["AN-04", "AN-05", "AN-06"], paged.GetProperty("items").EnumerateArray().Select(i => i.String("code")));
        var narrower = await (await manager.GetAsync("/api/credit/analysis/abc?from=2026-01&to=2026-10&aShare=0.5&bShare=0.9")).JsonAsync(HttpStatusCode.OK);
        // Shares before each: 0, .5, .7, .85, .93, .98, 1 → below .5 A, below .9 B, else C.
        Assert.Equal(["A", "B", "B", "B", "C", "C", "C"], narrower.GetProperty("items").EnumerateArray().Select(i => i.String("class")));
    }

    [Theory]
    [InlineData("product", "洗衣粉:520:0.52:3|香皂:350:0.35:2|牙膏:130:0.13:2")]
    [InlineData("region", "华东:650:0.65:2|华北:220:0.22:2|华南:130:0.13:2")]
    [InlineData("grade", "A:700:0.7:2|B:150:0.15:1|D:80:0.08:1|E:50:0.05:1|ungraded:20:0.02:1")]
    public async Task Structure_shares_match_the_hand_computed_tables(string by, string expected)
    {
        using var manager = Manager();
        var structure = await (await manager.GetAsync($"/api/credit/analysis/structure?by={by}&from=2026-01&to=2026-10")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1_000m, structure.Decimal("totalSales"));
        Assert.Equal(expected, string.Join("|", structure.GetProperty("rows").EnumerateArray()
            .Select(r => $"{r.String("key")}:{r.Decimal("sales"):0.##}:{r.Decimal("share"):0.####}:{r.GetProperty("customers").GetInt32()}")));
        Assert.Equal(1m, structure.GetProperty("rows").EnumerateArray().Sum(r => r.Decimal("share")));
        if (by == "product")
            Assert.Equal(5.2m, structure.GetProperty("rows")[0].Decimal("quantity"));
    }

    [Fact]
    public async Task Analysis_is_for_managers_and_checks_its_query()
    {
        using var rep = branch.Credit.As("rep-1", "an", "sales-rep");
        await (await rep.GetAsync("/api/credit/analysis/abc")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await rep.GetAsync("/api/credit/analysis/structure?by=product")).ProblemAsync(HttpStatusCode.Forbidden);

        using var manager = Manager();
        await (await manager.GetAsync("/api/credit/analysis/structure?by=colour")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await manager.GetAsync("/api/credit/analysis/structure?by=product&from=2026-10&to=2026-01")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await manager.GetAsync("/api/credit/analysis/abc?aShare=0.9&bShare=0.8")).ProblemAsync(HttpStatusCode.BadRequest);

        using var groupGm = branch.Credit.As("ggm", "hq", "group-gm");
        var group = await (await groupGm.GetAsync("/api/credit/analysis/structure?by=region&from=2026-01&to=2026-10")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1_001_000m, group.Decimal("totalSales"));
        var one = await (await groupGm.GetAsync("/api/credit/analysis/structure?by=region&from=2026-01&to=2026-10&branchId=an")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1_000m, one.Decimal("totalSales"));
    }
}
