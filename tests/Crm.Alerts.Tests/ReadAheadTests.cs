using Crm.Alerts.IntegrationEvents;
using Crm.Messaging.Inbox;
using Crm.Messaging.Persistence;
using Crm.ServiceDefaults.Identity;

namespace Crm.Alerts.Tests;

/// <summary>
/// A sale's reads run before its turn at the write lock (on SQLite, in the consumer, concurrently with the batch writer).
/// Driven here step by step, as the inbox does it: read ahead in one scope, apply later in the writer's unit of work. A
/// reading is applied only if nothing that bears on the customer was written meanwhile; otherwise the sale reads again.
/// </summary>
public sealed class ReadAheadTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    private static readonly DateTimeOffset T0 = AlertsFixture.Start.AddDays(-1);
    private const decimal Limit = 100_000m;

    [Fact]
    public async Task Two_sales_of_one_customer_read_ahead_together_raise_one_alert_and_the_second_adds_its_evidence()
    {
        using var metrics = new MetricsProbe(fixture.AlertsServices.GetRequiredService<IMeterFactory>(), "Crm.Alerts");
        var customer = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Registered(customer, T0));
        var first = TestEvents.Sale(customer, T0.AddHours(1), 110_000m, 110_000m, Limit, withoutContract: true);
        var second = TestEvents.Sale(customer, T0.AddHours(2), 10_000m, 120_000m, Limit, withoutContract: true);

        // Both read before either is written: neither sees the other's entry or alert.
        var firstReading = await PrepareAsync(first);
        var secondReading = await PrepareAsync(second);

        // The writer applies both in one unit of work, as a batch does: the second finds the first written before it.
        await ApplyInOneUnitAsync((first, firstReading), (second, secondReading));

        var alerts = await fixture.AlertsOfAsync(customer);
        var overLimit = Assert.Single(alerts, a => a.Rule == OverCreditLimitRule.RuleName);
        Assert.Contains(overLimit.Evidence, e => e.EventId == second.EventId);
        Assert.Equal(2, overLimit.Timeline.Count); // raised, then the second sale's evidence
        var noContract = Assert.Single(alerts, a => a.Rule == NoActiveContractRule.RuleName);
        Assert.Equal(new[] { first.EventId, second.EventId }.Order(), noContract.Evidence.Select(e => e.EventId!.Value).Distinct().Order());
        Assert.Equal(2, await fixture.QueryAsync(db => db.SaleEntries.CountAsync(s => s.CustomerId == customer)));
        Assert.Equal(1, metrics.Counter("crm.alerts.sales_read_ahead", ("crm.alerts.read_ahead", "applied")));
        Assert.Equal(1, metrics.Counter("crm.alerts.sales_read_ahead", ("crm.alerts.read_ahead", "read-again")));
    }

    [Fact]
    public async Task A_rule_setting_changed_after_a_sale_was_read_applies_to_that_sale()
    {
        const string branch = "nj";
        using var manager = fixture.System.Gateway("sam-nj", branch, "sales-admin-manager");
        var customer = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Registered(customer, T0, branch: branch));
        // Read with a margin of 0 %: 110,000 over a limit of 100,000 would raise.
        var sale = TestEvents.Sale(customer, T0.AddHours(1), 110_000m, 110_000m, Limit, branch: branch);
        var reading = await PrepareAsync(sale);

        // The margin becomes 20 % before the sale's turn. Nothing of the customer changed, yet the sale must not raise.
        Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync("/api/alerts/rules/over-credit-limit", new
        {
            version = 1, enabled = true, thresholds = new { marginPercent = 20 }, escalateAfterHours = 24, reason = "旺季放宽 20%",
        })).StatusCode);
        await ApplyInOneUnitAsync((sale, reading));

        Assert.Empty(await fixture.AlertsOfAsync(customer));
        Assert.Equal(110_000m, (await fixture.CustomerAsync(customer))!.Balance);
    }

    [Fact]
    public async Task A_payment_handled_between_a_sales_reading_and_its_turn_is_seen_by_the_sale()
    {
        using var metrics = new MetricsProbe(fixture.AlertsServices.GetRequiredService<IMeterFactory>(), "Crm.Alerts");
        var customer = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Registered(customer, T0));
        await fixture.DeliverAsync(TestEvents.Sale(customer, T0.AddHours(1), 110_000m, 110_000m, Limit));
        var raised = await fixture.WaitForAlertAsync(customer, OverCreditLimitRule.RuleName);

        // A later sale is read while the alert is open; then a payment newer than it settles the balance and resolves the
        // alert. The sale, older than the payment, neither reopens it nor adds evidence to a resolved alert.
        var sale = TestEvents.Sale(customer, T0.AddHours(2), 5_000m, 115_000m, Limit);
        var reading = await PrepareAsync(sale);
        await fixture.DeliverAsync(TestEvents.Payment(customer, T0.AddHours(3), 60_000m, 55_000m, Limit));
        var readAgain = metrics.Counter("crm.alerts.sales_read_ahead", ("crm.alerts.read_ahead", "read-again"));
        await ApplyInOneUnitAsync((sale, reading));

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, OverCreditLimitRule.RuleName));
        Assert.Equal(raised.Id, alert.Id);
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.DoesNotContain(alert.Evidence, e => e.EventId == sale.EventId);
        Assert.Equal(55_000m, (await fixture.CustomerAsync(customer))!.Balance);
        Assert.Equal(2, await fixture.QueryAsync(db => db.SaleEntries.CountAsync(s => s.CustomerId == customer)));
        Assert.Equal(readAgain + 1, metrics.Counter("crm.alerts.sales_read_ahead", ("crm.alerts.read_ahead", "read-again")));
    }

    [Fact]
    public async Task Sales_of_one_customer_delivered_at_once_raise_one_alert_per_rule_with_every_sale_as_evidence()
    {
        var customer = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Registered(customer, T0));
        var sales = Enumerable.Range(1, 6)
            .Select(i => TestEvents.Sale(customer, T0.AddMinutes(i), 20_000m, 100_000m + 20_000m * i, Limit, withoutContract: true))
            .ToList();

        // At once: the consumers read them ahead together, and the batch writer applies them one after the other.
        await Task.WhenAll(sales.Select(fixture.PublishAsync));
        foreach (var sale in sales) await fixture.WaitHandledAsync(sale);

        var alerts = await fixture.AlertsOfAsync(customer);
        var overLimit = Assert.Single(alerts, a => a.Rule == OverCreditLimitRule.RuleName);
        Assert.True(overLimit.IsOpen);
        var noContract = Assert.Single(alerts, a => a.Rule == NoActiveContractRule.RuleName);
        Assert.Equal(sales.Select(s => s.EventId).Order(), noContract.Evidence.Select(e => e.EventId!.Value).Distinct().Order());
        var stored = await fixture.CustomerAsync(customer);
        Assert.Equal(220_000m, stored!.Balance); // the newest sale's balance, whatever the order they were applied in
        Assert.Equal(6, await fixture.QueryAsync(db => db.SaleEntries.CountAsync(s => s.CustomerId == customer)));
    }

    [Fact]
    public async Task An_exclusive_right_signed_after_the_branch_s_contracts_were_read_applies_to_the_next_sale()
    {
        const string branch = "wx";
        var holder = Guid.NewGuid();
        var seller = Guid.NewGuid();
        await fixture.DeliverAllAsync(
            TestEvents.Registered(holder, T0, branch: branch, region: "苏南"),
            TestEvents.Registered(seller, T0, owner: "rep-2", branch: branch, region: "苏南"));
        // A sale before any exclusive right: the branch's exclusive contracts (none) are read and kept.
        await fixture.DeliverAsync(TestEvents.Sale(seller, T0, 4_000m, 4_000m, Limit, date: new DateOnly(2026, 1, 5), branch: branch));
        Assert.Empty(await fixture.AlertsOfAsync(seller, TerritoryBreachRule.RuleName));

        await fixture.DeliverAsync(TestEvents.Signed(holder, T0.AddHours(1), Guid.NewGuid(), new DateOnly(2026, 2, 1), new DateOnly(2026, 12, 31),
            number: "WX-2026-0001", branch: branch, terms: TestEvents.Terms("exclusive", productLines: ["洗衣粉"], territories: ["苏南"])));
        Assert.Empty(await fixture.AlertsOfAsync(seller, TerritoryBreachRule.RuleName)); // the earlier sale lies before the right

        var breach = TestEvents.Sale(seller, T0.AddHours(2), 4_000m, 8_000m, Limit, date: new DateOnly(2026, 3, 14), branch: branch);
        await fixture.DeliverAsync(breach);
        var alert = Assert.Single(await fixture.AlertsOfAsync(seller, TerritoryBreachRule.RuleName));
        Assert.Contains(alert.Evidence, e => e is { Name: "exclusiveContract", Value: "WX-2026-0001 v1" } && e.EventId == breach.EventId);
    }

    /// <summary>Reads the sale ahead, in a scope of its own acting for the sale's branch, as the inbox's consumer does.</summary>
    private async Task<object> PrepareAsync(SaleRecorded sale)
    {
        await using var scope = fixture.AlertsServices.GetRequiredService<IServiceScopeFactory>().CreateBranchScope(sale.BranchId, "a test reading ahead");
        var reading = await scope.ServiceProvider.GetRequiredService<SaleRecordedHandler>().PrepareAsync(sale, CancellationToken.None);
        Assert.NotNull(reading);
        return reading;
    }

    /// <summary>Applies readings in one unit of work, each event saved into its transaction with its inbox record, as the batch writer does.</summary>
    private async Task ApplyInOneUnitAsync(params (SaleRecorded Sale, object Reading)[] sales)
    {
        await using var scope = fixture.AlertsServices.GetRequiredService<IServiceScopeFactory>().CreateBranchScope(sales[0].Sale.BranchId, "a test writer");
        var db = scope.ServiceProvider.GetRequiredService<AlertsDbContext>();
        await using (var unit = db.DeferTransaction())
        {
            foreach (var (sale, reading) in sales)
            {
                await scope.ServiceProvider.GetRequiredService<SaleRecordedHandler>().ApplyAsync(sale, reading, CancellationToken.None);
                db.InboxMessages.Add(new InboxMessage(sale.EventId, nameof(SaleRecordedHandler), fixture.Clock.GetUtcNow()));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
            await unit.CommitAsync(CancellationToken.None);
        }
    }
}
