namespace Crm.Alerts.Tests;

/// <summary>
/// complaint-unanswered from the after-sales events over the real broker (never leave a complaint without an answer,
/// 最忌讳投诉没有下文), and over-credit-limit settled by a credit note for a return.
/// </summary>
public sealed class ComplaintRulesFlowTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    private static readonly DateTimeOffset T0 = AlertsFixture.Start.AddDays(-1);
    private const decimal Limit = 100_000m;

    private async Task<Guid> RegisteredCustomerAsync(string owner = "rep-1", string branch = TestEvents.Branch)
    {
        var id = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Registered(id, T0, owner, branch));
        return id;
    }

    [Fact]
    public async Task A_first_response_breach_raises_complaint_unanswered_straight_to_the_managers_and_the_answer_resolves_it()
    {
        await using var raisedEvents = await RawSubscriber.BindAsync(fixture.Amqp, "crm.alert-raised");
        var customer = await RegisteredCustomerAsync("rep-4");
        var complaint = Guid.NewGuid();
        var breach = TestEvents.SlaBreached(customer, T0.AddHours(1), complaint, severity: "high");

        await fixture.DeliverAsync(breach);

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, ComplaintUnansweredRule.RuleName));
        Assert.Null(alert.AssigneeId);
        Assert.Equal("sales-admin-manager", alert.AssigneeRole);
        Assert.True(alert.Escalated);
        Assert.Contains(alert.Evidence, e => e is { Name: "deadline", Value: "first-response" } && e.EventId == breach.EventId);
        Assert.Contains(alert.Evidence, e => e.Name == "complaintId" && e.Value == complaint.ToString());
        var published = (await raisedEvents.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer)).Message;
        Assert.Equal("complaint-unanswered", published.GetProperty("rule").GetString());
        Assert.Equal("sales-admin-manager", published.GetProperty("assigneeRole").GetString());

        // Escalation does not pass it on again, and the owner's change does not take it from the managers.
        await fixture.DeliverAsync(TestEvents.OwnerChanged(customer, T0.AddHours(2), "rep-4", "rep-9"));
        fixture.Clock.Advance(TimeSpan.FromDays(2));
        await fixture.Sweep.EscalateOverdueAsync(CancellationToken.None);
        alert = Assert.Single(await fixture.AlertsOfAsync(customer, ComplaintUnansweredRule.RuleName));
        Assert.Equal("sales-admin-manager", alert.AssigneeRole);
        Assert.Single(alert.Timeline, t => t.Kind == TimelineKind.Escalated);

        var answered = TestEvents.Answered(customer, T0.AddHours(3), complaint, "high");
        await fixture.DeliverAsync(answered);

        var resolved = Assert.Single(await fixture.AlertsOfAsync(customer, ComplaintUnansweredRule.RuleName));
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Contains(answered.EventId.ToString(), resolved.Cause);
    }

    [Fact]
    public async Task A_resolution_breach_is_not_settled_by_an_answer_only_by_closing_the_complaint()
    {
        var customer = await RegisteredCustomerAsync();
        var complaint = Guid.NewGuid();
        await fixture.DeliverAllAsync(
            TestEvents.Answered(customer, T0, complaint),
            TestEvents.SlaBreached(customer, T0.AddDays(7), complaint, deadline: "resolution"));
        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, ComplaintUnansweredRule.RuleName));
        Assert.Contains(alert.Evidence, e => e is { Name: "deadline", Value: "resolution" });

        // A second complaint's breach joins the open alert; closing only the first leaves the alert open.
        var second = Guid.NewGuid();
        var secondBreach = TestEvents.SlaBreached(customer, T0.AddDays(7).AddHours(1), second);
        await fixture.DeliverAsync(secondBreach);
        await fixture.DeliverAsync(TestEvents.ComplaintClosed(customer, T0.AddDays(8), complaint));
        alert = Assert.Single(await fixture.AlertsOfAsync(customer, ComplaintUnansweredRule.RuleName));
        Assert.Equal(AlertState.Raised, alert.State);
        Assert.Contains(alert.Evidence, e => e.EventId == secondBreach.EventId);

        var closed = TestEvents.ComplaintClosed(customer, T0.AddDays(9), second);
        await fixture.DeliverAsync(closed);

        var resolved = Assert.Single(await fixture.AlertsOfAsync(customer, ComplaintUnansweredRule.RuleName));
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Contains(closed.EventId.ToString(), resolved.Cause);
    }

    [Fact]
    public async Task An_answer_that_arrives_before_its_breach_raises_nothing_and_a_redelivered_breach_adds_nothing()
    {
        var answeredFirst = await RegisteredCustomerAsync();
        var complaint = Guid.NewGuid();
        await fixture.DeliverAllAsync(
            TestEvents.Answered(answeredFirst, T0.AddHours(2), complaint),
            TestEvents.SlaBreached(answeredFirst, T0.AddHours(1), complaint));
        Assert.Empty(await fixture.AlertsOfAsync(answeredFirst, ComplaintUnansweredRule.RuleName));

        var customer = await RegisteredCustomerAsync();
        var breach = TestEvents.SlaBreached(customer, T0.AddHours(1), Guid.NewGuid());
        await fixture.DeliverAsync(breach);
        await fixture.PublishAsync(breach);
        await fixture.DeliverAsync(TestEvents.SlaBreached(customer, T0.AddHours(2), Guid.NewGuid(), severity: "low"));

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, ComplaintUnansweredRule.RuleName));
        Assert.Equal(6, alert.Evidence.Count(e => e.EventId == breach.EventId));
        Assert.Equal(2, alert.Evidence.Count(e => e.Name == "complaintId"));
    }

    [Fact]
    public async Task A_breach_for_a_customer_alerts_has_not_seen_yet_still_raises()
    {
        var customer = Guid.NewGuid();
        var breach = TestEvents.SlaBreached(customer, T0, Guid.NewGuid(), severity: "critical");

        await fixture.DeliverAsync(breach);

        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, ComplaintUnansweredRule.RuleName));
        Assert.Equal("sales-admin-manager", alert.AssigneeRole);
        Assert.All(alert.Evidence, e => Assert.Equal(breach.EventId, e.EventId));
    }

    [Fact]
    public async Task A_branch_minimum_severity_keeps_low_complaints_out_of_the_alerts()
    {
        const string branch = "gz";
        using var manager = fixture.System.Gateway("sam-gz", branch, "sales-admin-manager");
        var changed = await manager.PutAsJsonAsync($"/api/alerts/rules/{ComplaintUnansweredRule.RuleName}", new
        {
            version = 1, enabled = true, thresholds = new { minimumSeverity = 3 }, escalateAfterHours = 4, reason = "只报高级别",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var customer = await RegisteredCustomerAsync(branch: branch);

        await fixture.DeliverAsync(TestEvents.SlaBreached(customer, T0, Guid.NewGuid(), severity: "medium", branch: branch));
        Assert.Empty(await fixture.AlertsOfAsync(customer, ComplaintUnansweredRule.RuleName));

        await fixture.DeliverAsync(TestEvents.SlaBreached(customer, T0.AddHours(1), Guid.NewGuid(), severity: "critical", branch: branch));
        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, ComplaintUnansweredRule.RuleName));
        Assert.Equal(3m, alert.Thresholds["minimumSeverity"]);
        Assert.Contains(alert.Evidence, e => e is { Name: "severity", Value: "critical" });
        Assert.DoesNotContain(alert.Evidence, e => e is { Name: "severity", Value: "medium" });
    }

    [Fact]
    public async Task A_credit_note_that_brings_the_balance_within_the_limit_resolves_over_credit_limit()
    {
        var customer = await RegisteredCustomerAsync();
        await fixture.DeliverAsync(TestEvents.Sale(customer, T0, 30_000m, 120_000m, Limit));
        var partial = TestEvents.CreditNote(customer, T0.AddHours(1), 10_000m, 110_000m, Limit);
        await fixture.DeliverAsync(partial);
        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, OverCreditLimitRule.RuleName));
        Assert.Equal(AlertState.Raised, alert.State);
        Assert.Contains(alert.Evidence, e => e is { Name: "balance", Value: "110000" } && e.EventId == partial.EventId);

        var note = TestEvents.CreditNote(customer, T0.AddHours(2), 15_000m, 95_000m, Limit);
        await fixture.DeliverAsync(note);

        var resolved = Assert.Single(await fixture.AlertsOfAsync(customer, OverCreditLimitRule.RuleName));
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Contains("credit note of 15000", resolved.Cause);
        Assert.Contains(note.EventId.ToString(), resolved.Cause);
    }

    [Fact]
    public async Task The_new_rules_are_counted_per_rule_like_the_others()
    {
        using var metrics = new MetricsProbe(fixture.AlertsServices.GetRequiredService<IMeterFactory>(), "Crm.Alerts");
        var customer = await RegisteredCustomerAsync();
        var complaint = Guid.NewGuid();
        var contract = Guid.NewGuid();

        await fixture.DeliverAllAsync(
            TestEvents.SlaBreached(customer, T0.AddHours(1), complaint),
            TestEvents.Expiring(customer, T0.AddHours(1), contract, new DateOnly(2026, 4, 1), 15),
            TestEvents.Sale(customer, T0.AddHours(1), 100m, 100m, Limit, withoutContract: true),
            TestEvents.ComplaintClosed(customer, T0.AddHours(2), complaint));

        var unanswered = ("crm.alert.rule", ComplaintUnansweredRule.RuleName);
        await Eventually.Until(() => Task.FromResult(metrics.Counter("crm.alerts.resolved", unanswered)), n => n >= 1, "the resolution to be counted");
        Assert.Equal(1, metrics.Counter("crm.alerts.raised", unanswered));
        Assert.Equal(1, metrics.Counter("crm.alerts.raised", ("crm.alert.rule", ContractExpiringRule.RuleName)));
        Assert.Equal(1, metrics.Counter("crm.alerts.raised", ("crm.alert.rule", NoActiveContractRule.RuleName)));
        Assert.Equal(1, metrics.Counter("crm.alerts.resolved", unanswered, ("crm.alert.resolution", "automatic")));
    }
}
