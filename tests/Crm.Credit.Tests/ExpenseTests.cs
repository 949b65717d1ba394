namespace Crm.Credit.Tests;

/// <summary>Business expenses (业务费用) against the month's budget.</summary>
public sealed class ExpenseTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    [Fact]
    public async Task Each_expense_is_published_with_the_months_total_and_budget()
    {
        var customer = await credit.RegisterCustomerAsync();
        await using var expenses = await credit.SubscribeAsync("crm.expense-recorded");
        using var manager = credit.As("sam-1", "sh", "sales-admin-manager");
        using var clerk = credit.As("clerk-1", "sh", "inside-sales");

        var budget = await (await manager.Put($"/api/credit/budgets/{customer}/2026-11", new { amount = 3_000m, note = "双十一" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, budget.GetProperty("version").GetInt64());

        await (await clerk.Post("/api/credit/expenses", new { customerId = customer, date = "2026-11-02", category = "promotion", amount = 1_800m, description = "堆头" })).JsonAsync(HttpStatusCode.Created);
        var second = await (await clerk.Post("/api/credit/expenses", new { customerId = customer, date = "2026-11-09", category = "advertising", amount = 1_500.50m })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(3_300.50m, second.Decimal("monthTotal"));
        Assert.True(second.GetProperty("overBudget").GetBoolean());

        var first = (await expenses.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer)).Message;
        Assert.Equal(1800m, first.Money("monthTotal"));
        Assert.Equal(3000m, first.Money("monthBudget"));
        Assert.Equal("promotion", first.String("category"));
        Assert.Equal("2026-11", first.String("month"));
        var next = (await expenses.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer)).Message;
        Assert.Equal(3300.50m, next.Money("monthTotal"));

        var reversal = await (await clerk.Post($"/api/credit/expenses/{second.String("id")}/reverse", new { reason = "归错客户 wrong customer" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(-1_500.50m, reversal.Decimal("amount"));
        Assert.Equal(1_800m, reversal.Decimal("monthTotal"));
        await (await clerk.Post($"/api/credit/expenses/{second.String("id")}/reverse", new { reason = "again" })).ProblemAsync(HttpStatusCode.Conflict);
        var reversed = (await expenses.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer && m.GetProperty("reversesExpenseId").ValueKind != System.Text.Json.JsonValueKind.Null)).Message;
        Assert.Equal(1800m, reversed.Money("monthTotal"));

        var month = await (await clerk.GetAsync($"/api/credit/budgets/{customer}/2026-11")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1_200m, month.Decimal("remaining"));
        Assert.Equal(3, month.GetProperty("expenseCount").GetInt32());
        var list = await (await clerk.GetAsync($"/api/credit/expenses?customerId={customer}&month=2026-11")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Budgets_keep_their_version_and_expenses_are_checked()
    {
        var customer = await credit.RegisterCustomerAsync();
        using var manager = credit.As("sam-1", "sh", "sales-admin-manager");
        using var clerk = credit.As("clerk-1", "sh", "inside-sales");
        var uri = $"/api/credit/budgets/{customer}/2026-10";

        await (await manager.Put(uri, new { amount = 1_000m })).JsonAsync(HttpStatusCode.OK);
        await (await clerk.Post("/api/credit/expenses", new { customerId = customer, date = "2026-10-02", category = "support", amount = 10m })).JsonAsync(HttpStatusCode.Created);
        await (await manager.Put(uri, new { amount = 2_000m })).ProblemAsync(HttpStatusCode.BadRequest); // a budget exists: send its version
        var updated = await (await manager.Put(uri, new { amount = 2_000m, version = 1 })).JsonAsync(HttpStatusCode.OK); // an expense in between does not make it stale
        Assert.Equal(2, updated.GetProperty("version").GetInt64());
        await (await manager.Put(uri, new { amount = 3_000m, version = 1 })).ProblemAsync(HttpStatusCode.Conflict);

        await (await clerk.Put(uri, new { amount = 5m })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.Post("/api/credit/expenses", new { customerId = customer, date = "2026-10-02", category = "support", amount = 10m })).ProblemAsync(HttpStatusCode.Forbidden);
        var invalid = await (await clerk.Post("/api/credit/expenses", new { customerId = customer, date = "2026-12-01", category = "travel", amount = -1m })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("category", out _));
        var invalidAmount = await (await clerk.Post("/api/credit/expenses", new { customerId = customer, date = "2026-12-01", category = "support", amount = -1m })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(invalidAmount.GetProperty("errors").TryGetProperty("date", out _));
        Assert.True(invalidAmount.GetProperty("errors").TryGetProperty("amount", out _));
    }

    [Fact]
    public async Task Setting_or_changing_a_budget_is_published_with_the_previous_budget_and_the_months_total()
    {
        var customer = await credit.RegisterCustomerAsync();
        await using var budgets = await credit.SubscribeAsync("crm.budget-changed");
        using var manager = credit.As("sam-budget", "sh", "sales-admin-manager");
        using var clerk = credit.As("clerk-1", "sh", "inside-sales");
        var uri = $"/api/credit/budgets/{customer}/2026-09";

        await (await manager.Put(uri, new { amount = 1_000m })).JsonAsync(HttpStatusCode.OK);
        var first = (await budgets.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer)).Message;
        Assert.Equal(("2026-09", 1000m, "sam-budget", "sh"), (first.String("month"), first.Money("budget"), first.String("changedBy"), first.String("branchId")));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, first.GetProperty("previousBudget").ValueKind);
        Assert.Equal(0m, first.Money("monthTotal"));

        await (await clerk.Post("/api/credit/expenses", new { customerId = customer, date = "2026-09-03", category = "support", amount = 1_200m })).JsonAsync(HttpStatusCode.Created);
        await (await manager.Put(uri, new { amount = 1_500m, version = 1 })).JsonAsync(HttpStatusCode.OK);
        var raised = (await budgets.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer && m.Money("budget") == 1500m)).Message;
        Assert.Equal((1000m, 1200m), (raised.Money("previousBudget"), raised.Money("monthTotal")));
    }
}
