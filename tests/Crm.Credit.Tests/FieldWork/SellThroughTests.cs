using System.Net.Http.Headers;
using System.Text;

namespace Crm.Credit.Tests.FieldWork;

/// <summary>
/// Sell-through (分销数据) and distribution targets (分销目标) on a channel tree whose figures are worked out by hand.
/// Distributor SH-D1 (today is 2026-11-16):
/// <code>
/// outlet  entry date   sell-through lines (date, product, quantity, amount)
/// O1      2026-10-03   2026-10-05 洗衣粉 10 1,234.56 (JSON)   2026-11-02 洗衣粉 1 100.00 (JSON, November)
/// O2      2026-10-20   2026-10-21 香皂    5   800.10 (JSON)
/// O3      2026-09-15   2026-10-30 洗衣粉  3   365.34 (JSON)   2026-10-15 香皂 2 599.99 (CSV, by code)
/// O4      2025-10-10   2025-10-12 洗衣粉  4 1,000.01 (CSV, last year)
/// O5      2025-10-28   —
/// October 2026: new outlets O1, O2 = 2 of 4 (0.5); sell-through 1,234.56 + 800.10 + 365.34 + 599.99 = 2,999.99 of
/// 10,000.00 (0.3000), quantity 20, outlets reached 3; bought from us 5,000.00.
/// October 2025: new outlets O4, O5 = 2; sell-through 1,000.01. Growth (2,999.99 − 1,000.01) / 1,000.01 = 2.0000.
/// </code>
/// </summary>
public sealed class SellThroughTests(SellThroughTests.Tree tree) : IClassFixture<SellThroughTests.Tree>
{
    public sealed class Tree : IAsyncLifetime
    {
        public CreditSystem Credit { get; } = new();
        public Guid Distributor { get; private set; }
        public Guid O1 { get; private set; }
        public Guid O2 { get; private set; }
        public Guid O3 { get; private set; }
        public Guid O4 { get; private set; }
        public Guid OtherDistributor { get; private set; }
        public Guid OtherOutlet { get; private set; }
        public Guid ElsewhereOutlet { get; private set; }

        public async Task InitializeAsync()
        {
            await Credit.InitializeAsync();
            Distributor = await Credit.RegisterAsync("SH-D1");
            O1 = await Credit.RegisterAsync("SH-O1", parent: Distributor, tier: "retail", entryDate: new DateOnly(2026, 10, 3));
            O2 = await Credit.RegisterAsync("SH-O2", parent: Distributor, tier: "wholesaler", entryDate: new DateOnly(2026, 10, 20));
            O3 = await Credit.RegisterAsync("SH-O3", parent: Distributor, tier: "retail", entryDate: new DateOnly(2026, 9, 15));
            O4 = await Credit.RegisterAsync("SH-O4", parent: Distributor, tier: "retail", entryDate: new DateOnly(2025, 10, 10));
            await Credit.RegisterAsync("SH-O5", parent: Distributor, tier: "other", entryDate: new DateOnly(2025, 10, 28));
            OtherDistributor = await Credit.RegisterAsync("SH-D2");
            OtherOutlet = await Credit.RegisterAsync("SH-O9", parent: OtherDistributor, tier: "retail", entryDate: new DateOnly(2026, 10, 9));
            var elsewhere = await Credit.RegisterAsync("BJ-D1", branch: "bj");
            ElsewhereOutlet = await Credit.RegisterAsync("BJ-O1", branch: "bj", parent: elsewhere);
            using var clerk = new Clerk(Credit);
            await clerk.SaleAsync(Distributor, 5_000m, "2026-10-08", "2026-11-08", "洗衣粉", 50);

            using var inside = Credit.As("clerk-sh", "sh", "inside-sales");
            await (await inside.Post("/api/credit/sell-through", Report("R-2026-10", Distributor,
                Line(O1, "2026-10-05", "洗衣粉", 10, 1_234.56m), Line(O2, "2026-10-21", "香皂", 5, 800.10m),
                Line(O3, "2026-10-30", "洗衣粉", 3, 365.34m), Line(O1, "2026-11-02", "洗衣粉", 1, 100.00m)))).JsonAsync(HttpStatusCode.Created);
            var csv = "门店编号,日期,产品,数量,金额\nSH-O3,2026-10-15,香皂,2,599.99\nSH-O4,2025/10/12,洗衣粉,4,\"1,000.01\"\n";
            await (await inside.PostAsync($"/api/credit/sell-through/import?distributorId={Distributor}&reference=R-CSV-1", Csv(csv))).JsonAsync(HttpStatusCode.Created);
        }

        public Task DisposeAsync() => Credit.DisposeAsync();
    }

    internal static object Line(Guid outlet, string date, string product, decimal quantity, decimal amount) =>
        new { outletId = outlet, date, product, quantity, amount };

    internal static object Report(string reference, Guid distributor, params object[] lines) => new { distributorId = distributor, reference, lines };

    internal static StringContent Csv(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("text/csv"));

    private HttpClient Inside(string branch = "sh") => tree.Credit.As($"clerk-{branch}", branch, "inside-sales");

    [Fact]
    public async Task Progress_against_the_target_and_last_year_matches_the_hand_computed_table()
    {
        using var manager = tree.Credit.As("mm-1", "sh", "marketing-manager");
        var uri = $"/api/credit/distribution-targets/{tree.Distributor}/2026-10";
        var set = await (await manager.Put(uri, new { outletsToOpen = 4, sellThroughAmount = 10_000m, note = "四季度铺货" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, set.GetProperty("version").GetInt64());

        var progress = await (await Inside().GetAsync(uri)).JsonAsync(HttpStatusCode.OK);
        var actual = progress.GetProperty("actual");
        Assert.Equal((2, 2_999.99m, 20m, 3, 5_000m),
            (actual.GetProperty("newOutlets").GetInt32(), actual.Decimal("sellThrough"), actual.Decimal("sellThroughQuantity"),
             actual.GetProperty("outletsReached").GetInt32(), actual.Decimal("purchasedFromUs")));
        Assert.Equal(0.5m, progress.Decimal("outletCompletion"));
        Assert.Equal(0.3m, progress.Decimal("sellThroughCompletion"));
        Assert.Equal([tree.O1, tree.O2], progress.GetProperty("newOutletIds").EnumerateArray().Select(e => e.GetGuid()).ToList());
        var lastYear = progress.GetProperty("lastYear");
        Assert.Equal("2025-10", progress.String("lastYearMonth"));
        Assert.Equal((2, 1_000.01m, 1, 0m), (lastYear.GetProperty("newOutlets").GetInt32(), lastYear.Decimal("sellThrough"),
            lastYear.GetProperty("outletsReached").GetInt32(), lastYear.Decimal("purchasedFromUs")));
        Assert.Equal(2m, progress.Decimal("sellThroughGrowthOnLastYear"));
        Assert.Equal(0, progress.GetProperty("newOutletsChangeOnLastYear").GetInt32());

        // A second save sends the version back; a stale one is refused.
        await (await manager.Put(uri, new { outletsToOpen = 5, sellThroughAmount = 12_000m })).ProblemAsync(HttpStatusCode.BadRequest);
        var updated = await (await manager.Put(uri, new { outletsToOpen = 5, sellThroughAmount = 12_000m, version = 1 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((2L, 0.4m, 0.25m), (updated.GetProperty("version").GetInt64(), updated.Decimal("outletCompletion"), updated.Decimal("sellThroughCompletion")));
        await (await manager.Put(uri, new { outletsToOpen = 6, sellThroughAmount = 1m, version = 1 })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_month_of_sell_through_is_shown_by_outlet_and_product_to_the_cent()
    {
        var month = await (await Inside().GetAsync($"/api/credit/sell-through?distributorId={tree.Distributor}&month=2026-10&pageSize=2")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((2_999.99m, 20m, 3), (month.Decimal("totalAmount"), month.Decimal("totalQuantity"), month.GetProperty("outletsReached").GetInt32()));
        Assert.Equal(
            [("SH-O1", 1_234.56m, 10m), ("SH-O3", 965.33m, 5m), ("SH-O2", 800.10m, 5m)],
            month.GetProperty("byOutlet").EnumerateArray().Select(o => (o.String("code")!, o.Decimal("amount"), o.Decimal("quantity"))).ToList());
        Assert.Equal(5_000m, month.Decimal("purchasedFromUs"));
        Assert.Equal(
            [("retail", 2, 2_199.89m), ("wholesaler", 1, 800.10m)],
            month.GetProperty("byTier").EnumerateArray().Select(t => (t.String("tier")!, t.GetProperty("outlets").GetInt32(), t.Decimal("amount"))).ToList());
        Assert.Equal(
            [("洗衣粉", 1_599.90m, 13m), ("香皂", 1_400.09m, 7m)],
            month.GetProperty("byProduct").EnumerateArray().Select(o => (o.String("product")!, o.Decimal("amount"), o.Decimal("quantity"))).ToList());
        var lines = month.GetProperty("lines");
        Assert.Equal((4, 2), (lines.GetProperty("total").GetInt32(), lines.GetProperty("items").GetArrayLength()));

        var november = await (await Inside().GetAsync($"/api/credit/sell-through?distributorId={tree.Distributor}&month=2026-11")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(100m, november.Decimal("totalAmount"));
    }

    [Fact]
    public async Task A_report_is_recorded_once_per_reference_and_another_report_under_it_is_refused()
    {
        using var inside = Inside();
        using var meter = new CreditMeter(tree.Credit);
        var report = Report("R-IDEM", tree.OtherDistributor, Line(tree.OtherOutlet, "2026-11-03", "牙膏", 2, 19.90m));
        var first = await (await inside.Post("/api/credit/sell-through", report)).JsonAsync(HttpStatusCode.Created);
        var again = await (await inside.Post("/api/credit/sell-through", report)).JsonAsync(HttpStatusCode.OK);
        Assert.True(again.GetProperty("replayed").GetBoolean());
        Assert.Equal(first.GetProperty("report").String("id"), again.GetProperty("report").String("id"));
        // The same lines as CSV under the same reference are the same report.
        var asCsv = await (await inside.PostAsync($"/api/credit/sell-through/import?distributorId={tree.OtherDistributor}&reference=R-IDEM",
            Csv("outletCode,date,product,quantity,amount\nSH-O9,2026-11-03,牙膏,2,19.90\n"))).JsonAsync(HttpStatusCode.OK);
        Assert.True(asCsv.GetProperty("replayed").GetBoolean());

        var different = await (await inside.Post("/api/credit/sell-through",
            Report("R-IDEM", tree.OtherDistributor, Line(tree.OtherOutlet, "2026-11-03", "牙膏", 2, 19.91m)))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("R-IDEM", different.String("detail"));
        var lines = await tree.Credit.QueryAsync(db => db.SellThroughLines.CountAsync(l => l.DistributorId == tree.OtherDistributor));
        Assert.Equal(1, lines);
        Assert.Equal((1, 1), (meter.Sum("crm.credit.sell_through.lines", "crm.sell_through.source", "json"), meter.Sum("crm.credit.sell_through.reports")));
    }

    [Fact]
    public async Task Every_row_is_checked_a_dry_run_writes_nothing_and_a_bad_row_refuses_the_whole_report()
    {
        using var inside = Inside();
        var csv = "门店编号,日期,产品,数量,金额\n" +
                  "SH-O9,2026-11-01,洗衣粉,1,10.00\n" +      // row 2: the other distributor's outlet
                  "SH-O1,2026-11-01,洗衣粉,1,10.005\n" +     // row 3: a tenth of a cent
                  "BJ-O1,2026-11-01,洗衣粉,1,10.00\n" +      // row 4: another branch's outlet is unknown here
                  "SH-O2,2026-12-01,香皂,0,abc\n" +          // row 5: future date, zero quantity, not an amount
                  "SH-O2,2026-11-01,香皂,1,10.00\n";          // row 6: good
        var dry = await (await inside.PostAsync($"/api/credit/sell-through/import?distributorId={tree.Distributor}&reference=R-BAD&dryRun=true", Csv(csv)))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal((true, 5, 1, 4), (dry.GetProperty("dryRun").GetBoolean(), dry.GetProperty("rows").GetInt32(), dry.GetProperty("valid").GetInt32(), dry.GetProperty("invalid").GetInt32()));
        var problems = dry.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("row").GetInt32(), p => p.GetProperty("errors"));
        Assert.Equal([2, 3, 4, 5], problems.Keys.Order().ToList());
        Assert.Contains("SH-D1", problems[2].GetProperty("outlet")[0].GetString());
        Assert.True(problems[3].TryGetProperty("amount", out _));
        Assert.True(problems[4].TryGetProperty("outlet", out _));
        Assert.True(problems[5].TryGetProperty("date", out _) && problems[5].TryGetProperty("quantity", out _) && problems[5].TryGetProperty("amount", out _));

        var refused = await (await inside.PostAsync($"/api/credit/sell-through/import?distributorId={tree.Distributor}&reference=R-BAD", Csv(csv)))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("rows[3].amount", out _));
        Assert.False(await tree.Credit.QueryAsync(db => db.SellThroughReports.AnyAsync(r => r.Reference == "R-BAD")));

        var unknownColumn = await (await inside.PostAsync($"/api/credit/sell-through/import?distributorId={tree.Distributor}&reference=R-X",
            Csv("门店,日期\nSH-O1,2026-11-01\n"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(unknownColumn.GetProperty("errors").TryGetProperty("file", out _));
        await (await inside.Post("/api/credit/sell-through", new { distributorId = tree.Distributor, reference = "R-EMPTY", lines = Array.Empty<object>() }))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Another_branch_sees_none_of_it_and_a_rep_reports_only_for_their_own_distributor()
    {
        using var beijing = Inside("bj");
        await (await beijing.Post("/api/credit/sell-through", Report("R-BJ", tree.Distributor, Line(tree.O1, "2026-11-01", "洗衣粉", 1, 1m)))).ProblemAsync(HttpStatusCode.NotFound);
        await (await beijing.GetAsync($"/api/credit/sell-through?distributorId={tree.Distributor}&month=2026-10")).ProblemAsync(HttpStatusCode.NotFound);
        await (await beijing.GetAsync($"/api/credit/distribution-targets/{tree.Distributor}/2026-10")).ProblemAsync(HttpStatusCode.NotFound);
        using var beijingManager = tree.Credit.As("mm-bj", "bj", "marketing-manager");
        await (await beijingManager.Put($"/api/credit/distribution-targets/{tree.Distributor}/2026-12", new { outletsToOpen = 1, sellThroughAmount = 1m })).ProblemAsync(HttpStatusCode.NotFound);
        using var groupGm = tree.Credit.As("ggm", "hq", "group-gm");
        await (await groupGm.GetAsync($"/api/credit/sell-through?distributorId={tree.Distributor}&month=2026-10")).JsonAsync(HttpStatusCode.OK);

        using var otherRep = tree.Credit.As("rep-2", "sh", "sales-rep");
        await (await otherRep.Post("/api/credit/sell-through", Report("R-REP", tree.Distributor, Line(tree.O1, "2026-11-01", "洗衣粉", 1, 1m)))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await otherRep.Put($"/api/credit/distribution-targets/{tree.Distributor}/2026-12", new { outletsToOpen = 1, sellThroughAmount = 1m })).ProblemAsync(HttpStatusCode.Forbidden);
        using var owner = tree.Credit.As("rep-1", "sh", "sales-rep");
        await (await owner.Post("/api/credit/sell-through?dryRun=true", Report("R-REP", tree.Distributor, Line(tree.O1, "2026-11-01", "洗衣粉", 1, 1m)))).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_customer_copy_follows_an_outlet_moved_to_another_distributor()
    {
        var moved = await tree.Credit.RegisterAsync("SH-O7", parent: tree.OtherDistributor, entryDate: new DateOnly(2026, 11, 1));
        await tree.Credit.PublishAndWaitAsync(new Crm.Events.CustomerChanged
        {
            CustomerId = moved, BranchId = "sh", OccurredAt = CreditSystem.Now, Version = 2, Name = "门店 SH-O7", Region = "华东",
            ParentId = tree.Distributor, Reason = "转到 SH-D1", ChangedBy = "inside-1",
        });
        var parent = await tree.Credit.QueryAsync(db => db.Customers.Where(c => c.Id == moved).Select(c => c.ParentId).SingleAsync());
        Assert.Equal(tree.Distributor, parent);
        using var inside = Inside();
        var dry = await (await inside.Post("/api/credit/sell-through?dryRun=true",
            Report("R-MOVED", tree.OtherDistributor, Line(moved, "2026-11-02", "香皂", 1, 5m)))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, dry.GetProperty("invalid").GetInt32()); // no longer under its old distributor
    }
}
