using System.Net.Http.Headers;
using System.Text;
using static Crm.Platform.Tests.GatewayTests;

namespace Crm.Platform.Tests;

/// <summary>
/// Input no service may answer with a 500 or store as it came, through the real gateway: dates off the calendar,
/// forms that are not forms, targets and headers over the limits, text that displays as something else.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class BadInputTests(SystemFixture fixture)
{
    private CrmSystem System => fixture.System;

    private static async Task<JsonElement> AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
            $"Expected an error for '{field}': {problem.GetRawText()}");
        return errors.GetProperty(field);
    }

    private static async Task AssertDateOutOfRangeAsync(HttpResponseMessage response, string field)
    {
        var messages = await AssertFieldErrorAsync(response, field);
        Assert.Contains("1900-01-01", messages[0].GetString());
    }

    [Fact]
    public async Task A_sale_or_payment_dated_at_the_end_of_the_calendar_is_a_400_problem_not_a_500()
    {
        using var insideSales = System.Gateway("is-dates", "sh", "inside-sales");
        var customerId = Guid.NewGuid();
        foreach (var date in new[] { "9999-12-31", "0001-01-01" })
        {
            await AssertDateOutOfRangeAsync(await insideSales.PostAsJsonAsync("/api/credit/sales",
                new { customerId, date, product = "洗衣粉", quantity = 1, amount = 100 }), "date");
            await AssertDateOutOfRangeAsync(await insideSales.PostAsJsonAsync("/api/credit/payments",
                new { customerId, date, amount = 100 }), "date");
            await AssertDateOutOfRangeAsync(await insideSales.PostAsJsonAsync("/api/credit/sales",
                new { customerId, date = "2024-01-01", product = "洗衣粉", quantity = 1, amount = 100, dueDate = date }), "dueDate");
        }
        await AssertDateOutOfRangeAsync(await insideSales.GetAsync($"/api/credit/accounts/{customerId}/entries?from=0001-01-01"), "from");
        await AssertDateOutOfRangeAsync(await insideSales.GetAsync($"/api/credit/accounts/{customerId}/entries?to=9999-12-31"), "to");
    }

    [Fact]
    public async Task Dates_off_the_calendar_are_400_problems_in_customers_contracts_and_after_sales()
    {
        using var rep = System.Gateway("rep-dates", "sh", "sales-rep");
        await AssertDateOutOfRangeAsync(await rep.PostAsJsonAsync("/api/customers",
            new { name = $"日期客户{Guid.NewGuid():N}", kind = "agent", region = "华东", validUntil = "9999-12-31" }), "validUntil");
        await AssertDateOutOfRangeAsync(await rep.PostAsJsonAsync("/api/customers",
            new { name = $"日期客户{Guid.NewGuid():N}", kind = "agent", region = "华东", foundedOn = "0001-01-01" }), "foundedOn");
        await AssertDateOutOfRangeAsync(await rep.PostAsJsonAsync("/api/customers",
            new { name = $"日期客户{Guid.NewGuid():N}", kind = "agent", region = "华东", contacts = new[] { new { name = "张三", birthday = "0001-01-01" } } }),
            "contacts[0].birthday");

        using var manager = System.Gateway("sam-dates", "sh", "sales-admin-manager");
        await AssertDateOutOfRangeAsync(await manager.GetAsync($"/api/contracts/terms?customerId={Guid.NewGuid()}&on=9999-12-31"), "on");
        await AssertDateOutOfRangeAsync(await manager.PostAsJsonAsync($"/api/contracts/{Guid.NewGuid()}/terminate",
            new { reason = "违约", terminatedOn = "9999-12-31" }), "terminatedOn");

        using var afterSales = System.Gateway("as-dates", "sh", "after-sales", "marketing-manager");
        await AssertDateOutOfRangeAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns",
            new { customerId = Guid.NewGuid(), kind = "return", product = "洗衣粉", quantity = 1, amount = 10, soldOn = "9999-12-31", reason = "破损" }), "soldOn");
        await AssertFieldErrorAsync(await afterSales.GetAsync("/api/aftersales/statistics/monthly?month=9999-12"), "month");
    }

    [Fact]
    public async Task A_malformed_multipart_body_is_a_400_problem_on_every_route_that_takes_files()
    {
        using var insideSales = System.Gateway("is-form", "sh", "inside-sales");
        using var afterSales = System.Gateway("as-form", "sh", "after-sales");
        foreach (var (client, url) in new[]
                 {
                     (insideSales, "/api/customers/import?dryRun=true"),
                     (afterSales, $"/api/aftersales/complaints/{Guid.NewGuid()}/attachments"),
                 })
        {
            // A part that never ends (the closing boundary never comes), and a form without a boundary at all.
            var truncated = new StringContent("--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\nname,kind\r\n");
            truncated.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XYZ");
            await AssertFieldErrorAsync(await client.PostAsync(url, truncated), "file");

            var noBoundary = new StringContent("name,kind\r\n");
            noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
            await AssertFieldErrorAsync(await client.PostAsync(url, noBoundary), "file");
        }
    }

    [Fact]
    public async Task A_target_too_long_is_a_414_problem_at_the_gateway_and_at_a_service()
    {
        var url = $"/api/customers?name={new string('x', 12 * 1024)}";
        using var rep = System.Gateway("rep-414", "sh", "sales-rep");
        var problem = await AssertProblemAsync(await rep.GetAsync(url), HttpStatusCode.RequestUriTooLong);
        Assert.StartsWith("请求地址过长", problem.GetProperty("title").GetString());

        using var direct = System.Customers.Client("rep-414", "sh", "sales-rep");
        await AssertProblemAsync(await direct.GetAsync(url), HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task Headers_too_large_or_too_many_are_a_431_problem_at_the_gateway_and_at_a_service()
    {
        foreach (var client in new[] { System.Gateway("rep-431", "sh", "sales-rep"), System.Customers.Client("rep-431", "sh", "sales-rep") })
        {
            using (client)
            {
                using var big = new HttpRequestMessage(HttpMethod.Get, "/api/customers");
                big.Headers.Add("X-Big", new string('y', 40 * 1024));
                var problem = await AssertProblemAsync(await client.SendAsync(big), HttpStatusCode.RequestHeaderFieldsTooLarge);
                Assert.StartsWith("请求头过大", problem.GetProperty("title").GetString());

                using var many = new HttpRequestMessage(HttpMethod.Get, "/api/customers");
                for (var i = 0; i < 150; i++) many.Headers.Add($"X-Many-{i}", "1");
                await AssertProblemAsync(await client.SendAsync(many), HttpStatusCode.RequestHeaderFieldsTooLarge);
            }
        }
    }

    public static TheoryData<string, string> InvisibleOrReversed => new()
    {
        { "only-invisible", "\u200B\u200C\u200D\uFEFF" },
        { "invisible-and-spaces", " \u2060 \u3164 " },
        { "right-to-left-override", "华东\u202E司公限有" },
        { "isolate", "\u2066华东\u2069" },
        { "control", "华\u0007东" },
    };

    [Theory]
    [MemberData(nameof(InvisibleOrReversed))]
    public async Task Text_people_read_made_of_invisible_or_direction_changing_characters_is_a_400_naming_the_field_in_every_service(
        string _, string text)
    {
        using var rep = System.Gateway("rep-text", "sh", "sales-rep");
        await AssertFieldErrorAsync(await rep.PostAsJsonAsync("/api/customers", new { name = text, kind = "agent", region = "华东" }), "name");
        await AssertFieldErrorAsync(await rep.PostAsJsonAsync("/api/customers",
            new { name = $"文字客户{Guid.NewGuid():N}", kind = "agent", region = "华东", address = text }), "address");
        await AssertFieldErrorAsync(await rep.PostAsJsonAsync("/api/customers",
            new { name = $"文字客户{Guid.NewGuid():N}", kind = "agent", region = "华东", contacts = new[] { new { name = text } } }), "contacts[0].name");

        using var insideSales = System.Gateway("is-text", "sh", "inside-sales");
        await AssertFieldErrorAsync(await insideSales.PostAsJsonAsync("/api/credit/sales",
            new { customerId = Guid.NewGuid(), date = "2024-01-01", product = "洗衣粉", quantity = 1, amount = 100, note = text }), "note");

        using var manager = System.Gateway("sam-text", "sh", "sales-admin-manager");
        await AssertFieldErrorAsync(await manager.PostAsJsonAsync($"/api/contracts/{Guid.NewGuid()}/terminate", new { reason = text }), "reason");

        using var afterSales = System.Gateway("as-text", "sh", "after-sales");
        await AssertFieldErrorAsync(await afterSales.PostAsJsonAsync("/api/aftersales/complaints",
            new { customerId = Guid.NewGuid(), subject = "包装破损", description = text }), "description");

        await AssertFieldErrorAsync(await manager.PostAsJsonAsync($"/api/alerts/{Guid.NewGuid()}/acknowledge", new { note = text, version = 1 }), "note");
    }
}
