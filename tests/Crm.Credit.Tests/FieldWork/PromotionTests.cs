namespace Crm.Credit.Tests.FieldWork;

/// <summary>
/// Promotions (促销计划): approved by a manager other than the requester before they run, spent against only while
/// approved, in their period and within budget (refused with the rule named otherwise), assessed after on
/// hand-worked figures.
/// </summary>
public sealed class PromotionTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    private static object Plan(Guid customer, string startsOn = "2026-10-01", string endsOn = "2026-10-10", decimal budget = 3_000m, decimal? expectedExtraSales = null) => new
    {
        customerId = customer, kind = "promotion", title = "国庆堆头促销", startsOn, endsOn, budget,
        expectedEffect = "国庆期间洗衣粉销量翻倍", expectedExtraSales,
    };

    private static object Expense(Guid customer, string date, decimal amount, Guid? promotion) =>
        new { customerId = customer, date, category = "promotion", amount, promotionId = promotion };

    /// <summary>
    /// Period 2026-10-01…10-10 (10 days); baseline 2026-09-21…09-30.
    /// <code>
    /// date        product  quantity  amount    counts as
    /// 2026-09-20  洗衣粉     10      1,000.00  neither (before the baseline)
    /// 2026-09-22  洗衣粉     20      2,000.00  baseline
    /// 2026-09-29  香皂        5        500.00  baseline
    /// 2026-10-02  洗衣粉     40      4,000.00  period
    /// 2026-10-05  洗衣粉      9        999.00  period, reversed (net 0)
    /// 2026-10-09  香皂       15      1,500.00  period
    /// 2026-10-11  洗衣粉      7        700.00  neither (after the period)
    /// baseline 2,500.00 / 25; period 5,500.00 / 55; extra 3,000.00 / 30; growth 3,000 / 2,500 = 1.2
    /// cost: expenses 1,200.00 + 600.00 = 1,800.00, plus the company's 75 % of an 800.00 vehicle = 600.00 → 2,400.00
    /// cost per extra unit 2,400 / 30 = 80.00; per extra ¥ 2,400 / 3,000 = 0.8; extra ¥ per ¥ spent 1.25;
    /// expected extra sales 2,500.00 → met 1.2
    /// </code>
    /// </summary>
    [Fact]
    public async Task The_assessment_matches_the_hand_worked_figures()
    {
        var customer = await credit.RegisterCustomerAsync("pa", owner: "rep-pa");
        using (var clerk = new Clerk(credit, "pa"))
        {
            await clerk.SaleAsync(customer, 1_000m, "2026-09-20", "2026-10-20", "洗衣粉", 10);
            await clerk.SaleAsync(customer, 2_000m, "2026-09-22", "2026-10-22", "洗衣粉", 20);
            await clerk.SaleAsync(customer, 500m, "2026-09-29", "2026-10-29", "香皂", 5);
            await clerk.SaleAsync(customer, 4_000m, "2026-10-02", "2026-11-02", "洗衣粉", 40);
            var wrong = await clerk.SaleAsync(customer, 999m, "2026-10-05", "2026-11-05", "洗衣粉", 9);
            await clerk.ReverseAsync("sale", wrong, "录错 entered by mistake");
            await clerk.SaleAsync(customer, 1_500m, "2026-10-09", "2026-11-09", "香皂", 15);
            await clerk.SaleAsync(customer, 700m, "2026-10-11", "2026-11-11", "洗衣粉", 7);
        }
        using var rep = credit.As("rep-pa", "pa", "sales-rep");
        using var manager = credit.As("mm-pa", "pa", "marketing-manager");
        using var inside = credit.As("clerk-pa", "pa", "inside-sales");
        var plan = await (await rep.Post("/api/credit/promotions", Plan(customer, expectedExtraSales: 2_500m))).JsonAsync(HttpStatusCode.Created);
        var id = plan.GetProperty("id").GetGuid();
        await (await manager.Post($"/api/credit/promotions/{id}/approve", new { comment = "同意" })).JsonAsync(HttpStatusCode.OK);
        await (await inside.Post("/api/credit/expenses", Expense(customer, "2026-10-01", 1_200m, id))).JsonAsync(HttpStatusCode.Created);
        await (await inside.Post("/api/credit/expenses", Expense(customer, "2026-10-08", 600m, id))).JsonAsync(HttpStatusCode.Created);
        await (await manager.Post("/api/credit/support-allocations", new
        {
            customerId = customer, kind = "vehicle", description = "配送车一辆 delivery van", from = "2026-10-01", to = "2026-10-10",
            cost = 800m, companyShare = 0.75m, promotionId = id,
        })).JsonAsync(HttpStatusCode.Created);

        var assessment = await (await rep.GetAsync($"/api/credit/promotions/{id}/assessment")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("2026-09-21", "2026-09-30", 10), (assessment.String("baselineFrom"), assessment.String("baselineTo"), assessment.GetProperty("days").GetInt32()));
        Assert.Equal((2_500m, 25m), (assessment.GetProperty("baseline").Decimal("amount"), assessment.GetProperty("baseline").Decimal("quantity")));
        Assert.Equal((5_500m, 55m), (assessment.GetProperty("period").Decimal("amount"), assessment.GetProperty("period").Decimal("quantity")));
        Assert.Equal((3_000m, 30m, 1.2m), (assessment.Decimal("extraSales"), assessment.Decimal("extraQuantity"), assessment.Decimal("growth")));
        Assert.Equal((1_800m, 600m, 2_400m), (assessment.Decimal("expensesSpent"), assessment.Decimal("supportCost"), assessment.Decimal("cost")));
        Assert.Equal((80m, 0.8m, 1.25m, 1.2m),
            (assessment.Decimal("costPerExtraUnit"), assessment.Decimal("costPerExtraYuan"), assessment.Decimal("extraSalesPerYuanSpent"), assessment.Decimal("expectationMet")));
        Assert.Equal(
            [("洗衣粉", 2_000m, 4_000m), ("香皂", 500m, 1_500m)],
            assessment.GetProperty("byProduct").EnumerateArray().Select(p => (p.String("product")!, p.Decimal("baselineAmount"), p.Decimal("periodAmount"))).ToList());

        // The plan and its support stay in the customer's file.
        var file = await (await rep.GetAsync($"/api/credit/dealer-support/{customer}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1), (file.GetProperty("promotions").GetArrayLength(), file.GetProperty("supportAllocations").GetArrayLength()));
        var allocation = file.GetProperty("supportAllocations")[0];
        Assert.Equal((600m, 200m), (allocation.Decimal("companyCost"), allocation.Decimal("customerCost")));
        Assert.Equal((3_000m, 1_800m), (file.Decimal("approvedBudget"), file.Decimal("promotionSpent")));
    }

    [Fact]
    public async Task Expenses_against_a_plan_are_refused_with_the_rule_named_unless_approved_in_period_and_within_budget()
    {
        var customer = await credit.RegisterCustomerAsync("pb", owner: "rep-pb");
        var other = await credit.RegisterCustomerAsync("pb", owner: "rep-pb");
        using var rep = credit.As("rep-pb", "pb", "sales-rep");
        using var manager = credit.As("mm-pb", "pb", "marketing-manager");
        using var inside = credit.As("clerk-pb", "pb", "inside-sales");
        await using var approvals = await credit.SubscribeAsync("crm.promotion-approved");
        await using var expenses = await credit.SubscribeAsync("crm.expense-recorded");

        var id = (await (await rep.Post("/api/credit/promotions", Plan(customer, "2026-11-01", "2026-11-30", 1_000m))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        async Task<string?> Refused(object expense) =>
            (await (await inside.Post("/api/credit/expenses", expense)).ProblemAsync(HttpStatusCode.UnprocessableEntity)).String("detail");

        Assert.Contains("promotion-not-approved", await Refused(Expense(customer, "2026-11-02", 100m, id)));
        Assert.Equal(0, (await (await inside.GetAsync($"/api/credit/budgets/{customer}/2026-11")).JsonAsync(HttpStatusCode.OK)).GetProperty("expenseCount").GetInt32());

        await (await manager.Post($"/api/credit/promotions/{id}/approve", new { version = 7 })).ProblemAsync(HttpStatusCode.Conflict);
        var approved = await (await manager.Post($"/api/credit/promotions/{id}/approve", new { version = 1 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("approved", 2L), (approved.String("state"), approved.GetProperty("version").GetInt64()));
        await (await manager.Post($"/api/credit/promotions/{id}/reject", new { comment = "改主意" })).ProblemAsync(HttpStatusCode.Conflict);
        var announced = (await approvals.NextAsync(m => m.GetProperty("promotionId").GetGuid() == id)).Message;
        Assert.Equal((customer, "promotion", 1_000m, "mm-pb", "rep-pb"),
            (announced.GetProperty("customerId").GetGuid(), announced.String("kind"), announced.Money("budget"), announced.String("approvedBy"), announced.String("requestedBy")));

        Assert.Contains("promotion-out-of-period", await Refused(Expense(customer, "2026-10-31", 100m, id)));
        Assert.Contains("promotion-other-customer", await Refused(Expense(other, "2026-11-02", 100m, id)));
        var spent = await (await inside.Post("/api/credit/expenses", Expense(customer, "2026-11-02", 700m, id))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(id, spent.GetProperty("promotionId").GetGuid());
        Assert.Contains("promotion-budget-exhausted", await Refused(Expense(customer, "2026-11-03", 300.01m, id)));
        await (await inside.Post("/api/credit/expenses", Expense(customer, "2026-11-03", 300m, id))).JsonAsync(HttpStatusCode.Created);
        var published = (await expenses.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer)).Message;
        Assert.Equal(id, published.GetProperty("promotionId").GetGuid());

        var full = await (await rep.GetAsync($"/api/credit/promotions/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1_000m, 0m, 2), (full.Decimal("spent"), full.Decimal("remaining"), full.GetProperty("expenseCount").GetInt32()));
        // A reversal gives the budget back.
        await (await inside.Post($"/api/credit/expenses/{spent.String("id")}/reverse", new { reason = "重复录入" })).JsonAsync(HttpStatusCode.Created);
        var after = await (await rep.GetAsync($"/api/credit/promotions/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((300m, 700m), (after.Decimal("spent"), after.Decimal("remaining")));
        // Not over yet: no assessment.
        await (await manager.GetAsync($"/api/credit/promotions/{id}/assessment")).ProblemAsync(HttpStatusCode.Conflict);

        // A rejected plan takes no expense either; nor is it assessed.
        var rejected = (await (await rep.Post("/api/credit/promotions", Plan(customer, "2026-10-01", "2026-10-31", 500m))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await manager.Post($"/api/credit/promotions/{rejected}/reject", new { })).ProblemAsync(HttpStatusCode.BadRequest); // a rejection says why
        Assert.Equal("rejected", (await (await manager.Post($"/api/credit/promotions/{rejected}/reject", new { comment = "预算不足" })).JsonAsync(HttpStatusCode.OK)).String("state"));
        Assert.Contains("promotion-not-approved", await Refused(Expense(customer, "2026-10-05", 10m, rejected)));
        await (await manager.GetAsync($"/api/credit/promotions/{rejected}/assessment")).ProblemAsync(HttpStatusCode.Conflict);
        var list = await (await rep.GetAsync($"/api/credit/promotions?customerId={customer}&state=rejected")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Expenses_at_once_never_take_a_plan_beyond_its_budget()
    {
        var customer = await credit.RegisterCustomerAsync("pd", owner: "rep-pd");
        using var rep = credit.As("rep-pd", "pd", "sales-rep");
        using var manager = credit.As("mm-pd", "pd", "marketing-manager");
        var id = (await (await rep.Post("/api/credit/promotions", Plan(customer, "2026-11-01", "2026-11-30", 1_000m))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await manager.Post($"/api/credit/promotions/{id}/approve", new { })).JsonAsync(HttpStatusCode.OK);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var inside = credit.As("clerk-pd", "pd", "inside-sales");
            return (await inside.Post("/api/credit/expenses", Expense(customer, "2026-11-05", 300m, id))).StatusCode;
        }));
        Assert.Equal(3, responses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(2, responses.Count(s => s == HttpStatusCode.UnprocessableEntity));
        var plan = await (await rep.GetAsync($"/api/credit/promotions/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((900m, 100m, 3), (plan.Decimal("spent"), plan.Decimal("remaining"), plan.GetProperty("expenseCount").GetInt32()));
    }

    [Fact]
    public async Task The_requester_cannot_decide_their_own_plan_and_another_branch_sees_none_of_it()
    {
        var customer = await credit.RegisterCustomerAsync("pc", owner: "rep-pc");
        using var manager = credit.As("mm-pc", "pc", "marketing-manager");
        using var otherManager = credit.As("sam-pc", "pc", "sales-admin-manager");
        using var meter = new CreditMeter(credit);
        var id = (await (await manager.Post("/api/credit/promotions", Plan(customer, budget: 100m))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var own = await (await manager.Post($"/api/credit/promotions/{id}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("promotion-own-request", own.String("detail"));
        await (await manager.Post($"/api/credit/promotions/{id}/reject", new { comment = "撤回" })).ProblemAsync(HttpStatusCode.Forbidden);

        using var beijing = credit.As("mm-bj", "bj", "marketing-manager");
        await (await beijing.Post($"/api/credit/promotions/{id}/approve", new { })).ProblemAsync(HttpStatusCode.NotFound);
        await (await beijing.GetAsync($"/api/credit/promotions/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await beijing.GetAsync($"/api/credit/promotions/{id}/assessment")).ProblemAsync(HttpStatusCode.NotFound);
        await (await beijing.GetAsync($"/api/credit/dealer-support/{customer}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await beijing.Post("/api/credit/promotions", Plan(customer))).ProblemAsync(HttpStatusCode.NotFound);
        await (await beijing.Post("/api/credit/support-allocations", new { customerId = customer, kind = "staff", description = "导购", from = "2026-11-01", to = "2026-11-30", cost = 1m, companyShare = 1m }))
            .ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await (await beijing.GetAsync("/api/credit/promotions")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32());

        using var otherRep = credit.As("rep-x", "pc", "sales-rep");
        await (await otherRep.Post("/api/credit/promotions", Plan(customer))).ProblemAsync(HttpStatusCode.Forbidden); // not the owner

        await (await otherManager.Post($"/api/credit/promotions/{id}/approve", new { comment = "同意" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, meter.Sum("crm.credit.promotions.approved", "crm.promotion.kind", "promotion"));
        Assert.Equal(1, meter.Sum("crm.credit.promotions.requested"));

        var invalid = await (await otherManager.Post("/api/credit/promotions", new { customerId = customer, kind = "advertising", startsOn = "2026-12-10", endsOn = "2026-12-01", budget = 0.001m }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        Assert.Equal(["budget", "endsOn", "title"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList());
        await (await otherManager.Post("/api/credit/promotions", new { customerId = customer, kind = "party", title = "x", startsOn = "2026-12-01", endsOn = "2026-12-02", budget = 1m }))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }
}
