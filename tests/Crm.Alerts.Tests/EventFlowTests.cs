namespace Crm.Alerts.Tests;

/// <summary>
/// The alerts service fed with events over the real broker, as the customers and credit services publish them:
/// alerts raised with their evidence, de-duplicated, resolved by themselves, published; redeliveries and reordering.
/// </summary>
public sealed class EventFlowTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    private static readonly DateTimeOffset T0 = AlertsFixture.Start.AddDays(-1);
    private const decimal Limit = 100_000m;

    private async Task<Guid> RegisteredCustomerAsync(string owner = "rep-1")
    {
        var id = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Registered(id, T0, owner));
        return id;
    }

    [Fact]
    public async Task A_sale_that_takes_the_balance_over_the_limit_raises_an_alert_whose_evidence_names_the_sale()
    {
        await using var raisedEvents = await RawSubscriber.BindAsync(fixture.Amqp, "crm.alert-raised");
        var customer = await RegisteredCustomerAsync("rep-7");
        var sale = TestEvents.Sale(customer, T0.AddHours(1), 30_000m, 120_000m, Limit);

        await fixture.DeliverAsync(sale);

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer));
        Assert.Equal(OverCreditLimitRule.RuleName, alert.Rule);
        Assert.Equal(AlertState.Raised, alert.State);
        Assert.Equal("rep-7", alert.AssigneeId);
        Assert.Equal(1, alert.RuleVersion);
        Assert.Equal(0m, alert.Thresholds["marginPercent"]);
        Assert.Contains(alert.Evidence, e => e is { Name: "balance", Value: "120000" } && e.EventId == sale.EventId);
        Assert.Contains(alert.Evidence, e => e is { Name: "overBy", Value: "20000" });

        var published = (await raisedEvents.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer)).Message;
        Assert.Equal(alert.Id, published.GetProperty("alertId").GetGuid());
        Assert.Equal("over-credit-limit", published.GetProperty("rule").GetString());
        Assert.Equal("rep-7", published.GetProperty("assigneeId").GetString());
        Assert.Contains(published.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("eventId").GetString() == sale.EventId.ToString());
    }

    [Fact]
    public async Task New_evidence_goes_to_the_open_alert_instead_of_a_second_one()
    {
        var customer = await RegisteredCustomerAsync();
        var first = TestEvents.Sale(customer, T0.AddHours(1), 30_000m, 120_000m, Limit);
        var second = TestEvents.Sale(customer, T0.AddHours(2), 10_000m, 130_000m, Limit);

        await fixture.DeliverAllAsync(first, second);

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer));
        Assert.Contains(alert.Evidence, e => e.EventId == first.EventId);
        Assert.Contains(alert.Evidence, e => e is { Name: "balance", Value: "130000" } && e.EventId == second.EventId);
        Assert.Equal([TimelineKind.Raised, TimelineKind.EvidenceAdded], alert.Timeline.Select(t => t.Kind).ToArray());
        Assert.Contains("130000", alert.Summary);
    }

    [Fact]
    public async Task A_payment_that_brings_the_balance_within_the_limit_resolves_the_alert_with_that_cause()
    {
        await using var resolvedEvents = await RawSubscriber.BindAsync(fixture.Amqp, "crm.alert-resolved");
        var customer = await RegisteredCustomerAsync();
        await fixture.DeliverAsync(TestEvents.Sale(customer, T0.AddHours(1), 30_000m, 120_000m, Limit));
        var payment = TestEvents.Payment(customer, T0.AddHours(2), 40_000m, 80_000m, Limit);

        await fixture.DeliverAsync(payment);

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer));
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.True(alert.ResolvedAutomatically);
        Assert.Equal(Alert.SystemActor, alert.ResolvedBy);
        Assert.Contains("payment of 40000", alert.Cause);
        Assert.Contains(payment.EventId.ToString(), alert.Cause);

        var published = (await resolvedEvents.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer)).Message;
        Assert.Equal(alert.Id, published.GetProperty("alertId").GetGuid());
        Assert.True(published.GetProperty("automatic").GetBoolean());
    }

    [Fact]
    public async Task A_raised_limit_resolves_the_alert_too()
    {
        var customer = await RegisteredCustomerAsync();
        await fixture.DeliverAsync(TestEvents.Sale(customer, T0.AddHours(1), 30_000m, 120_000m, Limit));

        await fixture.DeliverAsync(TestEvents.LimitChanged(customer, T0.AddHours(2), Limit, 150_000m, 120_000m));

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer));
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.Contains("credit limit changed from 100000 to 150000", alert.Cause);
    }

    [Fact]
    public async Task Redelivered_events_raise_nothing_new()
    {
        using var metrics = new MetricsProbe(fixture.AlertsServices.GetRequiredService<IMeterFactory>(), "Crm.Messaging");
        var customer = await RegisteredCustomerAsync();
        var sale = TestEvents.Sale(customer, T0.AddHours(1), 30_000m, 120_000m, Limit);
        await fixture.DeliverAsync(sale);
        await fixture.DeliverAsync(TestEvents.Payment(customer, T0.AddHours(2), 40_000m, 80_000m, Limit));

        await fixture.PublishAsync(sale); // the same event again, as an at-least-once broker may deliver it
        await fixture.PublishAsync(sale);
        await Eventually.Until(
            () => Task.FromResult(metrics.Counter("crm.inbox.duplicates", ("crm.consumer", "SaleRecordedHandler"))),
            duplicates => duplicates >= 2, "the inbox to skip both redeliveries");

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer));
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.Equal(3, alert.Evidence.Count);
        Assert.Equal(1, await fixture.QueryAsync(db => db.SaleEntries.CountAsync(s => s.CustomerId == customer)));
    }

    [Fact]
    public async Task A_payment_seen_before_the_sale_it_pays_is_still_counted()
    {
        var paidFirst = await RegisteredCustomerAsync();
        var soldFirst = await RegisteredCustomerAsync();
        IntegrationEventPair For(Guid customer) => new(
            TestEvents.Sale(customer, T0.AddHours(1), 50_000m, 150_000m, Limit),
            TestEvents.Payment(customer, T0.AddHours(2), 90_000m, 60_000m, Limit));
        var late = For(paidFirst);
        var inOrder = For(soldFirst);

        await fixture.DeliverAllAsync(late.Payment, late.Sale);
        await fixture.DeliverAllAsync(inOrder.Sale, inOrder.Payment);

        Assert.Empty(await fixture.AlertsOfAsync(paidFirst));
        var afterReorder = await fixture.CustomerAsync(paidFirst);
        var afterOrder = await fixture.CustomerAsync(soldFirst);
        Assert.Equal(60_000m, afterReorder!.Balance);
        Assert.Equal(late.Payment.EventId, afterReorder.AccountEventId);
        Assert.Equal(afterOrder!.Balance, afterReorder.Balance);
        Assert.Equal(afterOrder.LastPurchaseOn, afterReorder.LastPurchaseOn);
        Assert.Equal(AlertState.Resolved, Assert.Single(await fixture.AlertsOfAsync(soldFirst)).State);
    }

    [Fact]
    public async Task An_alert_for_a_customer_not_registered_yet_goes_to_the_escalation_role_then_follows_the_owner()
    {
        var customer = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Sale(customer, T0.AddHours(1), 30_000m, 120_000m, Limit));
        var early = Assert.Single(await fixture.AlertsOfAsync(customer));
        Assert.Null(early.AssigneeId);
        Assert.Equal("sales-admin-manager", early.AssigneeRole);

        await fixture.DeliverAsync(TestEvents.Registered(customer, T0, "rep-3"));
        Assert.Equal("rep-3", Assert.Single(await fixture.AlertsOfAsync(customer)).AssigneeId);

        await fixture.DeliverAsync(TestEvents.OwnerChanged(customer, T0.AddHours(3), "rep-3", "rep-4"));
        var followed = Assert.Single(await fixture.AlertsOfAsync(customer));
        Assert.Equal("rep-4", followed.AssigneeId);
        Assert.Null(followed.AssigneeRole);
        Assert.Contains(followed.Timeline, t => t.Kind == TimelineKind.Reassigned && t.Note!.Contains("rep-4"));
    }

    [Fact]
    public async Task An_alert_that_follows_the_customers_new_owner_is_published_as_reassigned()
    {
        await using var reassignments = await RawSubscriber.BindAsync(fixture.Amqp, "crm.alert-reassigned");
        var customer = await RegisteredCustomerAsync("rep-5");
        await fixture.DeliverAsync(TestEvents.Sale(customer, T0.AddHours(1), 30_000m, 120_000m, Limit));
        var alert = Assert.Single(await fixture.AlertsOfAsync(customer));

        await fixture.DeliverAsync(TestEvents.OwnerChanged(customer, T0.AddHours(2), "rep-5", "rep-6"));

        var published = (await reassignments.NextAsync(m => m.GetProperty("alertId").GetGuid() == alert.Id)).Message;
        Assert.Equal((customer, OverCreditLimitRule.RuleName, "rep-5", "rep-6"), (published.GetProperty("customerId").GetGuid(),
            published.GetProperty("rule").GetString(), published.GetProperty("previousAssigneeId").GetString(), published.GetProperty("assigneeId").GetString()));
        Assert.Contains("owner", published.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_raised_budget_clears_the_expense_alert_and_a_lowered_one_raises_it_again()
    {
        var customer = await RegisteredCustomerAsync();
        await fixture.DeliverAsync(TestEvents.Expense(customer, T0.AddHours(1), "2026-02", 3_000m, 12_000m, 10_000m));
        Assert.Equal(AlertState.Raised, Assert.Single(await fixture.AlertsOfAsync(customer, ExpenseOverBudgetRule.RuleName)).State);

        var raised = TestEvents.Budget(customer, T0.AddHours(2), "2026-02", 15_000m, previous: 10_000m, monthTotal: 12_000m);
        await fixture.DeliverAsync(raised);
        var cleared = Assert.Single(await fixture.AlertsOfAsync(customer, ExpenseOverBudgetRule.RuleName));
        Assert.Equal(AlertState.Resolved, cleared.State);
        Assert.Contains("15000", cleared.Cause);

        var lowered = TestEvents.Budget(customer, T0.AddHours(3), "2026-02", 11_000m, previous: 15_000m, monthTotal: 12_000m);
        await fixture.DeliverAsync(lowered);
        var again = Assert.Single(await fixture.AlertsOfAsync(customer, ExpenseOverBudgetRule.RuleName), a => a.State == AlertState.Raised);
        Assert.Contains(again.Evidence, e => e is { Name: "monthBudget", Value: "11000" } && e.EventId == lowered.EventId);

        // An older budget arriving late changes nothing.
        await fixture.DeliverAsync(TestEvents.Budget(customer, T0.AddHours(2).AddMinutes(30), "2026-02", 20_000m, previous: 15_000m, monthTotal: 12_000m));
        var kept = Assert.Single(await fixture.AlertsOfAsync(customer, ExpenseOverBudgetRule.RuleName), a => a.State == AlertState.Raised);
        Assert.Equal(again.Id, kept.Id);
    }

    [Fact]
    public async Task A_late_registration_does_not_undo_a_newer_owner()
    {
        var customer = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.OwnerChanged(customer, T0.AddHours(3), "rep-3", "rep-4"));
        await fixture.DeliverAsync(TestEvents.Registered(customer, T0, "rep-3"));

        var projection = await fixture.CustomerAsync(customer);
        Assert.Equal("rep-4", projection!.OwnerId);
        Assert.True(projection.IsRegistered);
    }

    [Fact]
    public async Task Every_major_incident_is_raised_and_a_second_one_joins_the_open_alert()
    {
        var customer = await RegisteredCustomerAsync();
        var theft = TestEvents.Incident(customer, T0.AddHours(1), "theft", "仓库失窃");
        var illness = TestEvents.Incident(customer, T0.AddHours(5), "serious-illness", "法人重病住院");

        await fixture.DeliverAllAsync(theft, illness);

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, MajorIncidentRule.RuleName));
        Assert.Contains(alert.Evidence, e => e.EventId == theft.EventId && e.Value == "仓库失窃");
        Assert.Contains(alert.Evidence, e => e.EventId == illness.EventId && e.Value == "法人重病住院");
    }

    [Fact]
    public async Task A_grade_falling_to_D_raises_and_a_grade_back_at_B_resolves()
    {
        var customer = await RegisteredCustomerAsync();
        var drop = TestEvents.Graded(customer, T0.AddHours(1), "2026-02", "D", "C");
        await fixture.DeliverAsync(drop);
        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, GradeDropRule.RuleName));
        Assert.Contains(alert.Evidence, e => e is { Name: "grade", Value: "D" } && e.EventId == drop.EventId);

        await fixture.DeliverAsync(TestEvents.Graded(customer, T0.AddHours(2), "2026-03", "B", "D"));

        Assert.Equal(AlertState.Resolved, Assert.Single(await fixture.AlertsOfAsync(customer, GradeDropRule.RuleName)).State);
    }

    [Fact]
    public async Task Expenses_over_budget_raise_and_a_new_month_within_budget_resolves()
    {
        var customer = await RegisteredCustomerAsync();
        var over = TestEvents.Expense(customer, T0.AddHours(1), "2026-02", 3_000m, 12_000m, 10_000m);
        await fixture.DeliverAsync(over);
        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, ExpenseOverBudgetRule.RuleName));
        Assert.Contains(alert.Evidence, e => e is { Name: "monthTotal", Value: "12000" } && e.EventId == over.EventId);

        await fixture.DeliverAsync(TestEvents.Expense(customer, T0.AddHours(2), "2026-03", 1_000m, 1_000m, 10_000m));

        var resolved = Assert.Single(await fixture.AlertsOfAsync(customer, ExpenseOverBudgetRule.RuleName));
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Contains("2026-03", resolved.Cause);
    }

    [Fact]
    public async Task A_month_behind_its_plan_raises_progress_behind_and_catching_up_resolves_it()
    {
        // Today is 15 March (31 days): the plan's pro-rata share of 3100 is 1500, and 20 % below it is 1200.
        var customer = await RegisteredCustomerAsync();
        await fixture.DeliverAsync(TestEvents.Sale(customer, T0, 1_000m, 1_000m, Limit, date: new DateOnly(2026, 3, 10)));
        var plan = TestEvents.Plan(customer, T0.AddHours(1), "2026-03", 3_100m);

        await fixture.DeliverAsync(plan);

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, ProgressBehindRule.RuleName));
        Assert.Contains(alert.Evidence, e => e is { Name: "monthToDate", Value: "1000" });
        Assert.Contains(alert.Evidence, e => e.Name == "plan" && e.EventId == plan.EventId);

        await fixture.DeliverAsync(TestEvents.Sale(customer, T0.AddHours(2), 200m, 1_200m, Limit, date: new DateOnly(2026, 3, 14)));

        Assert.Equal(AlertState.Resolved, Assert.Single(await fixture.AlertsOfAsync(customer, ProgressBehindRule.RuleName)).State);
    }

    [Fact]
    public async Task A_contact_resolves_not_contacted()
    {
        var customer = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Registered(customer, AlertsFixture.Start.AddDays(-8)));
        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, NotContactedRule.RuleName));
        Assert.Contains(alert.Evidence, e => e.Name == "daysSinceRegistration" && e.Value == "8");

        await fixture.DeliverAsync(TestEvents.Contacted(customer, AlertsFixture.Start));

        Assert.Equal(AlertState.Resolved, Assert.Single(await fixture.AlertsOfAsync(customer, NotContactedRule.RuleName)).State);
    }

    [Fact]
    public async Task Alerts_raised_and_resolved_are_counted_per_rule_once_committed()
    {
        using var metrics = new MetricsProbe(fixture.AlertsServices.GetRequiredService<IMeterFactory>(), "Crm.Alerts");
        var customer = await RegisteredCustomerAsync();

        await fixture.DeliverAsync(TestEvents.Sale(customer, T0.AddHours(1), 30_000m, 120_000m, Limit));
        await fixture.DeliverAsync(TestEvents.Payment(customer, T0.AddHours(2), 40_000m, 80_000m, Limit));

        var rule = ("crm.alert.rule", OverCreditLimitRule.RuleName);
        await Eventually.Until(() => Task.FromResult(metrics.Counter("crm.alerts.resolved", rule)), n => n >= 1, "the resolution to be counted");
        Assert.Equal(1, metrics.Counter("crm.alerts.raised", rule));
        Assert.Equal(1, metrics.Counter("crm.alerts.resolved", rule, ("crm.alert.resolution", "automatic")));
    }

    private sealed record IntegrationEventPair(Crm.Events.SaleRecorded Sale, Crm.Events.PaymentReceived Payment);
}
