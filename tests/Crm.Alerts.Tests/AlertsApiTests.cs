namespace Crm.Alerts.Tests;

/// <summary>The alerts API through the real gateway: lists, details, the lifecycle with its roles, versions and states, and the rules.</summary>
public sealed class AlertsApiTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    private static readonly DateTimeOffset T0 = AlertsFixture.Start.AddDays(-1);
    private const decimal Limit = 100_000m;

    private async Task<Guid> CustomerOverItsLimitAsync(string owner = "rep-1", string branch = TestEvents.Branch)
    {
        var id = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Registered(id, T0, owner, branch, name: "宁波海曙百货批发"));
        await fixture.DeliverAsync(TestEvents.Sale(id, T0.AddHours(1), 30_000m, 120_000m, Limit, branch: branch));
        return id;
    }

    private async Task<JsonElement> OnlyAlertAsync(HttpClient client, Guid customer, string rule = OverCreditLimitRule.RuleName)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customer}&rule={rule}");
        var id = Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid();
        return await client.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}");
    }

    [Fact]
    public async Task The_list_is_filtered_paged_and_shows_only_the_callers_branch()
    {
        var customer = await CustomerOverItsLimitAsync();
        fixture.Clock.Advance(TimeSpan.FromMinutes(1)); // so that the incident's alert is the newer one
        await fixture.DeliverAsync(TestEvents.Incident(customer, T0.AddHours(2), "accident", "送货车辆事故"));
        using var rep = fixture.System.Gateway("rep-1", "sh", "sales-rep");

        var all = await rep.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customer}&pageSize=1");
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Equal(1, all.GetProperty("pageSize").GetInt32());
        var newest = Assert.Single(all.GetProperty("items").EnumerateArray());
        Assert.Equal("major-incident", newest.GetProperty("rule").GetString());
        Assert.Equal("宁波海曙百货批发", newest.GetProperty("customerName").GetString());
        Assert.Equal("raised", newest.GetProperty("state").GetString());

        var incidents = await rep.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customer}&rule=major-incident&state=open");
        Assert.Equal(1, incidents.GetProperty("total").GetInt32());
        var resolved = await rep.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customer}&state=resolved");
        Assert.Equal(0, resolved.GetProperty("total").GetInt32());
        var mine = await rep.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customer}&assigneeId=rep-1");
        Assert.Equal(2, mine.GetProperty("total").GetInt32());

        using var otherBranch = fixture.System.Gateway("rep-2", "bj", "sales-rep");
        var hidden = await otherBranch.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customer}");
        Assert.Equal(0, hidden.GetProperty("total").GetInt32());
        using var groupGm = fixture.System.Gateway("gm-1", "hq", "group-gm");
        var everywhere = await groupGm.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customer}");
        Assert.Equal(2, everywhere.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("state=closed", "state")]
    [InlineData("rule=late-payment", "rule")]
    [InlineData("customerId=not-a-guid", "customerId")]
    [InlineData("pageSize=500", "pageSize")]
    public async Task A_bad_filter_is_a_400_naming_the_field(string query, string field)
    {
        using var rep = fixture.System.Gateway("rep-1", "sh", "sales-rep");
        var response = await rep.GetAsync($"/api/alerts?{query}");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_alert_shows_its_evidence_assignee_and_timeline_and_is_not_found_from_another_branch()
    {
        var customer = await CustomerOverItsLimitAsync("rep-3");
        using var rep = fixture.System.Gateway("rep-3", "sh", "sales-rep");

        var alert = await OnlyAlertAsync(rep, customer);
        Assert.Equal("rep-3", alert.GetProperty("assignee").GetString());
        Assert.Equal("rep-3", alert.GetProperty("assigneeId").GetString());
        Assert.Equal(1, alert.GetProperty("ruleVersion").GetInt32());
        Assert.Equal(0m, alert.GetProperty("thresholds").GetProperty("marginPercent").GetDecimal());
        Assert.Contains(alert.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("name").GetString() == "balance"
            && e.GetProperty("value").GetString() == "120000" && e.GetProperty("eventId").ValueKind == JsonValueKind.String);
        Assert.Equal("raised", Assert.Single(alert.GetProperty("timeline").EnumerateArray()).GetProperty("kind").GetString());

        using var otherBranch = fixture.System.Gateway("rep-4", "bj", "sales-rep");
        var hidden = await otherBranch.GetAsync($"/api/alerts/{alert.GetProperty("id").GetGuid()}");
        await AssertProblemAsync(hidden, HttpStatusCode.NotFound);
        var notActionable = await otherBranch.PostAsJsonAsync($"/api/alerts/{alert.GetProperty("id").GetGuid()}/acknowledge", new { version = 1 });
        await AssertProblemAsync(notActionable, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_alert_whose_customer_has_no_known_owner_yet_shows_the_role_that_must_act()
    {
        var customer = Guid.NewGuid();
        await fixture.DeliverAsync(TestEvents.Sale(customer, T0, 30_000m, 120_000m, Limit));
        using var manager = fixture.System.Gateway("sam-1", "sh", "sales-admin-manager");

        var alert = await OnlyAlertAsync(manager, customer);

        Assert.Equal("role:sales-admin-manager", alert.GetProperty("assignee").GetString());
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("assigneeId").ValueKind);
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("customerName").ValueKind);
    }

    [Fact]
    public async Task Only_the_assignee_or_a_manager_may_acknowledge_or_resolve()
    {
        await using var acknowledgements = await RawSubscriber.BindAsync(fixture.Amqp, "crm.alert-acknowledged");
        await using var resolutions = await RawSubscriber.BindAsync(fixture.Amqp, "crm.alert-resolved");
        var customer = await CustomerOverItsLimitAsync("rep-5");
        using var owner = fixture.System.Gateway("rep-5", "sh", "sales-rep");
        using var colleague = fixture.System.Gateway("rep-6", "sh", "sales-rep");
        using var manager = fixture.System.Gateway("sam-1", "sh", "sales-admin-manager");
        var alert = await OnlyAlertAsync(owner, customer);
        var id = alert.GetProperty("id").GetGuid();

        var refused = await colleague.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { version = 1 });
        await AssertProblemAsync(refused, HttpStatusCode.Forbidden);

        var acknowledged = await owner.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { version = 1, note = "已电话联系财务" });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var afterAcknowledge = await acknowledged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("acknowledged", afterAcknowledge.GetProperty("state").GetString());
        Assert.Equal("rep-5", afterAcknowledge.GetProperty("acknowledgedBy").GetString());

        var resolved = await manager.PostAsJsonAsync($"/api/alerts/{id}/resolve", new
        {
            version = afterAcknowledge.GetProperty("version").GetInt64(),
            cause = "客户回款周期延长",
            action = "暂停发货直至回款",
        });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var afterResolve = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("resolved", afterResolve.GetProperty("state").GetString());
        Assert.Equal("sam-1", afterResolve.GetProperty("resolvedBy").GetString());
        Assert.Equal("客户回款周期延长", afterResolve.GetProperty("cause").GetString());
        Assert.Equal(["raised", "acknowledged", "resolved"],
            afterResolve.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()!).ToArray());

        var ack = (await acknowledgements.NextAsync(m => m.GetProperty("alertId").GetGuid() == id)).Message;
        Assert.Equal("rep-5", ack.GetProperty("acknowledgedBy").GetString());
        var resolution = (await resolutions.NextAsync(m => m.GetProperty("alertId").GetGuid() == id)).Message;
        Assert.False(resolution.GetProperty("automatic").GetBoolean());
        Assert.Equal("暂停发货直至回款", resolution.GetProperty("action").GetString());
    }

    [Fact]
    public async Task The_lifecycle_needs_the_current_version_the_right_state_and_a_cause_and_action()
    {
        var customer = await CustomerOverItsLimitAsync("rep-7");
        using var owner = fixture.System.Gateway("rep-7", "sh", "sales-rep");
        var id = (await OnlyAlertAsync(owner, customer)).GetProperty("id").GetGuid();

        await AssertProblemAsync(await owner.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { note = "x" }), HttpStatusCode.BadRequest, "version");
        await AssertProblemAsync(await owner.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { version = 7 }), HttpStatusCode.Conflict);
        await AssertProblemAsync(await owner.PostAsJsonAsync($"/api/alerts/{id}/resolve", new { version = 1, cause = " " }), HttpStatusCode.BadRequest, "cause", "action");

        using var ifMatch = new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{id}/acknowledge") { Content = JsonContent.Create(new { }) };
        ifMatch.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(ifMatch)).StatusCode);
        await AssertProblemAsync(await owner.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { version = 2 }), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"/api/alerts/{id}/resolve", new { version = 2, cause = "录入错误", action = "已冲销" })).StatusCode);
        await AssertProblemAsync(await owner.PostAsJsonAsync($"/api/alerts/{id}/resolve", new { version = 3, cause = "again", action = "again" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_manager_changes_a_rule_for_the_branch_and_alerts_record_the_version_and_thresholds_they_used()
    {
        const string branch = "hz";
        using var manager = fixture.System.Gateway("sam-hz", branch, "sales-admin-manager");
        var rules = await manager.GetFromJsonAsync<JsonElement>("/api/alerts/rules");
        Assert.Equal(branch, rules.GetProperty("branchId").GetString());
        var names = rules.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("rule").GetString()).ToList();
        Assert.Equal(
            ["churn", "complaint-unanswered", "contract-expiring", "expense-over-budget", "follow-up-overdue", "grade-drop", "major-incident",
             "no-active-contract", "not-contacted", "over-credit-limit", "progress-behind", "territory-breach", "visit-missed"], names);
        Assert.Equal(Crm.Alerts.Apis.AlertsApi.RuleNames.Order(StringComparer.Ordinal), names);
        var overLimit = rules.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "over-credit-limit");
        Assert.Equal(1, overLimit.GetProperty("version").GetInt32());
        Assert.Equal("role:sales-admin-manager", overLimit.GetProperty("escalatesTo").GetString());

        var changed = await manager.PutAsJsonAsync("/api/alerts/rules/over-credit-limit", new
        {
            version = 1, enabled = true, thresholds = new { marginPercent = 10 }, escalateAfterHours = 12, reason = "旺季放宽 10%",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var saved = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.Equal(10m, saved.GetProperty("thresholds").GetProperty("marginPercent").GetDecimal());
        Assert.Equal("sam-hz", saved.GetProperty("changedBy").GetString());

        var history = await manager.GetFromJsonAsync<JsonElement>("/api/alerts/rules/over-credit-limit/history");
        var revision = Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.Equal("旺季放宽 10%", revision.GetProperty("reason").GetString());

        var withinMargin = Guid.NewGuid();
        var overMargin = Guid.NewGuid();
        await fixture.DeliverAllAsync(
            TestEvents.Sale(withinMargin, T0, 110_000m, 110_000m, Limit, branch: branch),
            TestEvents.Sale(overMargin, T0, 110_000.01m, 110_000.01m, Limit, branch: branch));
        Assert.Empty(await fixture.AlertsOfAsync(withinMargin));
        var alert = Assert.Single(await fixture.AlertsOfAsync(overMargin));
        Assert.Equal(2, alert.RuleVersion);
        Assert.Equal(10m, alert.Thresholds["marginPercent"]);
    }

    [Fact]
    public async Task A_disabled_rule_raises_nothing_in_its_branch()
    {
        const string branch = "nj";
        using var manager = fixture.System.Gateway("sam-nj", branch, "sales-admin-manager");
        var off = await manager.PutAsJsonAsync("/api/alerts/rules/over-credit-limit", new
        {
            version = 1, enabled = false, thresholds = new { marginPercent = 0 }, escalateAfterHours = 24,
        });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);

        var customer = await CustomerOverItsLimitAsync("rep-nj", branch);

        Assert.Empty(await fixture.AlertsOfAsync(customer));
    }

    [Fact]
    public async Task Rule_changes_are_validated_versioned_and_kept_to_the_branch()
    {
        const string branch = "wh";
        using var manager = fixture.System.Gateway("sam-wh", branch, "sales-admin-manager");
        using var rep = fixture.System.Gateway("rep-wh", branch, "sales-rep");
        using var groupGm = fixture.System.Gateway("gm-1", "hq", "group-gm");
        object Body(object thresholds, long version = 1, decimal hours = 24) =>
            new { version, enabled = true, thresholds, escalateAfterHours = hours };

        await AssertProblemAsync(await rep.GetAsync("/api/alerts/rules"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await manager.GetAsync("/api/alerts/rules?branch=sh"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await manager.GetAsync("/api/alerts/rules/late-payment"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await manager.PutAsJsonAsync("/api/alerts/rules/churn",
            Body(new { daysWithoutPurchase = 60, intervalMultiple = 3, graceDays = 5 })), HttpStatusCode.BadRequest, "thresholds.graceDays");
        await AssertProblemAsync(await manager.PutAsJsonAsync("/api/alerts/rules/churn",
            Body(new { daysWithoutPurchase = 0, intervalMultiple = 3 })), HttpStatusCode.BadRequest, "thresholds.daysWithoutPurchase");
        await AssertProblemAsync(await manager.PutAsJsonAsync("/api/alerts/rules/churn",
            Body(new { daysWithoutPurchase = 60 })), HttpStatusCode.BadRequest, "thresholds.intervalMultiple");
        await AssertProblemAsync(await manager.PutAsJsonAsync("/api/alerts/rules/churn",
            Body(new { daysWithoutPurchase = 60, intervalMultiple = 3 }, hours: 0)), HttpStatusCode.BadRequest, "escalateAfterHours");
        await AssertProblemAsync(await manager.PutAsJsonAsync("/api/alerts/rules/churn",
            new { version = 1, thresholds = new { daysWithoutPurchase = 60, intervalMultiple = 3 } }), HttpStatusCode.BadRequest, "enabled", "escalateAfterHours");

        Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync("/api/alerts/rules/churn",
            Body(new { daysWithoutPurchase = 60, intervalMultiple = 3 }))).StatusCode);
        await AssertProblemAsync(await manager.PutAsJsonAsync("/api/alerts/rules/churn",
            Body(new { daysWithoutPurchase = 45, intervalMultiple = 3 })), HttpStatusCode.Conflict);

        var fromHq = await groupGm.GetFromJsonAsync<JsonElement>($"/api/alerts/rules/churn?branch={branch}");
        Assert.Equal(2, fromHq.GetProperty("version").GetInt32());
        Assert.Equal(60m, fromHq.GetProperty("thresholds").GetProperty("daysWithoutPurchase").GetDecimal());
        var elsewhere = await manager.GetFromJsonAsync<JsonElement>("/api/alerts/rules/churn");
        Assert.Equal(2, elsewhere.GetProperty("version").GetInt32());
        using var otherManager = fixture.System.Gateway("sam-cd", "cd", "sales-admin-manager");
        var untouched = await otherManager.GetFromJsonAsync<JsonElement>("/api/alerts/rules/churn");
        Assert.Equal(1, untouched.GetProperty("version").GetInt32());
        Assert.Equal(90m, untouched.GetProperty("thresholds").GetProperty("daysWithoutPurchase").GetDecimal());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (fields.Length == 0) return;
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        foreach (var field in fields) Assert.True(errors.TryGetProperty(field, out _), $"errors should name {field}: {errors}");
    }
}
