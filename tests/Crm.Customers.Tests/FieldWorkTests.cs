namespace Crm.Customers.Tests;

/// <summary>
/// Visit plans (拜访计划) closed by visits or missed, meetings (座谈会) with follow-up actions that fall overdue, and
/// development targets (客户开发目标) with their progress, on a clock the tests move; roles and branches on every route.
/// </summary>
public sealed class FieldWorkTests(ClockedCustomersFixture fixture) : IClassFixture<ClockedCustomersFixture>
{
    [Fact]
    public async Task A_recorded_visit_closes_its_plan_and_a_day_without_one_is_missed_and_published_once()
    {
        await using var planned = await fixture.SubscribeAsync("crm.visit-planned");
        await using var contacted = await fixture.SubscribeAsync("crm.customer-contacted");
        await using var missedEvents = await fixture.SubscribeAsync("crm.visit-missed");
        using var rep = fixture.Rep("rep-plan", "fw");
        var first = await rep.RegisterAsync(Api.Unique("线路客户一"), "上海");
        var second = await rep.RegisterAsync(Api.Unique("线路客户二"), "上海");
        var today = Today();

        var created = await (await rep.PostAsJsonAsync("/api/customers/visit-plans", new
        {
            plannedOn = today, route = "R-07",
            stops = new[] { new { customerId = first.Id, purpose = "对账" }, new { customerId = second.Id, purpose = "新品推荐" } },
        })).JsonAsync(HttpStatusCode.Created);
        var items = created.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([1, 2], items.Select(i => i.GetProperty("sequence").GetInt32()));
        var firstPlan = items[0].GetProperty("id").GetGuid();
        var secondPlan = items[1].GetProperty("id").GetGuid();
        var announced = (await planned.NextAsync(m => m.GetProperty("planId").GetGuid() == secondPlan)).Message;
        Assert.Equal(("R-07", 2, "rep-plan", "visit"), (announced.Text("route"), announced.GetProperty("sequence").GetInt32(), announced.Text("visitorId"), announced.Text("kind")));
        await (await rep.PostAsJsonAsync("/api/customers/visit-plans", new { plannedOn = today, customerId = first.Id }))
            .ProblemAsync(HttpStatusCode.Conflict);

        await (await rep.PostAsJsonAsync($"/api/customers/{first.Id}/visits", new { on = today, kind = "visit", summary = "已对账" }))
            .JsonAsync(HttpStatusCode.Created);
        var closing = (await contacted.NextAsync(m => m.GetProperty("customerId").GetGuid() == first.Id)).Message;
        Assert.Equal(firstPlan, closing.GetProperty("planId").GetGuid());
        Assert.Equal("done", (await Plan(rep, firstPlan)).Text("state"));

        // The day passes: the other stop is missed, listed and counted, and published once by the sweep.
        fixture.FakeClock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        var missed = (await missedEvents.NextAsync(m => m.GetProperty("planId").GetGuid() == secondPlan)).Message;
        Assert.Equal((second.Id, "rep-plan", today), (missed.GetProperty("customerId").GetGuid(), missed.Text("visitorId"), missed.Text("plannedOn")));
        var list = await (await rep.GetAsync("/api/customers/visit-plans?state=missed&visitorId=rep-plan")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1, 1), (list.GetProperty("total").GetInt32(), list.GetProperty("missed").GetInt32(), list.GetProperty("done").GetInt32()));
        Assert.Equal(secondPlan, list.GetProperty("items")[0].GetProperty("id").GetGuid());
        fixture.FakeClock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(missedEvents.Drain(), m => m.Message.GetProperty("planId").GetGuid() == secondPlan);

        // A visit recorded late still closes it (the miss stays published).
        await (await rep.PostAsJsonAsync($"/api/customers/{second.Id}/visits", new { on = today, kind = "visit", summary = "补记" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("done", (await Plan(rep, secondPlan)).Text("state"));
        await (await rep.PostAsJsonAsync("/api/customers/visit-plans", new { plannedOn = today, customerId = first.Id }))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Managers_plan_executive_visits_to_key_customers_and_reps_only_their_own_visits()
    {
        using var rep = fixture.Rep("rep-exec", "fw-exec");
        var key = await rep.RegisterAsync(new { name = Api.Unique("大客户"), kind = "agent", region = "北京", category = "core" });
        var general = await rep.RegisterAsync(Api.Unique("一般客户"), "北京");
        using var otherRep = fixture.Rep("rep-exec-2", "fw-exec");
        var today = Today();

        await (await rep.PostAsJsonAsync("/api/customers/visit-plans", new { plannedOn = today, customerId = key.Id, kind = "executive-visit" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await otherRep.PostAsJsonAsync("/api/customers/visit-plans", new { plannedOn = today, customerId = key.Id }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await rep.PostAsJsonAsync("/api/customers/visit-plans", new { plannedOn = today, customerId = key.Id, visitorId = "rep-exec-2" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        using var inside = fixture.As("is-exec", "fw-exec", "inside-sales");
        await (await inside.PostAsJsonAsync("/api/customers/visit-plans", new { plannedOn = today, customerId = key.Id }))
            .ProblemAsync(HttpStatusCode.Forbidden);

        using var vp = fixture.As("vp-exec", "fw-exec", "sales-vp");
        var refused = await (await vp.PostAsJsonAsync("/api/customers/visit-plans", new { plannedOn = today, customerId = general.Id, kind = "executive-visit" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("executive-visit-key-customer", refused.Text("rule"));
        var plan = (await (await vp.PostAsJsonAsync("/api/customers/visit-plans", new
        {
            plannedOn = today, customerId = key.Id, kind = "executive-visit", purpose = "高层拜访, 谈年度合作",
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("items")[0];
        Assert.Equal("vp-exec", plan.Text("visitorId"));
        Assert.Equal("rep-exec", plan.Text("ownerId"));

        // The executive is not the owner, yet records the visit the plan names, which closes it.
        await (await vp.PostAsJsonAsync($"/api/customers/{general.Id}/visits", new { on = today, kind = "visit", summary = "无计划" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await vp.PostAsJsonAsync($"/api/customers/{key.Id}/visits", new { on = today, kind = "executive-visit", summary = "副总拜访" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("done", (await Plan(vp, plan.GetProperty("id").GetGuid())).Text("state"));

        // A rep lists their own plans only; another branch sees none of them.
        Assert.Equal(0, (await (await otherRep.GetAsync("/api/customers/visit-plans")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
        await (await otherRep.GetAsync("/api/customers/visit-plans?visitorId=vp-exec")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await otherRep.GetAsync($"/api/customers/visit-plans/{plan.GetProperty("id").GetGuid()}")).ProblemAsync(HttpStatusCode.Forbidden);
        // The owner sees the executive visits planned to their customer.
        await (await rep.GetAsync($"/api/customers/visit-plans/{plan.GetProperty("id").GetGuid()}")).JsonAsync(HttpStatusCode.OK);
        using var elsewhere = fixture.As("sam-exec-other", "fw-other", "sales-admin-manager");
        Assert.Equal(0, (await (await elsewhere.GetAsync("/api/customers/visit-plans")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());
        await (await elsewhere.GetAsync($"/api/customers/visit-plans/{plan.GetProperty("id").GetGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await elsewhere.PostAsJsonAsync("/api/customers/visit-plans", new { plannedOn = today, customerId = key.Id }))
            .ProblemAsync(HttpStatusCode.NotFound);
        using var afterSales = fixture.As("as-exec", "fw-exec", "after-sales");
        Assert.Equal(HttpStatusCode.Forbidden, (await afterSales.GetAsync("/api/customers/visit-plans")).StatusCode);
        Assert.Equal(["plannedOn"], await (await rep.PostAsJsonAsync("/api/customers/visit-plans", new { customerId = key.Id })).FieldErrorsAsync());
    }

    [Fact]
    public async Task A_meeting_keeps_its_customers_minutes_and_actions_and_an_overdue_action_is_published_once()
    {
        await using var overdueEvents = await fixture.SubscribeAsync("crm.meeting-follow-up-overdue");
        using var rep = fixture.Rep("rep-meet", "fw-meet");
        var a = await rep.RegisterAsync(Api.Unique("座谈客户甲"), "广州");
        var b = await rep.RegisterAsync(Api.Unique("座谈客户乙"), "广州");
        var today = Today();
        var tomorrow = Today(1);

        using var manager = fixture.As("mm-meet", "fw-meet", "marketing-manager");
        var meeting = await (await manager.PostAsJsonAsync("/api/customers/meetings", new
        {
            heldOn = today, title = "华南经销商座谈会", location = "广州", minutes = "讨论明年返利政策与新品铺货。",
            customerIds = new[] { a.Id, b.Id }, attendees = new[] { "mm-meet", "rep-meet" },
            actions = new object[]
            {
                new { description = "寄送返利政策草案", ownerId = "rep-meet", dueOn = tomorrow, customerId = b.Id },
                new { description = "安排新品样品", ownerId = "rep-meet", dueOn = tomorrow },
            },
        })).JsonAsync(HttpStatusCode.Created);
        var meetingId = meeting.GetProperty("id").GetGuid();
        Assert.Equal(2, meeting.GetProperty("customers").GetArrayLength());
        var actions = meeting.GetProperty("actions").EnumerateArray().ToList();
        var policy = actions.Single(x => x.Text("description") == "寄送返利政策草案");
        var samples = actions.Single(x => x.Text("description") == "安排新品样品");
        Assert.Equal(a.Id, samples.GetProperty("customerId").GetGuid());

        using var otherRep = fixture.Rep("rep-meet-2", "fw-meet");
        await (await otherRep.PostAsJsonAsync($"/api/customers/meetings/{meetingId}/actions/{samples.GetProperty("id").GetGuid()}/complete",
            new { outcome = "代办", version = 1 })).ProblemAsync(HttpStatusCode.Forbidden);
        var done = await (await rep.PostAsJsonAsync($"/api/customers/meetings/{meetingId}/actions/{samples.GetProperty("id").GetGuid()}/complete",
            new { outcome = "样品已送达", version = 1 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(today, done.Text("completedOn"));
        await (await rep.PostAsJsonAsync($"/api/customers/meetings/{meetingId}/actions/{samples.GetProperty("id").GetGuid()}/complete",
            new { version = 1 })).ProblemAsync(HttpStatusCode.Conflict);

        fixture.FakeClock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        var overdue = (await overdueEvents.NextAsync(m => m.GetProperty("meetingId").GetGuid() == meetingId)).Message;
        Assert.Equal((policy.GetProperty("id").GetGuid(), b.Id, "rep-meet", tomorrow, today),
            (overdue.GetProperty("actionId").GetGuid(), overdue.GetProperty("customerId").GetGuid(), overdue.Text("actionOwnerId"),
                overdue.Text("dueOn"), overdue.Text("meetingOn")));
        fixture.FakeClock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(overdueEvents.Drain(), m => m.Message.GetProperty("meetingId").GetGuid() == meetingId);

        var listed = await (await rep.GetAsync($"/api/customers/meetings?overdue=true&customerId={b.Id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
        Assert.True(listed.GetProperty("items")[0].GetProperty("actions").EnumerateArray().Single(x => x.Text("description") == "寄送返利政策草案")
            .GetProperty("overdue").GetBoolean());

        using var elsewhere = fixture.As("sam-meet-other", "fw-meet-other", "sales-admin-manager");
        await (await elsewhere.GetAsync($"/api/customers/meetings/{meetingId}")).ProblemAsync(HttpStatusCode.NotFound);
        var foreign = await (await elsewhere.PostAsJsonAsync("/api/customers/meetings", new
        {
            heldOn = Today(), title = "跨分公司", minutes = "无", customerIds = new[] { a.Id },
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("meeting-customers-in-branch", foreign.Text("rule"));
        using var afterSales = fixture.As("as-meet", "fw-meet", "after-sales");
        Assert.Equal(HttpStatusCode.Forbidden, (await afterSales.PostAsJsonAsync("/api/customers/meetings", new { title = "x" })).StatusCode);
        Assert.Equal(["customerIds", "heldOn", "minutes", "title"], await (await rep.PostAsJsonAsync("/api/customers/meetings", new { })).FieldErrorsAsync());
    }

    [Fact]
    public async Task A_development_target_shows_its_progress_from_approved_applications_and_the_report_lists_each_rep()
    {
        using var manager = fixture.As("mm-target", "fw-dev", "marketing-manager");
        using var rep = fixture.Rep("rep-target", "fw-dev");
        var month = Today()[..7];

        await (await rep.PutAsJsonAsync($"/api/customers/development-targets/rep-target/{month}", new { newCustomers = 9 }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        var set = await (await manager.PutAsJsonAsync($"/api/customers/development-targets/rep-target/{month}", new { newCustomers = 3, note = "华东空白区" }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal((3, 0, 1L), (set.GetProperty("target").GetInt32(), set.GetProperty("developed").GetInt32(), set.GetProperty("version").GetInt64()));
        await (await manager.PutAsJsonAsync($"/api/customers/development-targets/rep-target/{month}", new { newCustomers = 4, version = 7 }))
            .ProblemAsync(HttpStatusCode.Conflict);

        var ids = new List<Guid>();
        foreach (var name in new[] { "开发甲", "开发乙", "开发丙" })
        {
            var filed = await (await rep.PostAsJsonAsync("/api/customers/development-applications", new
            {
                name = Api.Unique(name), kind = "agent", region = "无锡", reason = "区域空白",
            })).JsonAsync(HttpStatusCode.Created);
            ids.Add(filed.GetProperty("id").GetGuid());
        }
        await (await manager.PostAsJsonAsync($"/api/customers/development-applications/{ids[0]}/approve", new { comment = "同意" })).JsonAsync(HttpStatusCode.OK);
        await (await manager.PostAsJsonAsync($"/api/customers/development-applications/{ids[1]}/reject", new { reason = "资信不足" })).JsonAsync(HttpStatusCode.OK);

        var progress = await (await rep.GetAsync($"/api/customers/development-targets/rep-target/{month}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((3, 1, 3, 1, 1), (progress.GetProperty("target").GetInt32(), progress.GetProperty("developed").GetInt32(),
            progress.GetProperty("filed").GetInt32(), progress.GetProperty("pending").GetInt32(), progress.GetProperty("rejected").GetInt32()));
        Assert.Equal(33.3m, progress.GetProperty("progressPercent").GetDecimal()); // 1 of 3
        Assert.Single(progress.GetProperty("customers").EnumerateArray());
        using var otherRep = fixture.Rep("rep-target-2", "fw-dev");
        await (await otherRep.GetAsync($"/api/customers/development-targets/rep-target/{month}")).ProblemAsync(HttpStatusCode.Forbidden);
        using var elsewhere = fixture.As("mm-target-other", "fw-dev-other", "marketing-manager");
        var notThere = await (await elsewhere.GetAsync($"/api/customers/development-targets/rep-target/{month}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((JsonValueKind.Null, 0), (notThere.GetProperty("target").ValueKind, notThere.GetProperty("developed").GetInt32()));

        var report = await (await manager.GetAsync($"/api/customers/development-report?month={month}")).JsonAsync(HttpStatusCode.OK);
        var line = report.GetProperty("reps").EnumerateArray().Single(r => r.Text("ownerId") == "rep-target");
        Assert.Equal((3, 3, 1, 1, 1), (line.GetProperty("target").GetInt32(), line.GetProperty("filed").GetInt32(), line.GetProperty("approved").GetInt32(),
            line.GetProperty("rejected").GetInt32(), line.GetProperty("pending").GetInt32()));
        Assert.Equal(0, (await (await elsewhere.GetAsync($"/api/customers/development-report?month={month}")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("reps").GetArrayLength());
        var csvResponse = await manager.GetAsync($"/api/customers/development-report?month={month}&format=csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("月份 month,", csv, StringComparison.Ordinal);
        Assert.Contains($"{month},fw-dev,rep-target,3,3,1,1,1,33.3,", csv, StringComparison.Ordinal);
        await (await rep.GetAsync($"/api/customers/development-report?month={month}")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["month"], await (await manager.GetAsync("/api/customers/development-report?month=2026-13")).FieldErrorsAsync());
    }

    private static async Task<JsonElement> Plan(HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/customers/visit-plans/{id}")).JsonAsync(HttpStatusCode.OK);

    // The branch's date (Asia/Shanghai) on the fixture's clock, as the service counts days.
    private string Today(int days = 0) => fixture.FakeClock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddDays(days).ToString("yyyy-MM-dd");
}
