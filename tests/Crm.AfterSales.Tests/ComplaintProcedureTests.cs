namespace Crm.AfterSales.Tests;

/// <summary>The procedure of the manual's flow chart through the gateway: every transition and every refusal.</summary>
public sealed class ComplaintProcedureTests(AfterSalesFixture fixture) : IClassFixture<AfterSalesFixture>
{
    private readonly Procedure _procedure = new(fixture);

    /// <summary>What each state allows (by whoever is entitled), as the API spells it.</summary>
    public static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["received"] = ["assess", "pause", "attach"],
        ["assessed"] = ["assess", "propose", "pause", "attach"],
        ["proposed"] = ["assess", "propose", "sign-off", "send-back", "pause", "attach"],
        ["signed-off"] = ["assess", "send-back", "customer-response", "pause", "attach"],
        ["awaiting-customer"] = ["assess", "propose", "customer-response", "pause", "escalate", "attach"],
        ["executing"] = ["assess", "pause", "complete", "attach"],
        ["litigation"] = ["assess", "litigation-outcome", "attach"],
        ["closed"] = [],
    };

    private static readonly string[] JsonActions =
        ["assess", "propose", "sign-off", "send-back", "customer-response", "pause", "resume", "complete", "escalate", "litigation-outcome"];

    public static TheoryData<string> States() => new(Procedure.States);

    [Theory]
    [MemberData(nameof(States))]
    public async Task Each_state_allows_only_its_actions_and_refuses_the_others_with_409_naming_what_is_allowed(string state)
    {
        var customer = await fixture.CustomerAsync();
        var complaint = await _procedure.ToStateAsync(customer, state);
        Assert.Equal(state, complaint.State());
        Assert.Equal(Allowed[state].Order(), complaint.GetProperty("allowedActions").Strings().Order());

        foreach (var action in JsonActions.Where(a => !Allowed[state].Contains(a)))
        {
            var (client, body) = _procedure.Call(action, complaint.Version());
            var refused = await HttpAssertions.JsonAsync(await Api.ActAsync(client, complaint.Id(), action, body), HttpStatusCode.Conflict);
            Assert.Equal(action, refused.GetProperty("action").GetString());
            Assert.Equal(state, refused.GetProperty("state").GetString());
            Assert.Equal(Allowed[state].Order(), refused.GetProperty("allowedActions").Strings().Order());
        }
        var after = await Api.GetAsync(_procedure.AfterSales, complaint.Id());
        Assert.Equal(state, after.State());
        Assert.Equal(complaint.Version(), after.Version());
    }

    public static TheoryData<string, string> WrongRoles() => new()
    {
        { "assess", "sales-admin-manager" },
        { "propose", "sales-rep" },
        { "sign-off", "after-sales" },
        { "send-back", "after-sales" },
        { "customer-response", "sales-admin-manager" },
        { "pause", "sales-rep" },
        { "resume", "inside-sales" },
        { "complete", "sales-admin-manager" },
        { "escalate", "after-sales" },
        { "litigation-outcome", "after-sales" },
    };

    [Theory]
    [MemberData(nameof(WrongRoles))]
    public async Task An_action_by_a_role_that_may_not_take_it_is_403_naming_the_roles_that_may(string action, string role)
    {
        var customer = await fixture.CustomerAsync();
        var complaint = await Api.OpenAsync(_procedure.AfterSales, customer);
        var (_, body) = _procedure.Call(action, complaint.Version());
        using var client = fixture.System.Gateway("someone-1", AfterSalesFixture.Branch, role);

        var refused = await HttpAssertions.JsonAsync(await Api.ActAsync(client, complaint.Id(), action, body), HttpStatusCode.Forbidden);
        Assert.Equal(action, refused.GetProperty("action").GetString());
        Assert.DoesNotContain(role, refused.GetProperty("allowedRoles").Strings());
        Assert.Equal(1, (await Api.GetAsync(_procedure.AfterSales, complaint.Id())).Version());
    }

    [Fact]
    public async Task The_whole_procedure_unsatisfied_then_re_proposed_then_satisfied_closes_with_every_step_on_the_timeline_and_its_events()
    {
        await using var opened = await RawSubscriber.BindAsync(fixture.Amqp, "crm.complaint-opened");
        await using var answered = await RawSubscriber.BindAsync(fixture.Amqp, "crm.complaint-answered");
        await using var resolved = await RawSubscriber.BindAsync(fixture.Amqp, "crm.complaint-resolved");
        var customer = await fixture.CustomerAsync();
        var p = _procedure;

        var complaint = await Api.OpenAsync(p.AfterSales, customer, severity: "high");
        Assert.Equal("received", complaint.State());
        complaint = await p.DoAsync(complaint, "assess", new
        {
            category = "quality", finding = "批次 B20260301 包装膜封口不严", severity = "high", rootCause = "machine", correctiveAction = "更换封口机加热条, 每班点检",
            version = complaint.Version(),
        });
        Assert.Equal("assessed", complaint.State());
        complaint = await p.DoAsync(complaint, "propose", new { resolution = new { kind = "compensation", detail = "按受潮数量折价 10%", amount = 1200m }, version = complaint.Version() });
        complaint = await p.DoAsync(complaint, "sign-off");
        Assert.Equal("signed-off", complaint.State());
        complaint = await p.DoAsync(complaint, "customer-response", new { satisfied = false, comment = "折价太少, 要求换货", version = complaint.Version() });
        Assert.Equal("awaiting-customer", complaint.State());
        complaint = await p.DoAsync(complaint, "propose", new { resolution = new { kind = "replacement", detail = "整批换货" }, version = complaint.Version() });
        Assert.Equal("proposed", complaint.State());
        Assert.Equal(2, complaint.GetProperty("resolution").GetProperty("round").GetInt32());
        complaint = await p.DoAsync(complaint, "sign-off");
        complaint = await p.DoAsync(complaint, "customer-response", new { satisfied = true, comment = "同意整批换货", version = complaint.Version() });
        Assert.Equal("executing", complaint.State());
        complaint = await p.DoAsync(complaint, "complete");
        Assert.Equal("closed", complaint.State());
        Assert.Equal("customer-satisfied", complaint.GetProperty("closedBy").GetString());

        Assert.Equal(
            ["received", "assess", "propose", "sign-off", "customer-response", "propose", "sign-off", "customer-response", "complete"],
            complaint.Actions());
        var timeline = complaint.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["as-1", "as-1", "as-1", "sam-1", "as-1", "as-1", "sam-1", "as-1", "as-1"], timeline.Select(t => t.GetProperty("by").GetString()!));
        Assert.All(timeline, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("detail").GetString())));
        Assert.Contains("折价太少", timeline[4].GetProperty("detail").GetString());

        var id = complaint.Id();
        var openedEvent = (await opened.NextAsync(m => m.GetProperty("complaintId").GetGuid() == id)).Message;
        Assert.Equal("high", openedEvent.GetProperty("severity").GetString());
        Assert.Equal(customer, openedEvent.GetProperty("customerId").GetGuid());
        var answeredEvent = (await answered.NextAsync(m => m.GetProperty("complaintId").GetGuid() == id)).Message;
        Assert.Equal("quality", answeredEvent.GetProperty("category").GetString());
        var resolvedEvent = (await resolved.NextAsync(m => m.GetProperty("complaintId").GetGuid() == id)).Message;
        Assert.Equal("replacement", resolvedEvent.GetProperty("resolution").GetString());
        Assert.Equal("customer-satisfied", resolvedEvent.GetProperty("closedBy").GetString());
        Assert.Equal("machine", resolvedEvent.GetProperty("rootCause").GetString());
        Assert.True(resolvedEvent.GetProperty("serviceLevelMet").GetBoolean());
    }

    [Fact]
    public async Task A_complaint_cannot_be_closed_without_a_customer_response()
    {
        var customer = await fixture.CustomerAsync();
        var complaint = await _procedure.ToStateAsync(customer, "signed-off");
        var refused = await HttpAssertions.JsonAsync(await Api.ActAsync(_procedure.AfterSales, complaint.Id(), "complete", new { version = complaint.Version() }), HttpStatusCode.Conflict);
        Assert.Contains("customer-response", refused.GetProperty("allowedActions").Strings());
        Assert.Equal("signed-off", (await Api.GetAsync(_procedure.AfterSales, complaint.Id())).State());
    }

    [Fact]
    public async Task A_sent_back_proposal_needs_a_new_one_before_the_sign_off_and_a_sign_off_can_be_withdrawn_before_the_customer_answers()
    {
        var customer = await fixture.CustomerAsync();
        var complaint = await _procedure.ToStateAsync(customer, "proposed");
        complaint = await _procedure.DoAsync(complaint, "send-back");
        Assert.Equal("proposed", complaint.State());
        Assert.True(complaint.GetProperty("resolution").GetProperty("sentBack").GetBoolean());
        var refused = await HttpAssertions.JsonAsync(await Api.ActAsync(_procedure.Manager, complaint.Id(), "sign-off", new { version = complaint.Version() }), HttpStatusCode.Conflict);
        Assert.DoesNotContain("sign-off", refused.GetProperty("allowedActions").Strings());
        Assert.Contains("propose", refused.GetProperty("allowedActions").Strings());

        complaint = await _procedure.DoAsync(complaint, "propose");
        complaint = await _procedure.DoAsync(complaint, "sign-off");
        complaint = await _procedure.DoAsync(complaint, "send-back");
        Assert.Equal("proposed", complaint.State());
        Assert.Equal(["received", "assess", "propose", "send-back", "propose", "sign-off", "send-back"], complaint.Actions());
    }

    [Fact]
    public async Task An_unsatisfied_complaint_escalated_to_litigation_is_closed_by_its_outcome_and_both_are_published()
    {
        await using var escalated = await RawSubscriber.BindAsync(fixture.Amqp, "crm.complaint-escalated");
        await using var resolved = await RawSubscriber.BindAsync(fixture.Amqp, "crm.complaint-resolved");
        var customer = await fixture.CustomerAsync();
        var complaint = await _procedure.ToStateAsync(customer, "litigation");
        Assert.Equal("(2026)沪0115民初1234号", complaint.GetProperty("litigation").GetProperty("caseNumber").GetString());

        complaint = await _procedure.DoAsync(complaint, "litigation-outcome");
        Assert.Equal("closed", complaint.State());
        Assert.Equal("litigation", complaint.GetProperty("closedBy").GetString());
        Assert.Equal("litigation-outcome", complaint.Actions()[^1]);

        var escalation = (await escalated.NextAsync(m => m.GetProperty("complaintId").GetGuid() == complaint.Id())).Message;
        Assert.Equal("上海市浦东新区人民法院", escalation.GetProperty("court").GetString());
        Assert.Equal("vp-1", escalation.GetProperty("escalatedBy").GetString());
        var resolution = (await resolved.NextAsync(m => m.GetProperty("complaintId").GetGuid() == complaint.Id())).Message;
        Assert.Equal("litigation", resolution.GetProperty("closedBy").GetString());
        Assert.Equal("", resolution.GetProperty("resolution").GetString());
    }

    [Fact]
    public async Task A_quality_complaint_closes_only_with_its_root_cause_and_corrective_action()
    {
        var customer = await fixture.CustomerAsync();
        var p = _procedure;
        var complaint = await Api.OpenAsync(p.AfterSales, customer);
        complaint = await p.DoAsync(complaint, "assess", new { category = "quality", finding = "结块", severity = "medium", version = complaint.Version() });
        complaint = await p.DoAsync(complaint, "propose");
        complaint = await p.DoAsync(complaint, "sign-off");
        complaint = await p.DoAsync(complaint, "customer-response");

        var refused = await HttpAssertions.JsonAsync(await Api.ActAsync(p.AfterSales, complaint.Id(), "complete", new { version = complaint.Version() }), (HttpStatusCode)422);
        Assert.Equal("root-cause-required", refused.GetProperty("rule").GetString());

        var badCause = await Api.ActAsync(p.AfterSales, complaint.Id(), "assess",
            new { category = "quality", finding = "结块", severity = "medium", rootCause = "weather", version = complaint.Version() });
        Assert.Equal(HttpStatusCode.BadRequest, badCause.StatusCode);

        complaint = await p.DoAsync(complaint, "assess", new
        {
            category = "quality", finding = "原料含水率超标", severity = "medium", rootCause = "material", correctiveAction = "进料检验增加含水率检测",
            version = complaint.Version(),
        });
        Assert.Equal("executing", complaint.State());
        complaint = await p.DoAsync(complaint, "complete");
        Assert.Equal("closed", complaint.State());
        Assert.Equal("material", complaint.GetProperty("rootCause").GetString());
    }

    [Fact]
    public async Task A_stale_version_is_409_and_a_missing_one_400()
    {
        var customer = await fixture.CustomerAsync();
        var complaint = await Api.OpenAsync(_procedure.AfterSales, customer);
        var assessed = await _procedure.DoAsync(complaint, "assess");

        var stale = await Api.ActAsync(_procedure.AfterSales, complaint.Id(), "propose",
            new { resolution = new { kind = "explanation", detail = "说明" }, version = complaint.Version() });
        var problem = await HttpAssertions.JsonAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal("Stale version.", problem.GetProperty("title").GetString());

        var missing = await Api.ActAsync(_procedure.AfterSales, complaint.Id(), "propose", new { resolution = new { kind = "explanation", detail = "说明" } });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(assessed.Version(), (await Api.GetAsync(_procedure.AfterSales, complaint.Id())).Version());
    }

    [Fact]
    public async Task Another_branch_s_complaint_is_404_and_a_customer_of_another_branch_cannot_be_complained_about()
    {
        var customer = await fixture.CustomerAsync();
        var complaint = await Api.OpenAsync(_procedure.AfterSales, customer);
        using var beijing = fixture.AfterSales("as-bj", AfterSalesFixture.OtherBranch);

        Assert.Equal(HttpStatusCode.NotFound, (await beijing.GetAsync($"/api/aftersales/complaints/{complaint.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.ActAsync(beijing, complaint.Id(), "assess", _procedure.Call("assess", 1).Body)).StatusCode);
        var open = await beijing.PostAsJsonAsync("/api/aftersales/complaints", new { customerId = customer, subject = "x", description = "y" });
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        var list = await HttpAssertions.JsonAsync(await beijing.GetAsync($"/api/aftersales/complaints?customerId={customer}"), HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_list_filters_by_customer_state_and_category()
    {
        var customer = await fixture.CustomerAsync();
        var received = await Api.OpenAsync(_procedure.AfterSales, customer);
        var assessed = await _procedure.DoAsync(await Api.OpenAsync(_procedure.AfterSales, customer), "assess");

        var all = await HttpAssertions.JsonAsync(await _procedure.AfterSales.GetAsync($"/api/aftersales/complaints?customerId={customer}"), HttpStatusCode.OK);
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        var onlyAssessed = await HttpAssertions.JsonAsync(await _procedure.AfterSales.GetAsync($"/api/aftersales/complaints?customerId={customer}&state=assessed&category=non-quality"), HttpStatusCode.OK);
        Assert.Equal(assessed.Id(), Assert.Single(onlyAssessed.GetProperty("items").EnumerateArray()).Id());
        var bad = await _procedure.AfterSales.GetAsync("/api/aftersales/complaints?state=lost&pageSize=500");
        var problem = await HttpAssertions.JsonAsync(bad, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("state", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
        Assert.NotEqual(received.Id(), assessed.Id());
    }

    [Fact]
    public async Task Opening_needs_a_subject_and_a_description()
    {
        var customer = await fixture.CustomerAsync();
        var response = await _procedure.AfterSales.PostAsJsonAsync("/api/aftersales/complaints", new { customerId = customer });
        var problem = await HttpAssertions.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("subject", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("description", out _));
    }
}
