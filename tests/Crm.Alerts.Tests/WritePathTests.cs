namespace Crm.Alerts.Tests;

/// <summary>
/// The write path under load: rule settings served from memory until they change, and events committed in batches on
/// SQLite with the inbox still exact under redelivery.
/// </summary>
public sealed class WritePathTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    private static readonly DateTimeOffset T0 = AlertsFixture.Start.AddDays(-1);
    private const decimal Limit = 100_000m;

    [Fact]
    public async Task A_threshold_changed_through_the_route_applies_to_the_next_event_although_the_settings_were_cached()
    {
        const string branch = "cz";
        using var manager = fixture.System.Gateway("sam-cz", branch, "sales-admin-manager");
        // An evaluation in the branch caches its settings (margin 0 %): 110,000 over a limit of 100,000 raises.
        var before = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Sale(before, T0, 110_000m, 110_000m, Limit, branch: branch));
        Assert.Single(await fixture.AlertsOfAsync(before, OverCreditLimitRule.RuleName));

        var changed = await manager.PutAsJsonAsync("/api/alerts/rules/over-credit-limit", new
        {
            version = 1, enabled = true, thresholds = new { marginPercent = 20 }, escalateAfterHours = 24, reason = "旺季放宽 20%",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        // The same balance no longer trips: the next event read the new margin, not the cached one.
        var after = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Sale(after, T0, 110_000m, 110_000m, Limit, branch: branch));
        Assert.Empty(await fixture.AlertsOfAsync(after));
        var rule = await manager.GetFromJsonAsync<JsonElement>("/api/alerts/rules/over-credit-limit");
        Assert.Equal(20m, rule.GetProperty("thresholds").GetProperty("marginPercent").GetDecimal());

        // And back, with the version the change gave: the next sale over the old margin raises again.
        Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync("/api/alerts/rules/over-credit-limit", new
        {
            version = 2, enabled = true, thresholds = new { marginPercent = 0 }, escalateAfterHours = 24, reason = "恢复",
        })).StatusCode);
        var again = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Sale(again, T0, 110_000m, 110_000m, Limit, branch: branch));
        var alert = Assert.Single(await fixture.AlertsOfAsync(again));
        Assert.Equal(3, alert.RuleVersion);
    }

    [Fact]
    public async Task Copies_of_many_sales_delivered_at_once_raise_one_alert_per_customer_with_each_sale_once_as_evidence()
    {
        using var metrics = new MetricsProbe(fixture.AlertsServices.GetRequiredService<IMeterFactory>(), "Crm.Messaging");
        var customers = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        await fixture.DeliverAllAsync([.. customers.Select(c => TestEvents.Registered(c, T0))]);
        // Two sales per customer, both over the limit: the first raises, the second adds its evidence to the open alert.
        var sales = customers.SelectMany(c => new[]
        {
            TestEvents.Sale(c, T0.AddHours(1), 110_000m, 110_000m, Limit),
            TestEvents.Sale(c, T0.AddHours(2), 10_000m, 120_000m, Limit),
        }).ToList();

        // Every sale three times, all at once: batches form, and copies meet in one batch and across batches.
        await Task.WhenAll(sales.Concat(sales).Concat(sales).Select(fixture.PublishAsync));
        foreach (var sale in sales) await fixture.WaitHandledAsync(sale);
        await Eventually.Until(
            () => Task.FromResult(metrics.Counter("crm.inbox.duplicates", ("crm.consumer", "SaleRecordedHandler"))),
            duplicates => duplicates >= 2 * sales.Count, "the inbox to skip every copy");
        // Each sale applied (committed with its effects) exactly once, every copy skipped.
        Assert.Equal(sales.Count, metrics.Counter("crm.inbox.processed", ("crm.consumer", "SaleRecordedHandler")));
        Assert.Equal(2 * sales.Count, metrics.Counter("crm.inbox.duplicates", ("crm.consumer", "SaleRecordedHandler")));

        foreach (var customer in customers)
        {
            var alert = Assert.Single(await fixture.AlertsOfAsync(customer));
            // Each figure once: the copies added nothing (a sale older than the position already seen adds none).
            Assert.DoesNotContain(alert.Evidence.Where(e => e.EventId is not null).GroupBy(e => (e.EventId, e.Name)), g => g.Count() > 1);
            Assert.Equal(2, await fixture.QueryAsync(db => db.SaleEntries.CountAsync(s => s.CustomerId == customer)));
        }
        Assert.Equal(sales.Count, await fixture.QueryAsync(db => db.InboxMessages.CountAsync(m => sales.Select(s => s.EventId).Contains(m.MessageId))));
    }
}
