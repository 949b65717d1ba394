using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Crm.Credit.Tests;

/// <summary>Monthly business plans (业务计划) and progress (业务进度) against hand-computed figures. Today is 2026-11-16.</summary>
public sealed class PlanTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    private static object Plan(params (string Product, decimal Quantity, decimal Amount)[] lines) =>
        new { lines = lines.Select(l => new { product = l.Product, quantity = l.Quantity, amount = l.Amount }), support = "门店促销两场 two in-store promotions" };

    [Fact]
    public async Task A_plan_is_set_revised_from_its_version_and_published()
    {
        var customer = await credit.RegisterCustomerAsync(owner: "rep-1");
        await using var plans = await credit.SubscribeAsync("crm.plan-set");
        using var owner = credit.As("rep-1", "sh", "sales-rep");
        using var manager = credit.As("sam-1", "sh", "sales-admin-manager");
        var uri = $"/api/credit/plans/{customer}/2026-12";

        var first = await (await owner.Put(uri, Plan(("洗衣粉", 100, 10_000m), ("香皂", 50, 5_000m)))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, first.GetProperty("version").GetInt64());
        Assert.Equal(15_000m, first.Decimal("totalAmount"));

        var published = (await plans.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer)).Message;
        Assert.Equal("2026-12", published.String("month"));
        Assert.Equal(15000m, published.Money("totalAmount"));
        Assert.Equal(150m, published.Money("totalQuantity"));
        Assert.Equal(["洗衣粉", "香皂"], published.GetProperty("lines").EnumerateArray().Select(l => l.String("product")));
        Assert.Equal(10000m, published.GetProperty("lines")[0].Money("amount"));

        await (await manager.Put(uri, Plan(("洗衣粉", 120, 12_000m)))).ProblemAsync(HttpStatusCode.BadRequest); // no version
        var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = JsonContent.Create(Plan(("洗衣粉", 120, 12_000m))) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var second = await (await manager.SendAsync(request)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, second.GetProperty("version").GetInt64());
        await (await owner.Put(uri, new { lines = new[] { new { product = "香皂", quantity = 1, amount = 1m } }, version = 1 })).ProblemAsync(HttpStatusCode.Conflict);

        var current = await (await owner.GetAsync(uri)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(12_000m, current.Decimal("totalAmount"));
        var revisions = await (await owner.GetAsync(uri + "/revisions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([2L, 1L], revisions.EnumerateArray().Select(r => r.GetProperty("version").GetInt64())); // nothing saved is lost
    }

    [Fact]
    public async Task Plans_are_checked_and_only_the_owner_rep_or_a_manager_sets_them()
    {
        var customer = await credit.RegisterCustomerAsync(owner: "rep-1");
        using var owner = credit.As("rep-1", "sh", "sales-rep");
        var uri = $"/api/credit/plans/{customer}/2026-12";

        var empty = await (await owner.Put(uri, new { lines = Array.Empty<object>() })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("lines", out _));
        var bad = await (await owner.Put(uri, Plan(("A", -1, 1.001m), ("a", 1, 1m)))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("lines[0].quantity", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("lines[0].amount", out _));
        Assert.Contains("repeated", bad.GetProperty("errors").GetProperty("lines")[0].GetString());
        await (await owner.Put($"/api/credit/plans/{customer}/2026-13", Plan(("A", 1, 1m)))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.Put($"/api/credit/plans/{customer}/2030-01", Plan(("A", 1, 1m)))).ProblemAsync(HttpStatusCode.BadRequest);

        using var otherRep = credit.As("rep-2", "sh", "sales-rep");
        await (await otherRep.Put(uri, Plan(("A", 1, 1m)))).ProblemAsync(HttpStatusCode.Forbidden);
        using var clerk = credit.As("clerk-1", "sh", "inside-sales");
        await (await clerk.Put(uri, Plan(("A", 1, 1m)))).ProblemAsync(HttpStatusCode.Forbidden);
        var unknown = await (await owner.Put($"/api/credit/plans/{Guid.NewGuid()}/2026-12", Plan(("A", 1, 1m)))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("customer-unknown", unknown.String("rule"));
        await (await owner.GetAsync(uri)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Progress_compares_the_plan_with_actuals_last_year_and_the_year_to_date()
    {
        var customer = await credit.RegisterCustomerAsync(owner: "rep-1");
        using var owner = credit.As("rep-1", "sh", "sales-rep");
        await (await owner.Put($"/api/credit/plans/{customer}/2026-11", Plan(("洗衣粉", 100, 10_000m), ("香皂", 50, 5_000m)))).JsonAsync(HttpStatusCode.Created);
        await (await owner.Put($"/api/credit/plans/{customer}/2026-10", Plan(("洗衣粉", 80, 8_000m)))).JsonAsync(HttpStatusCode.Created);
        using (var clerk = new Clerk(credit))
        {
            await clerk.SaleAsync(customer, 4_000m, "2026-11-03", "2026-12-03", "洗衣粉", 40);
            await clerk.SaleAsync(customer, 1_200m, "2026-11-10", "2026-12-10", "香皂", 10);
            await clerk.SaleAsync(customer, 500m, "2026-11-12", "2026-12-12", "牙膏", 5);
            var wrong = await clerk.SaleAsync(customer, 1_000m, "2026-11-05", "2026-12-05", "洗衣粉", 10);
            await clerk.ReverseAsync("sale", wrong, "重复录入 entered twice");
            await clerk.SaleAsync(customer, 8_800m, "2026-10-15", "2026-11-15", "洗衣粉", 88);
            await clerk.SaleAsync(customer, 1_000m, "2026-02-10", "2026-03-10", "香皂", 10);
            await clerk.SaleAsync(customer, 5_000m, "2025-11-20", "2025-12-20", "洗衣粉", 50);
            await clerk.SaleAsync(customer, 2_000m, "2025-11-25", "2025-12-25", "香皂", 20);
            await clerk.SaleAsync(customer, 3_000m, "2025-06-01", "2025-07-01", "洗衣粉", 30);
        }

        var progress = await (await owner.GetAsync($"/api/credit/plans/{customer}/2026-11/progress")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, progress.GetProperty("planVersion").GetInt64());
        Assert.Equal(0.5333m, progress.Decimal("elapsedShare")); // 16 of 30 days
        var lines = progress.GetProperty("lines").EnumerateArray().ToDictionary(l => l.String("product")!);
        AssertLine(lines["洗衣粉"], 100, 10_000m, 40, 4_000m, 0.4m, 50, 5_000m, -0.2m);
        AssertLine(lines["香皂"], 50, 5_000m, 10, 1_200m, 0.24m, 20, 2_000m, -0.4m);
        AssertLine(lines["牙膏"], 0, 0m, 5, 500m, null, 0, 0m, null);

        AssertTotals(progress.GetProperty("total"), 15_000m, 5_700m, 0.38m, 7_000m, -0.1857m);
        // Year to date: plans 15,000 (11) + 8,000 (10); sales 5,700 + 8,800 + 1,000; last year 5,000 + 2,000 + 3,000.
        AssertTotals(progress.GetProperty("yearToDate"), 23_000m, 15_500m, 0.6739m, 10_000m, 0.55m);
        Assert.Equal("2026-01", progress.GetProperty("yearToDate").String("from"));

        // Purchases 2026-02-10, 10-15, 11-03, 11-10, 11-12 (the reversed 11-05 does not count): 275 days over 4 gaps.
        var frequency = progress.GetProperty("purchaseFrequency");
        Assert.Equal(5, frequency.GetProperty("purchaseDays").GetInt32());
        Assert.Equal(68.8m, frequency.Decimal("meanDaysBetweenPurchases"));
        Assert.Equal("2026-11-12", frequency.String("lastPurchaseOn"));
        Assert.Equal(4, frequency.GetProperty("daysSinceLastPurchase").GetInt32());
        Assert.Equal("2025-12-01", frequency.String("from"));
        Assert.Equal("2026-11-16", frequency.String("to"));
    }

    private static void AssertLine(JsonElement line, decimal plannedQuantity, decimal planned, decimal actualQuantity, decimal actual,
        decimal? completion, decimal lastYearQuantity, decimal lastYear, decimal? growth)
    {
        Assert.Equal(plannedQuantity, line.Decimal("plannedQuantity"));
        Assert.Equal(planned, line.Decimal("plannedAmount"));
        Assert.Equal(actualQuantity, line.Decimal("actualQuantity"));
        Assert.Equal(actual, line.Decimal("actualAmount"));
        Assert.Equal(completion, Nullable(line, "completion"));
        Assert.Equal(lastYearQuantity, line.Decimal("lastYearQuantity"));
        Assert.Equal(lastYear, line.Decimal("lastYearAmount"));
        Assert.Equal(growth, Nullable(line, "growthOnLastYear"));
    }

    private static void AssertTotals(JsonElement totals, decimal planned, decimal actual, decimal? completion, decimal lastYear, decimal? growth)
    {
        Assert.Equal(planned, totals.Decimal("planned"));
        Assert.Equal(actual, totals.Decimal("actual"));
        Assert.Equal(completion, Nullable(totals, "completion"));
        Assert.Equal(lastYear, totals.Decimal("lastYear"));
        Assert.Equal(growth, Nullable(totals, "growthOnLastYear"));
    }

    private static decimal? Nullable(JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.Decimal(property);
}
