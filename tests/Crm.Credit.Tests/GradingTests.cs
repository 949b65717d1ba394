using System.Globalization;
using System.Text;

namespace Crm.Credit.Tests;

/// <summary>
/// A grading run (客户等级评估) over a branch with hand-worked customers, through the gateway. Period 2026-10: the
/// window is 2025-11…2026-10, the previous period 2024-11…2025-10; today is 2026-11-16. Each test starts its own system
/// with the branch seeded and replays the runs it builds on itself, so the tests pass in any order.
/// </summary>
public sealed class GradingTests : IAsyncLifetime
{
    private readonly Branch branch = new();

    public Task InitializeAsync() => branch.InitializeAsync();

    public Task DisposeAsync() => branch.DisposeAsync();

    public sealed class Branch : IAsyncLifetime
    {
        public CreditSystem Credit { get; } = new();
        public Guid Leader, Decliner, Lost, Idle;
        public RawSubscriber Graded = null!;
        public Guid DeclinerLatePayment;

        public async Task InitializeAsync()
        {
            await Credit.InitializeAsync();
            Graded = await Credit.SubscribeAsync("crm.customer-graded");
            Leader = await Credit.RegisterCustomerAsync("gr", "领先商贸", code: "GR-0001", owner: "rep-1");
            Decliner = await Credit.RegisterCustomerAsync("gr", "下滑百货", code: "GR-0002", owner: "rep-2");
            Lost = await Credit.RegisterCustomerAsync("gr", "已流失", code: "GR-0003");
            Idle = await Credit.RegisterCustomerAsync("gr", "无业务", code: "GR-0004");
            using var clerk = new Clerk(Credit, "gr");

            // Leader: 100,000 in the previous period, 120,000 in this one of which 108,000 was paid by its due date; scorecard 85.
            await clerk.SaleAsync(Leader, 100_000m, "2025-05-10", "2025-06-10");
            await clerk.PayAsync(Leader, 100_000m, "2025-06-01");
            await clerk.SaleAsync(Leader, 120_000m, "2026-03-10", "2026-04-10");
            await clerk.PayAsync(Leader, 108_000m, "2026-04-05");
            await clerk.PayAsync(Leader, 12_000m, "2026-05-01");
            await Credit.PublishAndWaitAsync(Clerk.Scorecard(Leader, "gr", 85m, new DateTimeOffset(2026, 9, 30, 8, 0, 0, TimeSpan.Zero)));

            // Decliner: 120,000 before, 108,000 now, 81,000 of it by the due date; no scorecard.
            await clerk.SaleAsync(Decliner, 120_000m, "2025-03-01", "2025-04-01");
            await clerk.PayAsync(Decliner, 120_000m, "2025-03-30");
            await clerk.SaleAsync(Decliner, 108_000m, "2026-02-01", "2026-03-03");
            await clerk.PayAsync(Decliner, 81_000m, "2026-03-01");
            DeclinerLatePayment = await clerk.PayAsync(Decliner, 27_000m, "2026-04-01");

            await clerk.SaleAsync(Lost, 5_000m, "2026-06-01", "2026-07-01");
            await Credit.PublishAndWaitAsync(new CustomerStatusChanged
            {
                CustomerId = Lost, BranchId = "gr", OccurredAt = CreditSystem.Now.AddDays(-10), PreviousStatus = "active", Status = "lost",
                Reason = "stopped buying", ChangedBy = "rep-1",
            });
        }

        public async Task DisposeAsync()
        {
            await Graded.DisposeAsync();
            await Credit.DisposeAsync();
        }
    }

    private CreditSystem Credit => branch.Credit;

    private HttpClient Manager() => Credit.As("sam-gr", "gr", "sales-admin-manager");

    private async Task<JsonElement> RunAsync(string period, string branchId = "gr")
    {
        using var manager = Credit.As($"sam-{branchId}", branchId, "sales-admin-manager");
        return await manager.RunGrading(period);
    }

    private static decimal D(JsonElement message, string property) => message.Money(property);

    /// <summary>The first run of 2026-10, with its three grade events taken off the subscriber.</summary>
    private async Task GradedOnceAsync()
    {
        await RunAsync("2026-10");
        for (var i = 0; i < 3; i++) await branch.Graded.NextAsync(m => m.GetProperty("branchId").GetString() == "gr");
    }

    /// <summary>The 27,000 dated 04-01 actually arrived on 03-02: reversed and entered again. Now all 108,000 was on time.</summary>
    private async Task CorrectDeclinersLatePaymentAsync()
    {
        using var clerk = new Clerk(Credit, "gr");
        await clerk.ReverseAsync("payment", branch.DeclinerLatePayment, "日期录错 wrong date");
        await clerk.PayAsync(branch.Decliner, 27_000m, "2026-03-02");
    }

    [Fact]
    public async Task T1_a_run_grades_the_branch_explains_each_grade_and_publishes_each_new_grade()
    {
        var summary = await RunAsync("2026-10");

        Assert.Equal(4, summary.GetProperty("customers").GetInt32());
        Assert.Equal(3, summary.GetProperty("graded").GetInt32());
        Assert.Equal(1, summary.GetProperty("skippedLost").GetInt32());
        Assert.Equal(3, summary.GetProperty("changed").GetInt32());
        Assert.Equal(3, summary.GetProperty("gradesPublished").GetInt32());
        Assert.Equal(2, summary.GetProperty("limitRequestsFiled").GetInt32());
        Assert.Equal("v2", summary.String("modelVersion"));
        Assert.Equal("2025-11-01", summary.String("windowFrom"));
        Assert.Equal("2026-10-31", summary.String("windowTo"));
        Assert.Equal(1, summary.GetProperty("byGrade").GetProperty("A").GetInt32());
        Assert.Equal(1, summary.GetProperty("byGrade").GetProperty("D").GetInt32());
        Assert.Equal(1, summary.GetProperty("byGrade").GetProperty("E").GetInt32());

        var events = new Dictionary<Guid, JsonElement>();
        while (events.Count < 3)
        {
            var message = (await branch.Graded.NextAsync(m => m.GetProperty("branchId").GetString() == "gr")).Message;
            events.Add(message.GetProperty("customerId").GetGuid(), message);
        }
        Assert.DoesNotContain(branch.Lost, events.Keys);

        // Leader: ratio 10,000.00 / 8,333.33 = 1.2000 → 30; 108,000 / 120,000 = 0.9 → 36; scorecard 85 → 25.50. 91.50, A.
        var leader = events[branch.Leader];
        Assert.Equal(91.50m, D(leader, "score"));
        Assert.Equal("A", leader.String("grade"));
        Assert.Equal(JsonValueKind.Null, leader.GetProperty("previousGrade").ValueKind);
        Assert.Equal(1.5m, D(leader, "coefficient"));
        Assert.Equal(10_000.00m, D(leader, "monthlyAverageSales"));
        Assert.Equal(0.9m, D(leader, "onTimeRate"));
        Assert.Equal(15_000.00m, D(leader, "proposedLimit"));
        Assert.Equal("2026-10", leader.String("period"));
        Assert.Equal("v2", leader.String("modelVersion"));
        var explanation = leader.GetProperty("explanation").EnumerateArray().ToList();
        Assert.Equal(["salesTrend", "onTimeRate", "scorecard", "complaints"], explanation.Select(i => i.String("input")));
        Assert.Equal([30.00m, 36.00m, 25.50m, 0m], explanation.Select(i => D(i, "points"))); // no complaints in the period
        Assert.Equal(D(leader, "score"), explanation.Sum(i => D(i, "points")));

        // Decliner: 9,000 / 10,000 = 0.9 → 18; 81,000 / 108,000 = 0.75 → 30; no scorecard, 60 counted → 18. 66.00, D.
        Assert.Equal(66.00m, D(events[branch.Decliner], "score"));
        Assert.Equal("D", events[branch.Decliner].String("grade"));
        Assert.Equal(4_500.00m, D(events[branch.Decliner], "proposedLimit"));
        // Idle: no sales in either period → 0; nothing fell due → 40; no scorecard → 18. 58.00, E; limit 0, no request.
        Assert.Equal(58.00m, D(events[branch.Idle], "score"));
        Assert.False(events[branch.Idle].GetProperty("onTimeRateMeasured").GetBoolean());

        var requests = await Credit.QueryAsync(db => db.LimitRequests.AsNoTracking().OrderBy(r => r.ProposedLimit).ToListAsync());
        Assert.Equal([(branch.Decliner, 4_500.00m), (branch.Leader, 15_000.00m)], requests.Select(r => (r.CustomerId, r.ProposedLimit)));
        Assert.All(requests, r => Assert.Equal(Crm.Credit.Model.LimitRequestSource.Grading, r.Source));
        Assert.All(requests, r => Assert.Equal("2026-10", r.GradingPeriod));
        Assert.Contains("91.50", requests[1].Reason);
    }

    [Fact]
    public async Task T2_the_explained_grade_is_read_back_and_adds_up()
    {
        await GradedOnceAsync();

        using var rep = Credit.As("rep-1", "gr", "sales-rep");
        var view = await (await rep.GetAsync($"/api/credit/grades/{branch.Leader}")).JsonAsync(HttpStatusCode.OK);

        var current = view.GetProperty("current");
        Assert.Equal("A", current.String("grade"));
        Assert.Equal("2026-10", current.String("period"));
        Assert.Equal("v2", current.String("modelVersion"));
        var inputs = current.GetProperty("explanation").EnumerateArray().ToList();
        Assert.Equal(current.Decimal("score"), inputs.Sum(i => i.Decimal("points")));
        Assert.All(inputs, i => Assert.False(string.IsNullOrEmpty(i.String("note"))));
        Assert.Equal(100m, inputs.Sum(i => i.Decimal("maxPoints")));
        Assert.Single(view.GetProperty("history").EnumerateArray());

        var account = await (await rep.GetAsync($"/api/credit/accounts/{branch.Leader}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("A", account.String("grade"));
        Assert.Equal(91.50m, account.Decimal("score"));
    }

    [Fact]
    public async Task T3_a_second_run_changes_nothing_and_publishes_nothing()
    {
        await GradedOnceAsync();
        var before = await SnapshotAsync();

        var summary = await RunAsync("2026-10");

        Assert.Equal(0, summary.GetProperty("changed").GetInt32());
        Assert.Equal(3, summary.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, summary.GetProperty("gradesPublished").GetInt32());
        Assert.Equal(0, summary.GetProperty("limitRequestsFiled").GetInt32());
        Assert.Equal(before, await SnapshotAsync());
        // Events leave the outbox in order: once a later grade from another branch arrives, nothing from this run can follow.
        var sentinel = await Credit.RegisterCustomerAsync("zz");
        await RunAsync("2026-10", "zz");
        var received = new List<JsonElement>();
        while (true)
        {
            var message = (await branch.Graded.NextAsync(_ => true)).Message;
            if (message.GetProperty("customerId").GetGuid() == sentinel) break;
            received.Add(message);
        }
        Assert.Empty(received);
    }

    [Fact]
    public async Task T4_a_corrected_input_regrades_only_that_customer_and_names_its_previous_grade()
    {
        await GradedOnceAsync();
        await CorrectDeclinersLatePaymentAsync();

        var summary = await RunAsync("2026-10");

        Assert.Equal(1, summary.GetProperty("changed").GetInt32());
        Assert.Equal(1, summary.GetProperty("gradesPublished").GetInt32());
        Assert.Equal(0, summary.GetProperty("limitRequestsFiled").GetInt32()); // its request of 4,500 is still open
        var regraded = (await branch.Graded.NextAsync(m => m.GetProperty("branchId").GetString() == "gr")).Message;
        Assert.Equal(branch.Decliner, regraded.GetProperty("customerId").GetGuid());
        Assert.Equal(76.00m, D(regraded, "score")); // 18 + 40 + 18
        Assert.Equal("C", regraded.String("grade"));
        Assert.Equal("D", regraded.String("previousGrade"));
        Assert.Equal(66.00m, D(regraded, "previousScore"));
        Assert.Equal(9_000.00m, D(regraded, "proposedLimit"));
    }

    [Fact]
    public async Task T5_the_summary_table_lists_the_period_for_managers_as_json_and_csv()
    {
        await GradedOnceAsync();
        await CorrectDeclinersLatePaymentAsync();
        await RunAsync("2026-10");

        using var manager = Manager();
        var table = await (await manager.GetAsync("/api/credit/grades?period=2026-10")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("2026-10", table.String("period"));
        Assert.Equal("sam-gr", table.String("preparedBy"));
        Assert.Equal(3, table.GetProperty("total").GetInt32());
        var rows = table.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["GR-0001", "GR-0002", "GR-0004"], rows.Select(r => r.String("code")));
        var decliner = rows[1];
        Assert.Equal(76.00m, decliner.Decimal("score"));
        Assert.Equal(1.0m, decliner.Decimal("coefficient"));
        Assert.Equal(9_000.00m, decliner.Decimal("monthlyAverageSales"));
        Assert.Equal(1m, decliner.Decimal("onTimeRate"));
        Assert.Equal("C", decliner.String("grade"));
        Assert.Equal(0m, decliner.Decimal("creditLimit"));
        Assert.Equal(9_000.00m, decliner.Decimal("proposedLimit"));
        Assert.Contains("等级 D → C", decliner.String("remarks"));
        Assert.Contains("awaiting sales-admin-manager", decliner.String("remarks"));
        Assert.Contains("淘汰客户", rows[2].String("remarks"));

        var paged = await (await manager.GetAsync("/api/credit/grades?period=2026-10&pageSize=1&page=2")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("GR-0002", Assert.Single(paged.GetProperty("items").EnumerateArray()).String("code"));
        var onlyA = await (await manager.GetAsync("/api/credit/grades?period=2026-10&grade=A")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, onlyA.GetProperty("total").GetInt32());

        var csv = await manager.GetAsync("/api/credit/grades/export?period=2026-10");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("分公司 Branch,客户编号 Code,客户名称 Customer,业务员 Rep,得分 Score", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("gr,GR-0001,领先商贸,rep-1,91.50,1.5,10000.00,0.9000,A,0.00,15000.00,", lines[1]);

        await (await manager.GetAsync("/api/credit/grades?period=2026-13")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await manager.GetAsync("/api/credit/grades?grade=F")).ProblemAsync(HttpStatusCode.BadRequest);
        using var rep = Credit.As("rep-1", "gr", "sales-rep");
        await (await rep.GetAsync("/api/credit/grades?period=2026-10")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await rep.GetAsync("/api/credit/grades/export?period=2026-10")).ProblemAsync(HttpStatusCode.Forbidden);
        using var otherBranch = Credit.As("sam-zz", "zz", "sales-admin-manager");
        var theirs = await (await otherBranch.GetAsync("/api/credit/grades?period=2026-10")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), r => r.String("branchId") == "gr");
    }

    [Fact]
    public async Task T6_runs_move_forward_and_only_the_sales_administration_manager_runs_them()
    {
        await GradedOnceAsync();

        using var rep = Credit.As("rep-1", "gr", "sales-rep");
        await (await rep.Post("/api/credit/grading/runs", new { period = "2026-11" })).ProblemAsync(HttpStatusCode.Forbidden);
        using var manager = Manager();
        await (await manager.Post("/api/credit/grading/runs", new { period = "2026-1" })).ProblemAsync(HttpStatusCode.BadRequest);
        var future = await (await manager.Post("/api/credit/grading/runs", new { period = "2026-12" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("grading-period-not-started", future.String("rule"));

        await RunAsync("2026-11");
        var closed = await (await manager.Post("/api/credit/grading/runs", new { period = "2026-10" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("grading-period-superseded", closed.String("rule"));

        var history = await (await rep.GetAsync($"/api/credit/grades/{branch.Leader}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["2026-11", "2026-10"], history.GetProperty("history").EnumerateArray().Select(h => h.String("period")));
        Assert.Equal("2026-11", history.GetProperty("current").String("period"));
    }

    [Fact]
    public async Task T7_a_run_is_a_resource_of_its_branch_showing_state_progress_and_summary()
    {
        using var manager = Manager();
        var response = await manager.Post("/api/credit/grading/runs", new { period = "2026-11" });
        var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
        Assert.Contains(accepted.String("state"), new[] { "queued", "running", "completed" });
        Assert.Equal("gr", accepted.String("branchId"));
        Assert.Equal("2026-11", accepted.String("period"));
        var location = response.Headers.Location!;

        JsonElement run;
        do
        {
            await Task.Delay(25);
            run = await (await manager.GetAsync(location)).JsonAsync(HttpStatusCode.OK);
        } while (run.String("state") is "queued" or "running");
        Assert.Equal("completed", run.String("state"));
        var summary = run.GetProperty("summary");
        Assert.Equal(summary.GetProperty("customers").GetInt32(), run.GetProperty("progress").GetProperty("total").GetInt32());
        Assert.Equal(summary.GetProperty("graded").GetInt32(), summary.GetProperty("byGrade").EnumerateObject().Sum(g => g.Value.GetInt32()));

        // Another branch's manager does not find it, nor does anyone find a run that never was.
        using var otherBranch = Credit.As("sam-zz", "zz", "sales-admin-manager");
        await (await otherBranch.GetAsync(location)).ProblemAsync(HttpStatusCode.NotFound);
        await (await manager.GetAsync($"/api/credit/grading/runs/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<string> SnapshotAsync() => await Credit.QueryAsync(async db =>
    {
        var grades = await db.Grades.AsNoTracking().OrderBy(g => g.CustomerId).Select(g => $"{g.CustomerId}:{g.Period}:{g.Version}:{g.GradedAt.UtcTicks}:{g.Fingerprint}").ToListAsync();
        var requests = await db.LimitRequests.AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}:{r.Version}").ToListAsync();
        var runs = await db.GradingRuns.AsNoTracking().OrderBy(r => r.Period).Select(r => $"{r.BranchId}:{r.Period}:{r.Version}").ToListAsync();
        var outbox = await db.OutboxMessages.CountAsync();
        return string.Join("\n", grades.Concat(requests).Concat(runs).Append($"outbox {outbox}"));
    });
}
