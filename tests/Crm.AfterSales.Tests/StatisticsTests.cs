using System.Net.Http.Headers;
using System.Text;

namespace Crm.AfterSales.Tests;

/// <summary>
/// 月度客诉统计 over a month whose figures are counted here by hand, in a system of its own: three complaints of two
/// customers in March 2026, one closed, and two granted returns.
/// </summary>
public sealed class StatisticsTests(AfterSalesFixture fixture) : IClassFixture<AfterSalesFixture>
{
    private const string Injection = "=HYPERLINK(\"http://evil.example\",\"x\")";

    private async Task SeedMarchAsync()
    {
        var procedure = new Procedure(fixture);
        var a = await fixture.CustomerAsync(region: "华东", name: "杭州利民日化有限公司");
        var b = await fixture.CustomerAsync(region: "华南", name: "广州百货批发公司");
        var t0 = fixture.Now;

        var c1 = await Api.OpenAsync(procedure.AfterSales, a, product: "洗衣粉");
        var c2 = await Api.OpenAsync(procedure.AfterSales, a, product: "洗衣粉");
        await Api.OpenAsync(procedure.AfterSales, b, product: Injection);

        fixture.Clock.SetUtcNow(t0.AddHours(2));
        c1 = await procedure.DoAsync(c1, "assess", new
        {
            category = "quality", finding = "结块", severity = "medium", rootCause = "material", correctiveAction = "进料检验", version = c1.Version(),
        });
        fixture.Clock.SetUtcNow(t0.AddHours(4));
        await procedure.DoAsync(c2, "assess");
        c1 = await procedure.DoAsync(c1, "propose");
        c1 = await procedure.DoAsync(c1, "sign-off");
        c1 = await procedure.DoAsync(c1, "customer-response");
        fixture.Clock.SetUtcNow(t0.AddHours(24));
        await procedure.DoAsync(c1, "complete");

        await HttpAssertions.JsonAsync(await procedure.AfterSales.PostAsJsonAsync("/api/aftersales/returns",
            new { customerId = b, kind = "return", product = "香皂", quantity = 5m, amount = 250.5m, soldOn = "2026-03-14", reason = "破损" }), HttpStatusCode.Created);
        await HttpAssertions.JsonAsync(await procedure.AfterSales.PostAsJsonAsync("/api/aftersales/returns",
            new { customerId = a, kind = "repackage", product = "洗衣粉", quantity = 2m, soldOn = "2026-03-14", reason = "外箱破损" }), HttpStatusCode.Created);
    }

    private static GroupFigures Group(JsonElement statistics, string dimension, string key)
    {
        var row = statistics.GetProperty(dimension).EnumerateArray().Single(g => g.GetProperty("key").GetString() == key);
        return new GroupFigures(row.GetProperty("opened").GetInt32(), row.GetProperty("closed").GetInt32());
    }

    private sealed record GroupFigures(int Opened, int Closed);

    [Fact]
    public async Task The_month_s_figures_as_counted_by_hand_in_JSON_and_in_CSV_with_cells_that_cannot_run_as_formulas()
    {
        await SeedMarchAsync();
        using var manager = fixture.Manager();
        var s = await HttpAssertions.JsonAsync(await manager.GetAsync("/api/aftersales/statistics/monthly?month=2026-03"), HttpStatusCode.OK);

        Assert.Equal(3, s.GetProperty("opened").GetInt32());
        Assert.Equal(1, s.GetProperty("closed").GetInt32());
        Assert.Equal(2, s.GetProperty("stillOpen").GetInt32());
        Assert.Equal(new GroupFigures(1, 1), Group(s, "byCategory", "quality"));
        Assert.Equal(new GroupFigures(1, 0), Group(s, "byCategory", "non-quality"));
        Assert.Equal(new GroupFigures(1, 0), Group(s, "byCategory", "unassessed"));
        Assert.Equal(new GroupFigures(1, 1), Group(s, "byRootCause", "material"));
        Assert.Single(s.GetProperty("byRootCause").EnumerateArray());
        Assert.Equal(new GroupFigures(2, 1), Group(s, "byProduct", "洗衣粉"));
        Assert.Equal(new GroupFigures(1, 0), Group(s, "byProduct", Injection));
        Assert.Equal(new GroupFigures(2, 1), Group(s, "byRegion", "华东"));
        Assert.Equal(new GroupFigures(1, 0), Group(s, "byRegion", "华南"));
        Assert.Equal(new GroupFigures(3, 1), Group(s, "byBranch", "sh"));
        var customers = s.GetProperty("byCustomer").EnumerateArray().ToList();
        Assert.Equal(2, customers.Count);
        Assert.Contains("杭州利民日化有限公司", customers[0].GetProperty("label").GetString());
        Assert.Equal(2, customers[0].GetProperty("opened").GetInt32());

        var levels = s.GetProperty("serviceLevels");
        Assert.Equal(1, levels.GetProperty("closed").GetInt32());
        Assert.Equal(1, levels.GetProperty("closedWithinServiceLevel").GetInt32());
        Assert.Equal(2, levels.GetProperty("firstResponses").GetInt32());
        Assert.Equal(2, levels.GetProperty("firstResponsesOnTime").GetInt32());
        Assert.Equal(3.0, s.GetProperty("averageHoursToFirstResponse").GetDouble()); // (2 h + 4 h) / 2
        Assert.Equal(24.0, s.GetProperty("averageHoursToClose").GetDouble());

        var returns = s.GetProperty("returns").EnumerateArray().ToDictionary(r => r.GetProperty("kind").GetString()!);
        Assert.Equal(250.5m, returns["return"].GetProperty("amount").GetDecimal());
        Assert.Equal(5m, returns["return"].GetProperty("quantity").GetDecimal());
        Assert.Equal(1, returns["repackage"].GetProperty("count").GetInt32());
        Assert.Equal(0m, returns["repackage"].GetProperty("amount").GetDecimal());
        Assert.Equal(2, s.GetProperty("returnsCount").GetInt32());
        Assert.Equal(250.5m, s.GetProperty("returnsAmount").GetDecimal());

        var other = await HttpAssertions.JsonAsync(await manager.GetAsync("/api/aftersales/statistics/monthly?month=2026-02"), HttpStatusCode.OK);
        Assert.Equal(0, other.GetProperty("opened").GetInt32());
        Assert.Equal(0, other.GetProperty("stillOpen").GetInt32());

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/aftersales/statistics/monthly?month=2026-03");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csvResponse = await manager.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("summary,2026-03,新增 opened,count,3", lines);
        Assert.Contains("summary,2026-03,未结 still open,count,2", lines);
        Assert.Contains("by-root-cause,material,料 material,opened,1", lines);
        Assert.Contains("returns,return,退换货 returns,amount,250.5", lines);
        Assert.Contains(lines, l => l.StartsWith("by-product,\"'=HYPERLINK(", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(",=", StringComparison.Ordinal) || l.Contains(",\"=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_managers_read_the_statistics_and_the_month_must_be_yyyy_MM()
    {
        using var afterSales = fixture.AfterSales();
        Assert.Equal(HttpStatusCode.Forbidden, (await afterSales.GetAsync("/api/aftersales/statistics/monthly?month=2026-03")).StatusCode);
        using var manager = fixture.Manager();
        var bad = await HttpAssertions.JsonAsync(await manager.GetAsync("/api/aftersales/statistics/monthly?month=2026-3"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("month", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/api/aftersales/statistics/monthly")).StatusCode);
    }
}
