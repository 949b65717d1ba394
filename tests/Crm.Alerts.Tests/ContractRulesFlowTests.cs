namespace Crm.Alerts.Tests;

/// <summary>
/// The rules the contracts enforce (合同约束), fed with the contract and credit events over the real broker:
/// contract-expiring, no-active-contract and territory-breach raised with evidence naming their events, kept to one
/// open alert per customer, resolved by the events that settle them, per-branch thresholds, and any arrival order.
/// </summary>
public sealed class ContractRulesFlowTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    private static readonly DateTimeOffset T0 = AlertsFixture.Start.AddDays(-1);
    private static readonly DateOnly Today = new(2026, 3, 15);
    private static readonly DateOnly YearStart = new(2026, 1, 1);
    private static readonly DateOnly YearEnd = new(2026, 12, 31);
    private const decimal Limit = 1_000_000m;

    private async Task<Guid> RegisteredCustomerAsync(string owner = "rep-1", string region = "华东", string branch = TestEvents.Branch)
    {
        var id = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Registered(id, T0, owner, branch, region: region));
        return id;
    }

    private async Task SetThresholdAsync(string branch, string rule, object thresholds)
    {
        using var manager = fixture.System.Gateway($"sam-{branch}", branch, "sales-admin-manager");
        var changed = await manager.PutAsJsonAsync($"/api/alerts/rules/{rule}", new
        {
            version = 1, enabled = true, thresholds, escalateAfterHours = 24, reason = "分公司口径",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    // contract-expiring

    [Fact]
    public async Task A_reminder_raises_contract_expiring_for_the_owner_it_names_later_reminders_join_it_and_a_renewal_resolves_it()
    {
        var customer = await RegisteredCustomerAsync("rep-1");
        var contract = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Signed(customer, T0, contract, YearStart, new DateOnly(2026, 4, 14)));
        var thirty = TestEvents.Expiring(customer, T0.AddHours(1), contract, new DateOnly(2026, 4, 14), 30, owner: "rep-8");

        await fixture.DeliverAsync(thirty);

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, ContractExpiringRule.RuleName));
        Assert.Equal("rep-8", alert.AssigneeId);
        Assert.Contains(alert.Evidence, e => e is { Name: "contract", Value: "SH-2026-0042" } && e.EventId == thirty.EventId);
        Assert.Contains(alert.Evidence, e => e is { Name: "expiresOn", Value: "2026-04-14" } && e.EventId == thirty.EventId);
        Assert.Equal(30m, alert.Thresholds["daysLeft"]);

        var fifteen = TestEvents.Expiring(customer, T0.AddDays(15), contract, new DateOnly(2026, 4, 14), 15, owner: "rep-8");
        await fixture.DeliverAsync(fifteen);
        alert = Assert.Single(await fixture.AlertsOfAsync(customer, ContractExpiringRule.RuleName));
        Assert.Contains(alert.Evidence, e => e is { Name: "daysLeft", Value: "15" } && e.EventId == fifteen.EventId);
        Assert.Equal(AlertState.Raised, alert.State);

        var renewal = TestEvents.Signed(customer, T0.AddDays(16), Guid.NewGuid(), new DateOnly(2026, 4, 15), new DateOnly(2027, 4, 14),
            number: "SH-2026-0107", renews: contract);
        await fixture.DeliverAsync(renewal);

        var resolved = Assert.Single(await fixture.AlertsOfAsync(customer, ContractExpiringRule.RuleName));
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.True(resolved.ResolvedAutomatically);
        Assert.Contains("renewed by SH-2026-0107", resolved.Cause);
    }

    [Fact]
    public async Task An_auto_renewal_that_moves_the_expiry_resolves_contract_expiring()
    {
        var customer = await RegisteredCustomerAsync();
        var contract = Guid.NewGuid();
        await fixture.DeliverAllAsync(
            TestEvents.Signed(customer, T0, contract, YearStart, new DateOnly(2026, 4, 14)),
            TestEvents.Expiring(customer, T0.AddHours(1), contract, new DateOnly(2026, 4, 14), 30));
        Assert.Equal(AlertState.Raised, Assert.Single(await fixture.AlertsOfAsync(customer, ContractExpiringRule.RuleName)).State);

        await fixture.DeliverAsync(TestEvents.Amended(customer, T0.AddDays(30), contract, 2, new DateOnly(2026, 4, 15), new DateOnly(2027, 4, 14), "auto-renewal"));

        var resolved = Assert.Single(await fixture.AlertsOfAsync(customer, ContractExpiringRule.RuleName));
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Contains("2027-04-14", resolved.Cause);
        Assert.Contains("auto-renewal", resolved.Cause);
    }

    [Fact]
    public async Task A_new_contract_from_the_day_after_the_expiry_resolves_contract_expiring_and_one_with_a_gap_does_not()
    {
        var customer = await RegisteredCustomerAsync();
        var contract = Guid.NewGuid();
        await fixture.DeliverAllAsync(
            TestEvents.Signed(customer, T0, contract, YearStart, new DateOnly(2026, 4, 14)),
            TestEvents.Expiring(customer, T0.AddHours(1), contract, new DateOnly(2026, 4, 14), 30));

        await fixture.DeliverAsync(TestEvents.Signed(customer, T0.AddDays(2), Guid.NewGuid(), new DateOnly(2026, 5, 1), new DateOnly(2027, 4, 30), number: "SH-2026-0200"));
        Assert.Equal(AlertState.Raised, Assert.Single(await fixture.AlertsOfAsync(customer, ContractExpiringRule.RuleName)).State);

        await fixture.DeliverAsync(TestEvents.Signed(customer, T0.AddDays(3), Guid.NewGuid(), new DateOnly(2026, 4, 15), new DateOnly(2026, 4, 30), number: "SH-2026-0201"));

        var resolved = Assert.Single(await fixture.AlertsOfAsync(customer, ContractExpiringRule.RuleName));
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Contains("SH-2026-0201", resolved.Cause);
    }

    [Fact]
    public async Task A_renewal_that_arrives_before_the_reminder_raises_nothing_and_a_redelivered_reminder_adds_nothing()
    {
        var renewed = await RegisteredCustomerAsync();
        var contract = Guid.NewGuid();
        var reminder = TestEvents.Expiring(renewed, T0.AddHours(1), contract, new DateOnly(2026, 4, 14), 30);
        await fixture.DeliverAllAsync(
            TestEvents.Signed(renewed, T0.AddHours(2), Guid.NewGuid(), new DateOnly(2026, 4, 15), new DateOnly(2027, 4, 14), number: "SH-2026-0300", renews: contract),
            reminder,
            TestEvents.Signed(renewed, T0, contract, YearStart, new DateOnly(2026, 4, 14)));
        Assert.Empty(await fixture.AlertsOfAsync(renewed, ContractExpiringRule.RuleName));

        var pending = await RegisteredCustomerAsync();
        var other = Guid.NewGuid();
        var once = TestEvents.Expiring(pending, T0.AddHours(1), other, new DateOnly(2026, 4, 14), 30);
        await fixture.DeliverAsync(once);
        await fixture.PublishAsync(once);
        await fixture.DeliverAsync(TestEvents.Expiring(pending, T0.AddHours(2), other, new DateOnly(2026, 4, 14), 30)); // behind the redelivery on the same queue

        var alert = Assert.Single(await fixture.AlertsOfAsync(pending, ContractExpiringRule.RuleName));
        Assert.Equal(3, alert.Evidence.Count(e => e.EventId == once.EventId));
        Assert.Single(alert.Timeline);
    }

    [Fact]
    public async Task Contract_events_for_a_customer_alerts_has_not_seen_yet_raise_for_the_owner_they_name()
    {
        var signedFirst = Guid.NewGuid();
        var contract = Guid.NewGuid();
        await fixture.DeliverAllAsync(
            TestEvents.Signed(signedFirst, T0, contract, YearStart, new DateOnly(2026, 4, 14), owner: "rep-12"),
            TestEvents.Expiring(signedFirst, T0.AddHours(1), contract, new DateOnly(2026, 4, 14), 30, owner: "rep-12"));
        Assert.Equal("rep-12", Assert.Single(await fixture.AlertsOfAsync(signedFirst, ContractExpiringRule.RuleName)).AssigneeId);

        var remindedFirst = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Expiring(remindedFirst, T0.AddHours(1), Guid.NewGuid(), new DateOnly(2026, 4, 14), 7, owner: "rep-13"));
        Assert.Equal("rep-13", Assert.Single(await fixture.AlertsOfAsync(remindedFirst, ContractExpiringRule.RuleName)).AssigneeId);
        Assert.Equal("rep-13", (await fixture.CustomerAsync(remindedFirst))!.OwnerId);
    }

    [Fact]
    public async Task A_branch_that_warns_at_15_days_ignores_the_30_day_reminder()
    {
        const string branch = "cd";
        await SetThresholdAsync(branch, ContractExpiringRule.RuleName, new { daysLeft = 15 });
        var customer = await RegisteredCustomerAsync(branch: branch);
        var contract = Guid.NewGuid();
        await fixture.DeliverAllAsync(
            TestEvents.Signed(customer, T0, contract, YearStart, new DateOnly(2026, 4, 14), branch: branch),
            TestEvents.Expiring(customer, T0.AddHours(1), contract, new DateOnly(2026, 4, 14), 30, branch: branch));
        Assert.Empty(await fixture.AlertsOfAsync(customer, ContractExpiringRule.RuleName));

        await fixture.DeliverAsync(TestEvents.Expiring(customer, T0.AddDays(15), contract, new DateOnly(2026, 4, 14), 15, branch: branch));

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, ContractExpiringRule.RuleName));
        Assert.Equal(2, alert.RuleVersion);
        Assert.Equal(15m, alert.Thresholds["daysLeft"]);
    }

    // no-active-contract

    [Fact]
    public async Task A_sale_without_a_contract_raises_no_active_contract_more_such_sales_join_it_and_a_contract_covering_them_resolves_it()
    {
        var customer = await RegisteredCustomerAsync("rep-5");
        var first = TestEvents.Sale(customer, T0, 8_000m, 8_000m, Limit, date: new DateOnly(2026, 3, 2), withoutContract: true);
        var second = TestEvents.Sale(customer, T0.AddHours(1), 2_000m, 10_000m, Limit, date: new DateOnly(2026, 3, 9), withoutContract: true);

        await fixture.DeliverAllAsync(first, second);

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, NoActiveContractRule.RuleName));
        Assert.Equal("rep-5", alert.AssigneeId);
        Assert.Contains(alert.Evidence, e => e is { Name: "saleOn", Value: "2026-03-02" } && e.EventId == first.EventId);
        Assert.Contains(alert.Evidence, e => e is { Name: "amount", Value: "2000" } && e.EventId == second.EventId);
        Assert.Equal([TimelineKind.Raised, TimelineKind.EvidenceAdded], alert.Timeline.Select(t => t.Kind).ToArray());

        // A contract that ended before the sales covers none of them.
        var old = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Signed(customer, T0.AddHours(2), old, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), number: "SH-2025-0009"));
        Assert.Equal(AlertState.Raised, Assert.Single(await fixture.AlertsOfAsync(customer, NoActiveContractRule.RuleName)).State);

        var signed = TestEvents.Signed(customer, T0.AddHours(3), Guid.NewGuid(), new DateOnly(2026, 3, 20), YearEnd, number: "SH-2026-0500");
        await fixture.DeliverAsync(signed);

        var resolved = Assert.Single(await fixture.AlertsOfAsync(customer, NoActiveContractRule.RuleName));
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Contains("SH-2026-0500", resolved.Cause);
        Assert.Contains(signed.EventId.ToString(), resolved.Cause);
    }

    [Fact]
    public async Task A_sale_under_a_contract_raises_nothing_and_a_contract_seen_before_a_contractless_sale_covers_it()
    {
        var covered = await RegisteredCustomerAsync();
        await fixture.DeliverAsync(TestEvents.Sale(covered, T0, 5_000m, 5_000m, Limit));
        Assert.Empty(await fixture.AlertsOfAsync(covered));

        // Credit recorded the sale before it knew of the contract; alerts got the contract first: no alert either way.
        var reordered = await RegisteredCustomerAsync();
        await fixture.DeliverAllAsync(
            TestEvents.Signed(reordered, T0.AddHours(2), Guid.NewGuid(), YearStart, YearEnd),
            TestEvents.Sale(reordered, T0.AddHours(1), 5_000m, 5_000m, Limit, date: Today, withoutContract: true));
        Assert.Empty(await fixture.AlertsOfAsync(reordered, NoActiveContractRule.RuleName));
    }

    [Fact]
    public async Task A_reversed_contractless_sale_resolves_no_active_contract_and_its_redelivery_changes_nothing()
    {
        var customer = await RegisteredCustomerAsync();
        var sale = TestEvents.Sale(customer, T0, 5_000m, 5_000m, Limit, withoutContract: true);
        await fixture.DeliverAsync(sale);
        var reversal = TestEvents.Sale(customer, T0.AddHours(1), -5_000m, 0m, Limit, reverses: sale.EntryId, withoutContract: true);
        await fixture.DeliverAsync(reversal);

        await fixture.PublishAsync(sale);
        await fixture.DeliverAsync(TestEvents.Payment(customer, T0.AddHours(2), 0.01m, -0.01m, Limit)); // behind the redelivery

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, NoActiveContractRule.RuleName));
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.Contains("reversed", alert.Cause);
    }

    [Fact]
    public async Task A_branch_minimum_amount_keeps_small_contractless_sales_quiet()
    {
        const string branch = "xa";
        await SetThresholdAsync(branch, NoActiveContractRule.RuleName, new { minimumAmount = 1_000 });
        var customer = await RegisteredCustomerAsync(branch: branch);

        await fixture.DeliverAsync(TestEvents.Sale(customer, T0, 999.99m, 999.99m, Limit, branch: branch, withoutContract: true));
        Assert.Empty(await fixture.AlertsOfAsync(customer, NoActiveContractRule.RuleName));

        var big = TestEvents.Sale(customer, T0.AddHours(1), 1_000m, 1_999.99m, Limit, branch: branch, withoutContract: true);
        await fixture.DeliverAsync(big);
        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, NoActiveContractRule.RuleName));
        Assert.Equal(1_000m, alert.Thresholds["minimumAmount"]);
        Assert.All(alert.Evidence, e => Assert.Equal(big.EventId, e.EventId));
    }

    // territory-breach

    [Fact]
    public async Task A_sale_outside_the_contract_s_product_lines_raises_territory_breach_and_its_reversal_resolves_it()
    {
        var customer = await RegisteredCustomerAsync("rep-6");
        var sale = TestEvents.Sale(customer, T0, 3_000m, 3_000m, Limit, product: "牙膏", outsideContract: true);

        await fixture.DeliverAsync(sale);

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, TerritoryBreachRule.RuleName));
        Assert.Equal("rep-6", alert.AssigneeId);
        Assert.Contains(alert.Evidence, e => e is { Name: "product", Value: "牙膏" } && e.EventId == sale.EventId);
        Assert.Contains(alert.Evidence, e => e is { Name: "contract", Value: "SH-2026-0001" } && e.EventId == sale.EventId);
        Assert.Empty(await fixture.AlertsOfAsync(customer, NoActiveContractRule.RuleName));

        await fixture.DeliverAsync(TestEvents.Sale(customer, T0.AddHours(1), -3_000m, 0m, Limit, product: "牙膏", reverses: sale.EntryId));

        var resolved = Assert.Single(await fixture.AlertsOfAsync(customer, TerritoryBreachRule.RuleName));
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Contains("reversed", resolved.Cause);
    }

    [Fact]
    public async Task A_sale_in_another_customer_s_exclusive_territory_for_that_product_line_raises_territory_breach_for_the_seller_only()
    {
        var holder = await RegisteredCustomerAsync("rep-1", region: "苏南");
        var seller = await RegisteredCustomerAsync("rep-2", region: "苏南");
        var elsewhere = await RegisteredCustomerAsync("rep-3", region: "苏北");
        var exclusive = TestEvents.Signed(holder, T0, Guid.NewGuid(), YearStart, YearEnd, number: "SH-2026-0600",
            terms: TestEvents.Terms("exclusive", productLines: ["洗衣粉"], territories: ["苏南"]));
        await fixture.DeliverAsync(exclusive);

        var breach = TestEvents.Sale(seller, T0.AddHours(1), 4_000m, 4_000m, Limit, date: Today);
        var otherLine = TestEvents.Sale(seller, T0.AddHours(2), 4_000m, 8_000m, Limit, date: Today, product: "牙膏");
        await fixture.DeliverAllAsync(
            breach, otherLine,
            TestEvents.Sale(elsewhere, T0.AddHours(1), 4_000m, 4_000m, Limit, date: Today),
            TestEvents.Sale(holder, T0.AddHours(1), 4_000m, 4_000m, Limit, date: Today));

        var alert = Assert.Single(await fixture.AlertsOfAsync(seller, TerritoryBreachRule.RuleName));
        Assert.Equal("rep-2", alert.AssigneeId);
        Assert.Contains(alert.Evidence, e => e is { Name: "exclusiveContract", Value: "SH-2026-0600 v1" } && e.EventId == breach.EventId);
        Assert.Contains(alert.Evidence, e => e.Name == "exclusiveHolder" && e.Value == holder.ToString());
        Assert.Contains(alert.Evidence, e => e is { Name: "region", Value: "苏南" });
        Assert.DoesNotContain(alert.Evidence, e => e.EventId == otherLine.EventId);
        Assert.Empty(await fixture.AlertsOfAsync(elsewhere, TerritoryBreachRule.RuleName));
        Assert.Empty(await fixture.AlertsOfAsync(holder, TerritoryBreachRule.RuleName));
    }

    [Fact]
    public async Task An_exclusive_right_that_arrives_after_the_sale_still_raises_and_its_termination_before_the_sale_resolves()
    {
        var holder = await RegisteredCustomerAsync(region: "浙北");
        var seller = await RegisteredCustomerAsync(region: "浙北");
        var sale = TestEvents.Sale(seller, T0.AddHours(1), 4_000m, 4_000m, Limit, date: new DateOnly(2026, 3, 10));
        await fixture.DeliverAsync(sale);
        Assert.Empty(await fixture.AlertsOfAsync(seller, TerritoryBreachRule.RuleName));

        var contract = Guid.NewGuid();
        var signed = TestEvents.Signed(holder, T0, contract, YearStart, YearEnd, number: "SH-2026-0700",
            terms: TestEvents.Terms("exclusive", productLines: [], territories: ["浙北", "浙南"]));
        await fixture.DeliverAsync(signed);
        await fixture.PublishAsync(signed); // redelivered: nothing more

        var alert = Assert.Single(await fixture.AlertsOfAsync(seller, TerritoryBreachRule.RuleName));
        Assert.Contains(alert.Evidence, e => e is { Name: "exclusiveContract", Value: "SH-2026-0700 v1" } && e.EventId == sale.EventId);

        // The right ended before the sale's date after all (terminated on 1 March): the sale breached nothing.
        await fixture.DeliverAsync(TestEvents.Terminated(holder, T0.AddHours(3), contract, new DateOnly(2026, 3, 1), number: "SH-2026-0700"));

        var resolved = Assert.Single(await fixture.AlertsOfAsync(seller, TerritoryBreachRule.RuleName));
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Contains("SH-2026-0700", resolved.Cause);
    }

    [Fact]
    public async Task The_version_in_force_on_the_sale_s_date_decides_the_exclusive_right()
    {
        var holder = await RegisteredCustomerAsync(region: "皖南");
        var seller = await RegisteredCustomerAsync(region: "皖南");
        var contract = Guid.NewGuid();
        await fixture.DeliverAllAsync(
            TestEvents.Signed(holder, T0, contract, YearStart, YearEnd, number: "SH-2026-0800",
                terms: TestEvents.Terms("distribution", territories: ["皖南"])),
            // From 1 March the contract grants 皖南 exclusively: a February sale is no breach, a March sale is.
            TestEvents.Amended(holder, T0.AddHours(1), contract, 2, new DateOnly(2026, 3, 1), YearEnd, number: "SH-2026-0800",
                terms: TestEvents.Terms("exclusive", territories: ["皖南"])));
        var february = TestEvents.Sale(seller, T0.AddHours(2), 1_000m, 1_000m, Limit, date: new DateOnly(2026, 2, 20));
        var march = TestEvents.Sale(seller, T0.AddHours(3), 1_000m, 2_000m, Limit, date: new DateOnly(2026, 3, 5));

        await fixture.DeliverAsync(february);
        Assert.Empty(await fixture.AlertsOfAsync(seller, TerritoryBreachRule.RuleName));
        await fixture.DeliverAsync(march);

        var alert = Assert.Single(await fixture.AlertsOfAsync(seller, TerritoryBreachRule.RuleName));
        Assert.Contains(alert.Evidence, e => e is { Name: "exclusiveContract", Value: "SH-2026-0800 v2" } && e.EventId == march.EventId);
        Assert.DoesNotContain(alert.Evidence, e => e.EventId == february.EventId);
    }

    [Fact]
    public async Task A_customer_moving_into_an_exclusive_territory_is_checked_again()
    {
        var holder = await RegisteredCustomerAsync(region: "闽南");
        var mover = await RegisteredCustomerAsync(region: "闽北");
        await fixture.DeliverAllAsync(
            TestEvents.Signed(holder, T0, Guid.NewGuid(), YearStart, YearEnd, number: "SH-2026-0900",
                terms: TestEvents.Terms("exclusive", territories: ["闽南"])),
            TestEvents.Sale(mover, T0.AddHours(1), 1_000m, 1_000m, Limit, date: Today));
        Assert.Empty(await fixture.AlertsOfAsync(mover, TerritoryBreachRule.RuleName));

        await fixture.DeliverAsync(TestEvents.RegionChanged(mover, T0.AddHours(2), 2, "闽南"));

        Assert.Single(await fixture.AlertsOfAsync(mover, TerritoryBreachRule.RuleName));
        Assert.Equal("闽南", (await fixture.CustomerAsync(mover))!.Region);
        Assert.Equal(1, await fixture.QueryAsync(db => db.Contracts.CountAsync(c => c.CustomerId == holder)));
    }
}
