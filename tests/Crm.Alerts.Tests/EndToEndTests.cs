namespace Crm.Alerts.Tests;

/// <summary>The customers and alerts services and the gateway, on the real clock.</summary>
public sealed class CustomersAndAlertsFixture : AlertsFixture
{
    protected override IReadOnlyCollection<string> Services => ["customers", "alerts"];

    protected override bool UseFakeClock => false;
}

/// <summary>
/// Through the gateway, as a rep and a manager use it: a customer registered in the customers service, then the
/// credit ledger's events published on the broker as the credit service publishes them, so that the alert's evidence
/// can name a known eventId. <see cref="CreditToAlertsEndToEndTests"/> drives the same flow through the real credit service.
/// </summary>
public sealed class EndToEndTests(CustomersAndAlertsFixture fixture) : IClassFixture<CustomersAndAlertsFixture>
{
    [Fact]
    public async Task A_sale_that_takes_a_customer_over_its_limit_raises_an_alert_visible_at_the_gateway_and_a_payment_resolves_it()
    {
        await using var raised = await RawSubscriber.BindAsync(fixture.Amqp, "crm.alert-raised");
        await using var resolved = await RawSubscriber.BindAsync(fixture.Amqp, "crm.alert-resolved");
        using var rep = fixture.System.Gateway("rep-21", "sh", "sales-rep");
        var registration = await rep.PostAsJsonAsync("/api/customers", new { name = "苏州金鹰日用品商行", kind = "trading", region = "华东" });
        Assert.Equal(HttpStatusCode.Created, registration.StatusCode);
        var customerId = (await registration.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.Until(async () => await fixture.CustomerAsync(customerId) is { IsRegistered: true }, "alerts to know the customer");

        var sale = TestEvents.Sale(customerId, DateTimeOffset.UtcNow, 80_000m, 180_000m, 150_000m);
        await fixture.PublishAsync(sale);

        var page = await Eventually.Until(
            () => rep.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customerId}&state=open"),
            p => p.GetProperty("total").GetInt32() == 1, "the alert at GET /api/alerts");
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("over-credit-limit", item.GetProperty("rule").GetString());
        Assert.Equal("rep-21", item.GetProperty("assignee").GetString());
        Assert.Equal("苏州金鹰日用品商行", item.GetProperty("customerName").GetString());
        var alertId = item.GetProperty("id").GetGuid();
        var details = await rep.GetFromJsonAsync<JsonElement>($"/api/alerts/{alertId}");
        Assert.Contains(details.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("eventId").GetString() == sale.EventId.ToString());
        Assert.Equal(alertId, (await raised.NextAsync(m => m.GetProperty("customerId").GetGuid() == customerId)).Message.GetProperty("alertId").GetGuid());

        await fixture.PublishAsync(TestEvents.Payment(customerId, DateTimeOffset.UtcNow, 50_000m, 130_000m, 150_000m));

        var closed = await Eventually.Until(
            () => rep.GetFromJsonAsync<JsonElement>($"/api/alerts/{alertId}"),
            a => a.GetProperty("state").GetString() == "resolved", "the payment to resolve the alert");
        Assert.True(closed.GetProperty("resolvedAutomatically").GetBoolean());
        Assert.Contains("payment of 50000", closed.GetProperty("cause").GetString());
        var published = (await resolved.NextAsync(m => m.GetProperty("alertId").GetGuid() == alertId)).Message;
        Assert.True(published.GetProperty("automatic").GetBoolean());
    }
}
