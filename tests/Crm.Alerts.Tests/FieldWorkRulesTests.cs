using Microsoft.Extensions.Time.Testing;

namespace Crm.Alerts.Tests;

/// <summary>The field-work rules, fed with the events the customers service publishes: visit-missed and follow-up-overdue.</summary>
public sealed class FieldWorkRulesTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    private const string Branch = "fw";

    [Fact]
    public async Task Each_missed_visit_alerts_the_visitor_adds_to_the_open_alert_and_late_visits_clear_it()
    {
        var customer = Guid.NewGuid();
        var now = fixture.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.AddHours(8).UtcDateTime);
        await fixture.DeliverAsync(TestEvents.Registered(customer, now, owner: "rep-owner", branch: Branch));

        var first = Missed(customer, today.AddDays(-1), "rep-visitor");
        await fixture.DeliverAsync(first);
        var alert = await fixture.WaitForAlertAsync(customer, VisitMissedRule.RuleName);
        Assert.Equal("rep-visitor", alert.AssigneeId);
        Assert.Contains(alert.Evidence, e => e.Name == "planId" && e.EventId == first.EventId);

        // The customer changes hands: the alert stays with the visitor who missed the visit.
        await fixture.DeliverAsync(TestEvents.OwnerChanged(customer, now, "rep-owner", "rep-new", Branch));
        Assert.Equal("rep-visitor", (await fixture.AlertsOfAsync(customer, VisitMissedRule.RuleName)).Single().AssigneeId);

        var second = Missed(customer, today, "rep-visitor");
        await fixture.DeliverAsync(second);
        var alerts = await fixture.AlertsOfAsync(customer, VisitMissedRule.RuleName);
        var open = Assert.Single(alerts);
        Assert.Contains(open.Evidence, e => e.Name == "missedVisits" && e.Value == "2");

        // Late visits (on the planned days, recorded after them) make both good: the alert clears itself.
        await fixture.DeliverAsync(LateVisit(customer, first));
        Assert.Equal(AlertState.Raised, (await fixture.AlertsOfAsync(customer, VisitMissedRule.RuleName)).Single().State);
        await fixture.DeliverAsync(LateVisit(customer, second));
        var cleared = (await fixture.AlertsOfAsync(customer, VisitMissedRule.RuleName)).Single();
        Assert.Equal(AlertState.Resolved, cleared.State);
        Assert.True(cleared.ResolvedAutomatically);
    }

    [Fact]
    public async Task A_branch_may_alert_only_after_several_misses_within_a_window()
    {
        const string branch = "fw-threshold";
        using var manager = fixture.System.Gateway("sam-fw", branch, "sales-admin-manager");
        var set = await manager.PutAsJsonAsync("/api/alerts/rules/visit-missed", new
        {
            version = 1, enabled = true, thresholds = new { missedVisits = 2, windowDays = 30 }, escalateAfterHours = 24, reason = "两次未拜访才预警",
        });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var customer = Guid.NewGuid();
        var now = fixture.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.AddHours(8).UtcDateTime);
        await fixture.DeliverAsync(TestEvents.Registered(customer, now, owner: "rep-t", branch: branch));
        await fixture.DeliverAsync(Missed(customer, today.AddDays(-40), "rep-t", branch)); // outside the window
        await fixture.DeliverAsync(Missed(customer, today.AddDays(-3), "rep-t", branch));
        Assert.Empty(await fixture.AlertsOfAsync(customer, VisitMissedRule.RuleName));

        await fixture.DeliverAsync(Missed(customer, today.AddDays(-1), "rep-t", branch));
        var alert = await fixture.WaitForAlertAsync(customer, VisitMissedRule.RuleName);
        Assert.Equal(2, alert.Evidence.Count(e => e.Name == "planId"));
        Assert.Equal(2m, alert.Thresholds["missedVisits"]);
    }

    [Fact]
    public async Task An_overdue_meeting_follow_up_alerts_its_owner_who_resolves_it()
    {
        var customer = Guid.NewGuid();
        var now = fixture.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.AddHours(8).UtcDateTime);
        await fixture.DeliverAsync(TestEvents.Registered(customer, now, owner: "rep-owner-m", branch: Branch));
        var overdue = new MeetingFollowUpOverdue
        {
            OccurredAt = now, BranchId = Branch, CustomerId = customer, MeetingId = Guid.NewGuid(), ActionId = Guid.NewGuid(),
            Action = "寄送返利政策草案", ActionOwnerId = "mm-action", DueOn = today.AddDays(-1), MeetingOn = today.AddDays(-5),
        };
        await fixture.DeliverAsync(overdue);
        var alert = await fixture.WaitForAlertAsync(customer, FollowUpOverdueRule.RuleName);
        Assert.Equal("mm-action", alert.AssigneeId);
        Assert.Contains(alert.Evidence, e => e.Name == "actionId" && e.Value == overdue.ActionId.ToString() && e.EventId == overdue.EventId);
        Assert.Contains("座谈会跟进事项逾期", alert.Summary);

        using var owner = fixture.System.Gateway("mm-action", Branch, "marketing-manager");
        using var colleague = fixture.System.Gateway("rep-other", Branch, "sales-rep");
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PostAsJsonAsync($"/api/alerts/{alert.Id}/resolve",
            new { version = alert.Version, cause = "x", action = "y" })).StatusCode);
        var resolved = await owner.PostAsJsonAsync($"/api/alerts/{alert.Id}/resolve",
            new { version = alert.Version, cause = "草案待法务审核", action = "已寄出, 补录完成" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("resolved", (await resolved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
    }

    private static VisitMissed Missed(Guid customer, DateOnly plannedOn, string visitor, string branch = Branch) => new()
    {
        OccurredAt = DateTimeOffset.UtcNow, BranchId = branch, CustomerId = customer, PlanId = Guid.NewGuid(), PlannedOn = plannedOn,
        Kind = "visit", VisitorId = visitor, OwnerId = visitor,
    };

    private CustomerContacted LateVisit(Guid customer, VisitMissed missed) => new()
    {
        OccurredAt = fixture.Clock.GetUtcNow().AddDays(1), BranchId = missed.BranchId, CustomerId = customer, VisitId = Guid.NewGuid(),
        On = missed.PlannedOn, Kind = "visit", ContactedBy = missed.VisitorId, OwnerId = missed.VisitorId, PlanId = missed.PlanId,
    };
}

/// <summary>The customers and alerts services behind the gateway, both on one fake clock the test moves.</summary>
public sealed class FieldWorkSystemFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public CrmSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await CrmSystem.StartAsync(new CrmSystemOptions
    {
        Services = ["customers", "alerts"],
        Settings = name => name == "alerts" ? [new("Alerts:ScheduleEnabled", "false")] : [],
        ConfigureServices = (_, services) => services.AddSingleton<TimeProvider>(Clock),
    });

    public async Task DisposeAsync() => await System.DisposeAsync();
}

/// <summary>End to end: a plan missed in the customers service and a meeting's overdue follow-up become alerts, seen at the gateway.</summary>
public sealed class FieldWorkEndToEndTests(FieldWorkSystemFixture fixture) : IClassFixture<FieldWorkSystemFixture>
{
    [Fact]
    public async Task A_missed_visit_plan_and_an_overdue_meeting_action_raise_alerts_for_who_must_act()
    {
        const string branch = "fw-e2e";
        using var rep = fixture.System.Gateway("rep-e2e", branch, "sales-rep");
        using var manager = fixture.System.Gateway("mm-e2e", branch, "marketing-manager");
        var registered = await rep.PostAsJsonAsync("/api/customers", new { name = $"拜访预警客户{Guid.NewGuid():N}"[..14], kind = "agent", region = "华东" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var customerId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var today = Today();

        Assert.Equal(HttpStatusCode.Created, (await rep.PostAsJsonAsync("/api/customers/visit-plans",
            new { plannedOn = today, customerId, route = "R-01", purpose = "月度拜访" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync("/api/customers/meetings", new
        {
            heldOn = today, title = "经销商座谈会", minutes = "年度政策", customerIds = new[] { customerId },
            actions = new[] { new { description = "提交促销方案", ownerId = "rep-e2e", dueOn = Today(1) } },
        })).StatusCode);

        // Two days pass: the customers service's sweep reports the miss and the overdue action; alerts raise both.
        fixture.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        var page = await Eventually.Until(
            () => rep.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customerId}&state=open"),
            p => p.GetProperty("total").GetInt32() == 2, "both field-work alerts at GET /api/alerts");
        var byRule = page.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("rule").GetString()!);
        Assert.Equal("rep-e2e", byRule["visit-missed"].GetProperty("assignee").GetString());
        Assert.Equal("rep-e2e", byRule["follow-up-overdue"].GetProperty("assignee").GetString());

        var missed = await rep.GetFromJsonAsync<JsonElement>("/api/customers/visit-plans?state=missed&visitorId=rep-e2e");
        Assert.Equal(1, missed.GetProperty("total").GetInt32());
        using var elsewhere = fixture.System.Gateway("rep-e2e-other", "fw-e2e-other", "sales-rep");
        Assert.Equal(0, (await elsewhere.GetFromJsonAsync<JsonElement>("/api/alerts?rule=visit-missed")).GetProperty("total").GetInt32());
    }

    private string Today(int days = 0) => fixture.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddDays(days).ToString("yyyy-MM-dd");
}
