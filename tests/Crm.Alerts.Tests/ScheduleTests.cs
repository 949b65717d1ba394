using Crm.ServiceDefaults;
using Crm.Alerts.Services;

namespace Crm.Alerts.Tests;

/// <summary>The alerts service with its schedule on, on a fake clock that only these tests move.</summary>
public sealed class ScheduledAlertsFixture : AlertsFixture
{
    protected override bool ScheduleEnabled => true;
}

/// <summary>
/// The rules that come true by time alone, and escalation, driven by the injected clock: each fires at its threshold
/// and not just before it. Every test works from the clock's current instant, since the tests of the class share it.
/// </summary>
public sealed class ScheduleTests(ScheduledAlertsFixture fixture) : IClassFixture<ScheduledAlertsFixture>
{
    private const decimal Limit = 100_000m;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private async Task<Guid> RegisteredAsync(DateTimeOffset at, string owner = "rep-1", string branch = TestEvents.Branch)
    {
        var id = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Registered(id, at, owner, branch));
        return id;
    }

    [Fact]
    public async Task Churn_is_raised_on_the_ninetieth_day_without_a_purchase_and_not_on_the_eighty_ninth()
    {
        var start = Now;
        var customer = await RegisteredAsync(start);
        var sale = TestEvents.Sale(customer, start, 5_000m, 5_000m, Limit, date: Today(start));
        await fixture.DeliverAsync(sale);

        await fixture.SweepAtAsync(start.AddDays(89));
        Assert.Empty(await fixture.AlertsOfAsync(customer, ChurnRule.RuleName));

        await fixture.SweepAtAsync(start.AddDays(90));
        var churn = Assert.Single(await fixture.AlertsOfAsync(customer, ChurnRule.RuleName));
        Assert.Contains(churn.Evidence, e => e.Name == "lastPurchaseOn" && e.EventId == sale.EventId);
        Assert.Contains(churn.Evidence, e => e is { Name: "daysSinceLastPurchase", Value: "90" });
    }

    [Fact]
    public async Task Not_contacted_is_raised_seven_days_after_registration_once_and_cleared_by_a_contact()
    {
        var start = Now;
        var registered = TestEvents.Registered(Guid.NewGuid(), start, "rep-5");
        await fixture.DeliverAsync(registered);
        var customer = registered.CustomerId;

        await fixture.SweepAtAsync(start.AddDays(7).AddSeconds(-1));
        Assert.Empty(await fixture.AlertsOfAsync(customer, NotContactedRule.RuleName));

        await fixture.SweepAtAsync(start.AddDays(7));
        await fixture.SweepAtAsync(start.AddDays(7).AddHours(1));
        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, NotContactedRule.RuleName));
        Assert.Equal("rep-5", alert.AssigneeId);
        Assert.Contains(alert.Evidence, e => e.Name == "registeredAt" && e.EventId == registered.EventId);
        Assert.Equal(3, alert.Evidence.Count); // the second sweep found no new fact

        await fixture.DeliverAsync(TestEvents.Contacted(customer, start.AddDays(7).AddHours(2), "rep-5"));
        Assert.Equal(AlertState.Resolved, Assert.Single(await fixture.AlertsOfAsync(customer, NotContactedRule.RuleName)).State);
    }

    [Fact]
    public async Task A_person_s_resolution_is_not_undone_by_the_next_sweep_on_the_same_facts()
    {
        var start = Now;
        var customer = await RegisteredAsync(start, "rep-6");
        await fixture.SweepAtAsync(start.AddDays(7));
        var alert = Assert.Single(await fixture.AlertsOfAsync(customer, NotContactedRule.RuleName));

        using var rep = fixture.System.Gateway("rep-6", TestEvents.Branch, "sales-rep");
        var resolved = await rep.PostAsJsonAsync($"/api/alerts/{alert.Id}/resolve",
            new { version = alert.Version, cause = "客户春节停业", action = "节后第一周拜访" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        await fixture.SweepAtAsync(start.AddDays(9));
        var after = Assert.Single(await fixture.AlertsOfAsync(customer, NotContactedRule.RuleName));
        Assert.Equal(AlertState.Resolved, after.State);
        Assert.False(after.ResolvedAutomatically);
    }

    [Fact]
    public async Task An_alert_not_acknowledged_in_time_escalates_to_the_sales_admin_manager_role_and_is_published()
    {
        await using var escalations = await RawSubscriber.BindAsync(fixture.Amqp, "crm.alert-escalated");
        await using var reassignments = await RawSubscriber.BindAsync(fixture.Amqp, "crm.alert-reassigned");
        var start = Now;
        var customer = await RegisteredAsync(start, "rep-2");
        await fixture.DeliverAsync(TestEvents.Contacted(customer, start, "rep-2"));
        await fixture.DeliverAsync(TestEvents.Sale(customer, start, 30_000m, 120_000m, Limit));
        var alert = await fixture.WaitForAlertAsync(customer, OverCreditLimitRule.RuleName);

        fixture.Clock.SetUtcNow(alert.RaisedAt.AddHours(24).AddSeconds(-1));
        await fixture.Sweep.EscalateOverdueAsync(CancellationToken.None);
        Assert.False(Assert.Single(await fixture.AlertsOfAsync(customer, OverCreditLimitRule.RuleName)).Escalated);

        fixture.Clock.SetUtcNow(alert.RaisedAt.AddHours(24));
        await fixture.Sweep.EscalateOverdueAsync(CancellationToken.None);
        var escalated = Assert.Single(await fixture.AlertsOfAsync(customer, OverCreditLimitRule.RuleName));
        Assert.True(escalated.Escalated);
        Assert.Null(escalated.AssigneeId);
        Assert.Equal("sales-admin-manager", escalated.AssigneeRole);
        Assert.Contains(escalated.Timeline, t => t.Kind == TimelineKind.Escalated);

        var published = (await escalations.NextAsync(m => m.GetProperty("alertId").GetGuid() == alert.Id)).Message;
        Assert.Equal("rep-2", published.GetProperty("previousAssigneeId").GetString());
        Assert.Equal("sales-admin-manager", published.GetProperty("assigneeRole").GetString());
        var reassigned = (await reassignments.NextAsync(m => m.GetProperty("alertId").GetGuid() == alert.Id)).Message;
        Assert.Equal(("rep-2", "sales-admin-manager"), (reassigned.GetProperty("previousAssigneeId").GetString(), reassigned.GetProperty("assigneeRole").GetString()));
    }

    [Fact]
    public async Task An_acknowledged_alert_does_not_escalate_and_a_branch_may_name_its_escalation_assignee()
    {
        const string branch = "gz";
        await SetEscalationAsync(branch, OverCreditLimitRule.RuleName, hours: 2, assignee: "sam-gz");
        var start = Now;
        var acknowledged = await RegisteredAsync(start, "rep-8", branch);
        var ignored = await RegisteredAsync(start, "rep-8", branch);
        await fixture.DeliverAsync(TestEvents.Sale(acknowledged, start, 30_000m, 120_000m, Limit, branch: branch));
        await fixture.DeliverAsync(TestEvents.Sale(ignored, start, 30_000m, 120_000m, Limit, branch: branch));
        var toAcknowledge = await fixture.WaitForAlertAsync(acknowledged, OverCreditLimitRule.RuleName);

        using var rep = fixture.System.Gateway("rep-8", branch, "sales-rep");
        var response = await rep.PostAsJsonAsync($"/api/alerts/{toAcknowledge.Id}/acknowledge", new { version = toAcknowledge.Version });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        fixture.Clock.SetUtcNow(start.AddHours(2));
        await fixture.Sweep.EscalateOverdueAsync(CancellationToken.None);

        Assert.False(Assert.Single(await fixture.AlertsOfAsync(acknowledged)).Escalated);
        var escalated = Assert.Single(await fixture.AlertsOfAsync(ignored));
        Assert.True(escalated.Escalated);
        Assert.Equal("sam-gz", escalated.AssigneeId);
    }

    [Fact]
    public async Task The_schedule_runs_by_itself_when_the_clock_moves_and_reports_open_alerts_by_age()
    {
        using var metrics = new MetricsProbe(fixture.AlertsServices.GetRequiredService<IMeterFactory>(), "Crm.Alerts");
        var start = Now;
        var customer = await RegisteredAsync(start, "rep-9");
        await fixture.DeliverAsync(TestEvents.Contacted(customer, start, "rep-9"));
        await fixture.DeliverAsync(TestEvents.Sale(customer, start, 30_000m, 120_000m, Limit));
        await fixture.WaitForAlertAsync(customer, OverCreditLimitRule.RuleName);

        fixture.Clock.SetUtcNow(start.AddHours(25));

        await fixture.WaitForAlertAsync(customer, OverCreditLimitRule.RuleName, a => a.Escalated);
        await Eventually.Until(
            () => Task.FromResult(metrics.Gauge("crm.alerts.open", ("crm.alert.rule", OverCreditLimitRule.RuleName), ("crm.alert.age", "1d-3d"))),
            open => open >= 1, "the open-alerts gauge to count the day-old alert");
        Assert.True(metrics.Counter("crm.alerts.escalated", ("crm.alert.rule", OverCreditLimitRule.RuleName)) >= 1);
    }

    private DateOnly Today(DateTimeOffset instant) => fixture.AlertsServices.GetRequiredService<BusinessCalendar>().DateOf(instant);

    private async Task SetEscalationAsync(string branch, string ruleName, decimal hours, string assignee)
    {
        using var manager = fixture.System.Gateway("sam-" + branch, branch, "sales-admin-manager");
        var rule = await manager.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/alerts/rules/{ruleName}");
        var response = await manager.PutAsJsonAsync($"/api/alerts/rules/{ruleName}", new
        {
            version = rule.GetProperty("version").GetInt32(),
            enabled = true,
            thresholds = rule.GetProperty("thresholds"),
            escalateAfterHours = hours,
            escalationAssigneeId = assignee,
            reason = "广州分公司由销售管理部专人跟进",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
