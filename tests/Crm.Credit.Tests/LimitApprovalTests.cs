namespace Crm.Credit.Tests;

/// <summary>
/// The credit limit change request (客户信用额度变更申请表) and its chain 销售管理部经理 → 销售副总 → 销售总经理 → 集团总经理.
/// </summary>
public sealed class LimitApprovalTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    private static readonly string[] Chain = ["sales-admin-manager", "sales-vp", "sales-gm", "group-gm"];

    private HttpClient Approver(int step, string branch = "sh") =>
        credit.As($"{Chain[step - 1]}-{branch}", step == 4 ? "hq" : branch, Chain[step - 1]);

    private async Task<(Guid Customer, JsonElement Request)> OpenAsync(decimal proposedLimit = 50_000m, string owner = "rep-1")
    {
        var customer = await credit.RegisterCustomerAsync(owner: owner);
        using var rep = credit.As(owner, "sh", "sales-rep");
        var request = await (await rep.Post("/api/credit/limit-requests", new { customerId = customer, proposedLimit, reason = "旺季备货 peak-season stock" }))
            .JsonAsync(HttpStatusCode.Created);
        return (customer, request);
    }

    private static string Id(JsonElement request) => request.String("id")!;

    [Fact]
    public async Task A_request_opens_with_the_four_steps_awaiting_the_sales_administration_manager()
    {
        var (customer, request) = await OpenAsync();

        Assert.Equal("pending", request.String("state"));
        Assert.Equal("sales-admin-manager", request.String("awaitingRole"));
        Assert.Equal(0m, request.Decimal("currentLimit"));
        Assert.Equal(50_000m, request.Decimal("proposedLimit"));
        Assert.Equal("manual", request.String("source"));
        Assert.Equal(customer, request.GetProperty("customerId").GetGuid());
        Assert.Equal(Chain, request.GetProperty("steps").EnumerateArray().Select(s => s.String("role")));
        Assert.All(request.GetProperty("steps").EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("decision").ValueKind));
    }

    [Fact]
    public async Task Four_approvals_in_order_apply_the_limit_and_publish_it()
    {
        var (customer, request) = await OpenAsync(80_000m);
        await using var changes = await credit.SubscribeAsync("crm.credit-limit-changed");

        JsonElement last = default;
        for (var step = 1; step <= 4; step++)
        {
            using var approver = Approver(step);
            last = await (await approver.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { comment = $"同意 step {step}" })).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(step < 4 ? "pending" : "approved", last.String("state"));
            var account = await (await approver.GetAsync($"/api/credit/accounts/{customer}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(step < 4 ? 0m : 80_000m, account.Decimal("creditLimit")); // never before the last approval
        }

        var steps = last.GetProperty("steps").EnumerateArray().ToList();
        Assert.All(steps, s => Assert.Equal("approved", s.String("decision")));
        Assert.Equal(Chain.Select(r => $"{r}-sh"), steps.Select(s => s.String("decidedBy")));
        Assert.All(steps, s => Assert.StartsWith("同意 step", s.String("comment")));
        Assert.All(steps, s => Assert.NotEqual(JsonValueKind.Null, s.GetProperty("decidedAt").ValueKind));

        var changed = (await changes.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer)).Message;
        Assert.Equal(0m, changed.Money("previousLimit"));
        Assert.Equal(80000m, changed.Money("creditLimit"));
        Assert.Equal(Id(request), changed.GetProperty("requestId").GetString());
        Assert.Equal("group-gm-sh", changed.GetProperty("approvedBy").GetString());

        // The next sale's event carries the new limit, for the over-limit alert.
        await using var sales = await credit.SubscribeAsync("crm.sale-recorded");
        using var clerk = credit.As("clerk-1", "sh", "inside-sales");
        await (await clerk.Post("/api/credit/sales", new { customerId = customer, date = "2026-11-10", product = "P", quantity = 1, amount = 90_000m, dueDate = "2026-12-10" })).JsonAsync(HttpStatusCode.Created);
        var sale = (await sales.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer)).Message;
        Assert.Equal(80000m, sale.Money("creditLimit"));
        Assert.Equal(90000m, sale.Money("balanceAfter"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Any_step_may_reject_which_is_final_and_leaves_the_limit(int rejectingStep)
    {
        var (customer, request) = await OpenAsync();
        for (var step = 1; step < rejectingStep; step++)
        {
            using var approver = Approver(step);
            await (await approver.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).JsonAsync(HttpStatusCode.OK);
        }

        using var rejecting = Approver(rejectingStep);
        await (await rejecting.Post($"/api/credit/limit-requests/{Id(request)}/reject", new { })).ProblemAsync(HttpStatusCode.BadRequest); // reject needs a comment
        var rejected = await (await rejecting.Post($"/api/credit/limit-requests/{Id(request)}/reject", new { comment = "回款不及时 pays late" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("rejected", rejected.String("state"));
        Assert.Equal("rejected", rejected.GetProperty("steps")[rejectingStep - 1].String("decision"));
        Assert.Equal("回款不及时 pays late", rejected.GetProperty("steps")[rejectingStep - 1].String("comment"));
        for (var step = rejectingStep; step <= 4; step++)
        {
            using var later = Approver(step);
            await (await later.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict);
        }
        Assert.Equal(0m, await credit.QueryAsync(db => db.Accounts.Where(a => a.CustomerId == customer).Select(a => a.CreditLimit).SingleAsync()));
        Assert.Null(await credit.QueryAsync(db => db.LimitRequests.Where(r => r.CustomerId == customer).Select(r => r.OpenForCustomerId).SingleAsync()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Only_the_role_of_the_current_step_may_decide(int currentStep)
    {
        var (_, request) = await OpenAsync();
        for (var step = 1; step < currentStep; step++)
        {
            using var approver = Approver(step);
            await (await approver.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).JsonAsync(HttpStatusCode.OK);
        }

        for (var step = currentStep + 1; step <= 4; step++)
        {
            using var later = Approver(step);
            await (await later.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
            await (await later.Post($"/api/credit/limit-requests/{Id(request)}/reject", new { comment = "no" })).ProblemAsync(HttpStatusCode.Forbidden);
        }
        foreach (var outsider in new[] { "sales-rep", "inside-sales", "marketing-manager", "admin" })
        {
            using var client = credit.As("x-" + outsider, "sh", outsider);
            await (await client.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        }

        using var current = Approver(currentStep);
        var decided = await (await current.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(currentStep, decided.GetProperty("steps").EnumerateArray().Count(s => s.String("decision") == "approved"));
    }

    [Fact]
    public async Task An_approval_needs_no_body_and_the_lists_find_requests_by_state_and_by_the_role_awaited()
    {
        var (customer, request) = await OpenAsync();
        using var manager = Approver(1);

        var approved = await (await manager.PostAsync($"/api/credit/limit-requests/{Id(request)}/approve", content: null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("sales-vp", approved.String("awaitingRole"));

        using var vp = Approver(2);
        var mine = await (await vp.GetAsync("/api/credit/limit-requests?awaitingMe=true&pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), r => r.String("id") == Id(request));
        var notMine = await (await manager.GetAsync("/api/credit/limit-requests?awaitingMe=true&pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(notMine.GetProperty("items").EnumerateArray(), r => r.String("id") == Id(request));
        var pending = await (await vp.GetAsync($"/api/credit/limit-requests?customerId={customer}&state=pending")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, pending.GetProperty("total").GetInt32());
        var rejected = await (await vp.GetAsync($"/api/credit/limit-requests?customerId={customer}&state=rejected")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, rejected.GetProperty("total").GetInt32());
        await (await vp.GetAsync("/api/credit/limit-requests?state=lost")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_decided_step_cannot_be_decided_again()
    {
        var (_, request) = await OpenAsync();
        using var manager = Approver(1);
        await (await manager.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).JsonAsync(HttpStatusCode.OK);

        using var anotherManager = credit.As("sam-2", "sh", "sales-admin-manager");
        var again = await (await anotherManager.Post($"/api/credit/limit-requests/{Id(request)}/reject", new { comment = "changed my mind" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("already decided", again.String("detail"));
    }

    [Fact]
    public async Task Concurrent_decisions_on_one_request_let_exactly_one_through()
    {
        var (_, request) = await OpenAsync();
        var managers = Enumerable.Range(1, 6).Select(i => credit.As($"sam-{i}", "sh", "sales-admin-manager")).ToList();

        var responses = await Task.WhenAll(managers.Select((m, i) => i % 2 == 0
            ? m.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { comment = $"m{i}" })
            : m.Post($"/api/credit/limit-requests/{Id(request)}/reject", new { comment = $"m{i}" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        using var reader = credit.As("reader", "sh", "sales-rep");
        var stored = await (await reader.GetAsync($"/api/credit/limit-requests/{Id(request)}")).JsonAsync(HttpStatusCode.OK);
        Assert.Single(stored.GetProperty("steps").EnumerateArray(), s => s.GetProperty("decision").ValueKind != JsonValueKind.Null);
        managers.ForEach(m => m.Dispose());
    }

    [Fact]
    public async Task One_person_decides_one_step_even_holding_the_next_role()
    {
        var (_, request) = await OpenAsync();
        using var both = credit.As("vp-and-manager", "sh", "sales-admin-manager", "sales-vp");

        await (await both.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).JsonAsync(HttpStatusCode.OK);
        var second = await (await both.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("different person", second.String("detail"));
    }

    [Fact]
    public async Task Whoever_requested_a_limit_change_decides_no_step_of_it_whatever_roles_they_hold()
    {
        // One person who is the customer's rep and holds the first two steps' roles too.
        const string filer = "rep-and-approver";
        var (_, request) = await OpenAsync(owner: filer);
        using var filerWithRoles = credit.As(filer, "sh", "sales-rep", "sales-admin-manager", "sales-vp");

        var first = await (await filerWithRoles.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("separation-of-duties", first.String("rule"));

        using (var manager = Approver(1)) await (await manager.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).JsonAsync(HttpStatusCode.OK);
        var second = await (await filerWithRoles.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("separation-of-duties", second.String("rule"));
        var rejection = await (await filerWithRoles.Post($"/api/credit/limit-requests/{Id(request)}/reject", new { comment = "自己驳回" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("separation-of-duties", rejection.String("rule"));

        var id = Guid.Parse(Id(request));
        Assert.Equal("sales-vp", await credit.QueryAsync(db => db.LimitRequests.Where(r => r.Id == id).Select(r => r.AwaitingRole).SingleAsync()));
    }

    [Fact]
    public async Task A_customer_has_one_open_request_at_a_time()
    {
        var (customer, request) = await OpenAsync();
        using var clerk = credit.As("clerk-1", "sh", "inside-sales");

        var second = await (await clerk.Post("/api/credit/limit-requests", new { customerId = customer, proposedLimit = 1m, reason = "again" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(Id(request), second.String("detail"));

        using var manager = Approver(1);
        await (await manager.Post($"/api/credit/limit-requests/{Id(request)}/reject", new { comment = "no" })).JsonAsync(HttpStatusCode.OK);
        await (await clerk.Post("/api/credit/limit-requests", new { customerId = customer, proposedLimit = 1m, reason = "after the rejection" })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Requests_opened_at_once_for_one_customer_leave_one_open()
    {
        var customer = await credit.RegisterCustomerAsync();
        var clerks = Enumerable.Range(1, 6).Select(i => credit.As($"clerk-{i}", "sh", "inside-sales")).ToList();

        var responses = await Task.WhenAll(clerks.Select((c, i) => c.Post("/api/credit/limit-requests", new { customerId = customer, proposedLimit = 1000m + i, reason = "r" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await credit.QueryAsync(db => db.LimitRequests.CountAsync(r => r.CustomerId == customer)));
        clerks.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Requests_are_checked_before_they_open()
    {
        var customer = await credit.RegisterCustomerAsync(owner: "rep-1");
        using var owner = credit.As("rep-1", "sh", "sales-rep");
        using var otherRep = credit.As("rep-2", "sh", "sales-rep");
        using var manager = credit.As("sam-1", "sh", "sales-admin-manager");

        var invalid = await (await owner.Post("/api/credit/limit-requests", new { customerId = customer, proposedLimit = -1m })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("proposedLimit", out _));
        Assert.True(invalid.GetProperty("errors").TryGetProperty("reason", out _));
        var unchanged = await (await owner.Post("/api/credit/limit-requests", new { customerId = customer, proposedLimit = 0m, reason = "same" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("limit-unchanged", unchanged.String("rule"));
        await (await otherRep.Post("/api/credit/limit-requests", new { customerId = customer, proposedLimit = 5m, reason = "not mine" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.Post("/api/credit/limit-requests", new { customerId = customer, proposedLimit = 5m, reason = "managers approve, they do not ask" })).ProblemAsync(HttpStatusCode.Forbidden);
        var unknown = await (await owner.Post("/api/credit/limit-requests", new { customerId = Guid.NewGuid(), proposedLimit = 5m, reason = "who?" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("customer-unknown", unknown.String("rule"));
    }

    [Fact]
    public async Task Another_branch_neither_sees_nor_decides_a_request_but_the_group_general_manager_does()
    {
        var (_, request) = await OpenAsync();
        using var beijingManager = credit.As("sam-bj", "bj", "sales-admin-manager");
        await (await beijingManager.GetAsync($"/api/credit/limit-requests/{Id(request)}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await beijingManager.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).ProblemAsync(HttpStatusCode.NotFound);

        for (var step = 1; step <= 3; step++)
        {
            using var approver = Approver(step);
            await (await approver.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { })).JsonAsync(HttpStatusCode.OK);
        }
        using var groupGm = credit.As("ggm", "hq", "group-gm");
        var awaiting = await (await groupGm.GetAsync("/api/credit/limit-requests?awaitingMe=true")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(awaiting.GetProperty("items").EnumerateArray(), r => r.String("id") == Id(request));
        var approved = await (await groupGm.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { comment = "集团同意" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved.String("state"));
    }

    [Fact]
    public async Task Every_decision_is_recorded_with_who_when_and_why()
    {
        var (_, request) = await OpenAsync();
        using var manager = credit.As("sam-9", "sh", "sales-admin-manager");
        await (await manager.Post($"/api/credit/limit-requests/{Id(request)}/approve", new { comment = "资信良好" })).JsonAsync(HttpStatusCode.OK);

        var stored = await credit.QueryAsync(db => db.LimitRequests.AsNoTracking().SingleAsync(r => r.Id == Guid.Parse(Id(request))));
        var step = stored.Steps.Single(s => s.Order == 1);
        Assert.Equal(StepDecision.Approved, step.Decision);
        Assert.Equal("sam-9", step.DecidedBy);
        Assert.Equal("资信良好", step.Comment);
        Assert.Equal(CreditSystem.Now, step.DecidedAt);
    }
}
