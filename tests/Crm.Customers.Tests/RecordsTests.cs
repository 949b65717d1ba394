namespace Crm.Customers.Tests;

/// <summary>Scorecards, violations, visits, incidents, status and ownership: each recorded, each published with what subscribers need.</summary>
public sealed class RecordsTests(CustomersFixture fixture) : IClassFixture<CustomersFixture>
{
    [Fact]
    public async Task A_scorecard_is_weighted_with_the_branchs_weights_and_published_for_grading()
    {
        await using var subscriber = await fixture.SubscribeAsync("crm.customer-evaluated");
        using var rep = fixture.Rep("rep-score", "gz");
        var customer = await rep.RegisterAsync(Api.Unique("评分客户"), "华南");

        var defaults = await (await rep.GetAsync("/api/customers/scorecard-weights")).JsonAsync(HttpStatusCode.OK);
        Assert.True(defaults.GetProperty("isDefault").GetBoolean());
        Assert.Equal((25, 35, 25, 15), Weights(defaults));

        var first = await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/evaluations",
            new { initiative = 80, capability = 60, reputation = 90, relations = 70, comment = "积极, 资金一般" })).JsonAsync(HttpStatusCode.Created);
        // 80×25% + 60×35% + 90×25% + 70×15% = 20 + 21 + 22.5 + 10.5
        Assert.Equal(74m, first.GetProperty("weightedScore").GetDecimal());
        var evaluated = (await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer.Id)).Message;
        Assert.Equal("74", evaluated.Text("weightedScore"));
        Assert.Equal("80", evaluated.Text("initiative"));
        Assert.Equal("rep-score", evaluated.Text("evaluatedBy"));
        Assert.Equal(first.GetProperty("id").GetGuid(), evaluated.GetProperty("evaluationId").GetGuid());
        Assert.Equal("gz", evaluated.Text("branchId"));

        using var manager = fixture.As("sam-score", "gz", "sales-admin-manager");
        Assert.Equal(["weights"], await (await manager.PutAsJsonAsync("/api/customers/scorecard-weights",
            new { initiative = 50, capability = 50, reputation = 50, relations = 50, version = 0 })).FieldErrorsAsync());
        var set = await (await manager.PutAsJsonAsync("/api/customers/scorecard-weights",
            new { initiative = 40, capability = 30, reputation = 20, relations = 10, version = 0 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, set.GetProperty("version").GetInt64());
        await (await manager.PutAsJsonAsync("/api/customers/scorecard-weights",
            new { initiative = 40, capability = 30, reputation = 20, relations = 10, version = 0 })).ProblemAsync(HttpStatusCode.Conflict);

        var second = await (await manager.PostAsJsonAsync($"/api/customers/{customer.Id}/evaluations",
            new { initiative = 80, capability = 60, reputation = 90, relations = 70 })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(32m + 18m + 18m + 7m, second.GetProperty("weightedScore").GetDecimal());
        Assert.Equal(40, second.GetProperty("weights").GetProperty("initiative").GetInt32());
        var card = await rep.CardAsync(customer.Id);
        Assert.Equal(75m, card.GetProperty("latestEvaluation").GetProperty("weightedScore").GetDecimal());
        // Another branch keeps its own (default) weights.
        using var otherBranch = fixture.Rep("rep-score-sh", "sh");
        Assert.Equal((25, 35, 25, 15), Weights(await (await otherBranch.GetAsync("/api/customers/scorecard-weights")).JsonAsync(HttpStatusCode.OK)));

        Assert.Equal(["capability", "initiative"], await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/evaluations",
            new { initiative = 101, reputation = 1, relations = 1 })).FieldErrorsAsync());
        var list = await (await rep.GetAsync($"/api/customers/{customer.Id}/evaluations")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_visit_by_the_owner_is_recorded_and_published()
    {
        await using var subscriber = await fixture.SubscribeAsync("crm.customer-contacted");
        using var rep = fixture.Rep("rep-visit");
        var customer = await rep.RegisterAsync(Api.Unique("拜访客户"));

        var visit = await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/visits",
            new { on = "2026-11-20", kind = "executive-visit", summary = "总经理拜访, 谈明年政策" })).JsonAsync(HttpStatusCode.Created);
        var contacted = (await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer.Id)).Message;
        Assert.Equal(visit.GetProperty("id").GetGuid(), contacted.GetProperty("visitId").GetGuid());
        Assert.Equal("2026-11-20", contacted.Text("on"));
        Assert.Equal("executive-visit", contacted.Text("kind"));
        Assert.Equal("rep-visit", contacted.Text("contactedBy"));
        Assert.Equal("rep-visit", contacted.Text("ownerId"));

        Assert.Equal(["on"], await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/visits",
            new { on = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"), kind = "visit", summary = "未来" })).FieldErrorsAsync());
        Assert.Equal(["kind", "summary"], await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/visits",
            new { on = "2026-11-20" })).FieldErrorsAsync());
        var visits = await (await rep.GetAsync($"/api/customers/{customer.Id}/visits")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("总经理拜访, 谈明年政策", visits.GetProperty("items")[0].Text("summary"));
    }

    [Fact]
    public async Task A_major_incident_is_published_with_the_owner_for_the_alert()
    {
        await using var subscriber = await fixture.SubscribeAsync("crm.customer-incident-reported");
        using var rep = fixture.Rep("rep-incident");
        var customer = await rep.RegisterAsync(Api.Unique("变故客户"));

        var incident = await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/incidents",
            new { kind = "family-split", description = "股东分家, 仓库分割", occurredOn = "2026-11-01" })).JsonAsync(HttpStatusCode.Created);
        var reported = (await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer.Id)).Message;
        Assert.Equal(incident.GetProperty("id").GetGuid(), reported.GetProperty("incidentId").GetGuid());
        Assert.Equal("family-split", reported.Text("kind"));
        Assert.Equal("股东分家, 仓库分割", reported.Text("description"));
        Assert.Equal("2026-11-01", reported.Text("occurredOn"));
        Assert.Equal("rep-incident", reported.Text("reportedBy"));
        Assert.Equal("rep-incident", reported.Text("ownerId"));

        Assert.Equal(["kind"], await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/incidents",
            new { kind = "earthquake", description = "x", occurredOn = "2026-11-01" })).FieldErrorsAsync());
    }

    [Fact]
    public async Task A_violation_by_any_staff_is_recorded_and_published()
    {
        await using var subscriber = await fixture.SubscribeAsync("crm.customer-violation-recorded");
        using var rep = fixture.Rep("rep-violation");
        var customer = await rep.RegisterAsync(Api.Unique("违规客户"));
        using var custodian = fixture.As("cc-1", "sh", "contract-custodian");

        await (await custodian.PostAsJsonAsync($"/api/customers/{customer.Id}/violations",
            new { occurredOn = "2026-10-12", type = "cross-region-selling", description = "向华南窜货 200 箱" })).JsonAsync(HttpStatusCode.Created);
        var recorded = (await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer.Id)).Message;
        Assert.Equal("cross-region-selling", recorded.Text("type"));
        Assert.Equal("cc-1", recorded.Text("recordedBy"));
        Assert.Equal("rep-violation", recorded.Text("ownerId"));
        var list = await (await rep.GetAsync($"/api/customers/{customer.Id}/violations")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("向华南窜货 200 箱", list.GetProperty("items")[0].Text("description"));
        Assert.Equal(["description", "occurredOn"], await (await custodian.PostAsJsonAsync($"/api/customers/{customer.Id}/violations",
            new { type = "other" })).FieldErrorsAsync());
    }

    [Fact]
    public async Task A_status_change_needs_a_reason_and_is_published_and_kept()
    {
        await using var subscriber = await fixture.SubscribeAsync("crm.customer-status-changed");
        using var rep = fixture.Rep("rep-status");
        var customer = await rep.RegisterAsync(Api.Unique("状态客户"));

        Assert.Equal(["reason"], await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/status", new { status = "lost", version = 1 })).FieldErrorsAsync());
        Assert.Equal(["status"], await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/status", new { status = "dormant", reason = "x", version = 1 })).FieldErrorsAsync());
        var card = await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/status", new { status = "lost", reason = "转投竞争对手", version = 1 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("lost", card.Text("status"));
        Assert.Equal(2, card.GetProperty("version").GetInt64());
        await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/status", new { status = "lost", reason = "again", version = 2 })).ProblemAsync(HttpStatusCode.Conflict);
        await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/status", new { status = "active", reason = "x", version = 1 })).ProblemAsync(HttpStatusCode.Conflict);

        var changed = (await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer.Id)).Message;
        Assert.Equal(("active", "lost", "转投竞争对手", "rep-status"), (changed.Text("previousStatus"), changed.Text("status"), changed.Text("reason"), changed.Text("changedBy")));
        var entry = (await rep.HistoryAsync(customer.Id)).GetProperty("items")[1];
        Assert.Equal("status-changed", entry.Text("action"));
        Assert.Equal("转投竞争对手", entry.Text("reason"));
        Assert.Equal(("active", "lost"), (entry.GetProperty("changes")[0].Text("from"), entry.GetProperty("changes")[0].Text("to")));
    }

    [Fact]
    public async Task A_reassignment_by_a_sales_administration_manager_is_published_and_kept()
    {
        await using var subscriber = await fixture.SubscribeAsync("crm.customer-owner-changed");
        using var rep = fixture.Rep("rep-before");
        var customer = await rep.RegisterAsync(Api.Unique("转移客户"));
        using var manager = fixture.As("sam-1", "sh", "sales-admin-manager");

        Assert.Equal(["reason"], await (await manager.PostAsJsonAsync($"/api/customers/{customer.Id}/owner", new { ownerId = "rep-after", version = 1 })).FieldErrorsAsync());
        var card = await (await manager.PostAsJsonAsync($"/api/customers/{customer.Id}/owner",
            new { ownerId = "rep-after", ownerName = "周七", reason = "原业务员离职", version = 1 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("rep-after", card.Text("ownerId"));
        await (await manager.PostAsJsonAsync($"/api/customers/{customer.Id}/owner", new { ownerId = "rep-after", reason = "x", version = 2 })).ProblemAsync(HttpStatusCode.Conflict);

        var changed = (await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer.Id)).Message;
        Assert.Equal(("rep-before", "rep-after", "周七", "原业务员离职", "sam-1"),
            (changed.Text("previousOwnerId"), changed.Text("ownerId"), changed.Text("ownerName"), changed.Text("reason"), changed.Text("changedBy")));
        Assert.False(changed.GetProperty("previousOwnerMissedContactDeadline").GetBoolean());
        var entry = (await rep.HistoryAsync(customer.Id)).GetProperty("items")[1];
        Assert.Equal("owner-changed", entry.Text("action"));
        Assert.Equal("sam-1", entry.Text("by"));
        // The previous owner no longer owns it: their edits are refused now.
        await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/visits", new { on = "2026-11-20", kind = "phone", summary = "x" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
    }

    private static (int, int, int, int) Weights(JsonElement w) =>
        (w.GetProperty("initiative").GetInt32(), w.GetProperty("capability").GetInt32(), w.GetProperty("reputation").GetInt32(), w.GetProperty("relations").GetInt32());
}
