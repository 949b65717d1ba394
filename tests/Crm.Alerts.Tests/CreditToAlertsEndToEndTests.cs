using System.Diagnostics;
using System.Globalization;

namespace Crm.Alerts.Tests;

/// <summary>Customers, credit and alerts behind the gateway, on the real clock: every event comes from its real source.</summary>
public sealed class CustomersCreditAndAlertsFixture : AlertsFixture
{
    protected override IReadOnlyCollection<string> Services => ["customers", "credit", "alerts"];

    protected override bool UseFakeClock => false;
}

/// <summary>
/// The early-warning flow as the users live it, every step through the gateway: a rep registers a customer, the
/// credit limit passes its four approvals, inside-sales records a sale that takes the customer over the limit, the
/// owner sees the alert, and a payment resolves it — with no call between services, only their events.
/// </summary>
public sealed class CreditToAlertsEndToEndTests(CustomersCreditAndAlertsFixture fixture) : IClassFixture<CustomersCreditAndAlertsFixture>
{
    private CrmSystem System => fixture.System;

    [Fact]
    public async Task A_sale_recorded_through_the_gateway_over_the_limit_raises_an_alert_and_a_payment_resolves_it()
    {
        using var activities = new ActivityCollector();
        using var rep = System.Gateway("rep-31", "sh", "sales-rep");
        using var clerk = System.Gateway("clerk-31", "sh", "inside-sales");
        var registered = await rep.PostAsJsonAsync("/api/customers", new { name = "无锡恒泰五金批发部", kind = "trading", region = "华东" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var customerId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.Until(async () => (await rep.GetAsync($"/api/credit/accounts/{customerId}")).IsSuccessStatusCode,
            "the credit service to know the customer");

        await ApproveLimitAsync(rep, customerId, 100_000m);
        await Eventually.Until(
            async () => (await rep.GetFromJsonAsync<JsonElement>($"/api/credit/accounts/{customerId}")).GetProperty("creditLimit").GetDecimal() == 100_000m,
            "the approved limit on the account");

        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var sale = await clerk.PostAsJsonAsync("/api/credit/sales", new
        {
            customerId, date = today, product = "不锈钢合页", specification = "4寸", quantity = 3000, amount = 120_000m, dueDate = today.AddDays(30),
        });
        Assert.Equal(HttpStatusCode.Created, sale.StatusCode);

        // Alerts learns the customer's owner from the registration, which may arrive after the sale: until then the
        // alert waits with the sales-admin-manager role, then moves to the owner.
        var open = await Eventually.Until(
            () => rep.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customerId}&rule=over-credit-limit&state=open"),
            page => page.GetProperty("total").GetInt32() == 1 && OnlyAssignee(page) == "rep-31", "over-credit-limit for its owner at GET /api/alerts");
        var item = Assert.Single(open.GetProperty("items").EnumerateArray());
        Assert.Equal("over-credit-limit", item.GetProperty("rule").GetString());
        Assert.Equal("rep-31", item.GetProperty("assignee").GetString());
        var alertId = item.GetProperty("id").GetGuid();
        var alert = await rep.GetFromJsonAsync<JsonElement>($"/api/alerts/{alertId}");
        var evidence = alert.GetProperty("evidence").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("value").GetString());
        Assert.Equal(120_000m, decimal.Parse(evidence["balance"]!, CultureInfo.InvariantCulture));
        Assert.Equal(100_000m, decimal.Parse(evidence["creditLimit"]!, CultureInfo.InvariantCulture));

        // One trace: the clerk's request at the gateway, the credit service, its outbox, and the alerts consumer.
        var saleTrace = activities.Stopped.First(a => a.Kind == ActivityKind.Server && a.GetTagItem("url.path") as string == "/api/credit/sales").TraceId;
        Assert.Contains(activities.Stopped, a => a.TraceId == saleTrace && a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer
            && a.TagObjects.Any(t => t.Value?.ToString()?.Contains("alerts.sale-recorded", StringComparison.Ordinal) == true));

        // The customer has no contract at all: the same sale is business without an active contract (无合同业务).
        var noContract = await Eventually.Until(
            () => rep.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customerId}&rule=no-active-contract&state=open"),
            page => page.GetProperty("total").GetInt32() == 1 && OnlyAssignee(page) == "rep-31", "no-active-contract for its owner at GET /api/alerts");
        Assert.Equal("rep-31", Assert.Single(noContract.GetProperty("items").EnumerateArray()).GetProperty("assignee").GetString());

        var payment = await clerk.PostAsJsonAsync("/api/credit/payments", new { customerId, date = today, amount = 30_000m });
        Assert.Equal(HttpStatusCode.Created, payment.StatusCode);

        var resolved = await Eventually.Until(
            () => rep.GetFromJsonAsync<JsonElement>($"/api/alerts/{alertId}"),
            a => a.GetProperty("state").GetString() == "resolved", "the payment to resolve the alert");
        Assert.True(resolved.GetProperty("resolvedAutomatically").GetBoolean());
        Assert.Contains("payment", resolved.GetProperty("cause").GetString());
    }

    private async Task ApproveLimitAsync(HttpClient rep, Guid customerId, decimal limit)
    {
        var request = await rep.PostAsJsonAsync("/api/credit/limit-requests", new { customerId, proposedLimit = limit, reason = "年底备货 year-end stocking" });
        Assert.Equal(HttpStatusCode.Created, request.StatusCode);
        var requestId = (await request.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var (user, branch, role) in new[]
                 {
                     ("sam-31", "sh", "sales-admin-manager"), ("vp-31", "sh", "sales-vp"), ("gm-31", "sh", "sales-gm"), ("ggm-31", "hq", "group-gm"),
                 })
        {
            using var approver = System.Gateway(user, branch, role);
            var decision = await approver.PostAsJsonAsync($"/api/credit/limit-requests/{requestId}/approve", new { comment = "同意" });
            Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        }
    }

    private static string? OnlyAssignee(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("assignee").GetString()).SingleOrDefault();
}
