namespace Crm.Credit.Apis;

public static class ExpensesApi
{
    public static RouteGroupBuilder MapExpensesApi(this RouteGroupBuilder api)
    {
        var expenses = api.MapGroup("").WithTags("Business expenses 业务费用");

        expenses.Put("/budgets/{customerId:guid}/{month}", SetBudget, "Set a customer's expense budget for a month (费用预算)", 400, 404, 409, 422).ForRoles(CrmRoles.Managers);

        expenses.Get("/budgets/{customerId:guid}/{month}", GetBudget, "A month's budget, what was spent and what remains", 400, 404);

        expenses.Post("/expenses", RecordExpense, "Record a business expense (业务费用: promotion 促销, advertising 广告, support 支持, other); with promotionId it is spent against an approved plan, or refused (422) with the rule named", 400, 404, 409, 422).ForRoles(CrmRoles.InsideSales);

        expenses.Post("/expenses/{id:guid}/reverse", ReverseExpense, "Cancel an expense with a reversing entry (冲销)", 400, 404, 409, 422).ForRoles(CrmRoles.InsideSales, CrmRoles.SalesAdminManager);

        expenses.Get("/expenses", ListExpenses, "A customer's expenses, optionally of one month; paged", 400, 404);

        return api;
    }

    public static async Task<Ok<ExpenseMonthView>> SetBudget(
        Guid customerId, string month, SetBudgetRequest request, HttpRequest http, ExpenseService expenses, CancellationToken cancellationToken)
    {
        var budgetMonth = GradingApi.ParseMonth("month", month, required: true)!.Value;
        new ValidationErrors()
            .Amount("amount", request.Amount, allowZero: true)
            .MaxLength("note", request.Note, ExpenseMonth.NoteMaxLength)
            .ThrowIfAny();
        long? Version() => ExpectedVersion.FromOptional(http, request.Version);
        return TypedResults.Ok(await expenses.SetBudgetAsync(customerId, budgetMonth, request, Version, cancellationToken));
    }

    public static async Task<Ok<ExpenseMonthView>> GetBudget(Guid customerId, string month, ExpenseService expenses, CancellationToken cancellationToken) =>
        TypedResults.Ok(await expenses.GetMonthAsync(customerId, GradingApi.ParseMonth("month", month, required: true)!.Value, cancellationToken));

    public static async Task<Created<ExpenseView>> RecordExpense(
        RecordExpenseRequest request, ExpenseService expenses, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Required("customerId", request.CustomerId)
            .BookingDate("date", request.Date, calendar.Today)
            .Required("category", request.Category, "promotion, advertising, support or other")
            .Amount("amount", request.Amount)
            .MaxLength("description", request.Description, Expense.DescriptionMaxLength)
            .ThrowIfAny();
        var view = await expenses.RecordAsync(request, cancellationToken);
        return TypedResults.Created($"/api/credit/expenses?customerId={view.CustomerId}&month={view.Month}", view);
    }

    public static async Task<Created<ExpenseView>> ReverseExpense(Guid id, ReverseEntryRequest request, ExpenseService expenses, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("reason", request.Reason, Expense.DescriptionMaxLength).ThrowIfAny();
        var view = await expenses.ReverseAsync(id, request.Reason!, cancellationToken);
        return TypedResults.Created($"/api/credit/expenses?customerId={view.CustomerId}&month={view.Month}", view);
    }

    public static async Task<Ok<Paged<ExpenseView>>> ListExpenses(
        Guid? customerId, string? month, int? page, int? pageSize, ExpenseService expenses, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("customerId", customerId).ThrowIfAny();
        return TypedResults.Ok(await expenses.ListAsync(customerId!.Value, GradingApi.ParseMonth("month", month, required: false),
            PageRequest.From(page, pageSize), cancellationToken));
    }
}

public sealed record SetBudgetRequest(decimal? Amount, string? Note, long? Version);

public sealed record RecordExpenseRequest(Guid? CustomerId, DateOnly? Date, ExpenseCategory? Category, decimal? Amount, string? Description, Guid? PromotionId = null);

public sealed record ExpenseMonthView(
    Guid CustomerId, string Month, decimal? Budget, decimal Spent, decimal? Remaining, bool OverBudget, int ExpenseCount,
    string? Note, long Version, DateTimeOffset? BudgetSetAt, string? BudgetSetBy)
{
    public static ExpenseMonthView From(ExpenseMonth m) => new(
        m.CustomerId, m.Month, m.Budget, m.Spent, m.Remaining, m.IsOverBudget, m.ExpenseCount,
        m.BudgetNote, m.BudgetVersion, m.BudgetSetAt, m.BudgetSetBy);
}

public sealed record ExpenseView(
    Guid Id, Guid CustomerId, DateOnly Date, string Month, ExpenseCategory Category, decimal Amount, string? Description,
    Guid? ReversesExpenseId, decimal MonthTotal, decimal? MonthBudget, bool OverBudget, DateTimeOffset RecordedAt, string RecordedBy)
{
    /// <summary>The promotion plan the expense is spent against (促销计划), if any.</summary>
    public Guid? PromotionId { get; init; }

    public static ExpenseView From(Expense e, ExpenseMonth month) => new(
        e.Id, e.CustomerId, e.Date, e.Month, e.Category, e.Amount, e.Description, e.ReversesExpenseId,
        month.Spent, month.Budget, month.IsOverBudget, e.RecordedAt, e.RecordedBy) { PromotionId = e.PromotionId };
}
