using Crm.Messaging.Outbox;

namespace Crm.Credit.Services;

/// <summary>Business expenses (业务费用) per customer and month, against the month's budget.</summary>
public sealed class ExpenseService(CreditDbContext db, CustomerDirectory customers, ICurrentUser user, TimeProvider clock, CreditTelemetry telemetry)
{
    public async Task<ExpenseMonthView> SetBudgetAsync(
        Guid customerId, YearMonth month, SetBudgetRequest request, Func<long?> expectedVersion, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.WriteAsync(async ct =>
        {
            var customer = await customers.ForWriteAsync(customerId, ct);
            var expenseMonth = await MonthOfAsync(customer, month, ct);
            var expected = expectedVersion();
            if (expected is null && expenseMonth.BudgetVersion > 0)
                throw new RequestValidationException("version",
                    $"A budget for {month} exists (version {expenseMonth.BudgetVersion}); send the version you read so that no one else's budget is overwritten.");
            var previous = expenseMonth.Budget;
            expenseMonth.SetBudget(request.Amount!.Value, request.Note, expected ?? 0, now, user.Id);
            // Others judge expenses against the budget (the expense-over-budget alert): a new budget is news to them.
            db.AddIntegrationEvent(new BudgetChanged
            {
                Month = expenseMonth.Month,
                Budget = expenseMonth.Budget,
                PreviousBudget = previous,
                MonthTotal = expenseMonth.Spent,
                ChangedBy = user.Id,
            }.About(expenseMonth.BranchId, expenseMonth.CustomerId, now), clock);
            await db.SaveChangesAsync(ct);
            return ExpenseMonthView.From(expenseMonth);
        }, cancellationToken);
    }

    public async Task<ExpenseMonthView> GetMonthAsync(Guid customerId, YearMonth month, CancellationToken cancellationToken)
    {
        var customer = await customers.ForReadAsync(customerId, cancellationToken);
        var monthText = month.ToString();
        var expenseMonth = await db.ExpenseMonths.AsNoTracking().FirstOrDefaultAsync(m => m.CustomerId == customerId && m.Month == monthText, cancellationToken);
        return ExpenseMonthView.From(expenseMonth ?? ExpenseMonth.Open(customer, month));
    }

    public async Task<ExpenseView> RecordAsync(RecordExpenseRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var view = await db.WriteAsync(async ct =>
        {
            var customer = await customers.ForWriteAsync(request.CustomerId!.Value, ct);
            var expenseMonth = await MonthOfAsync(customer, YearMonth.Of(request.Date!.Value), ct);
            var expense = Expense.Record(expenseMonth, request.Date.Value, request.Category!.Value, request.Amount!.Value, request.Description, now, user.Id);
            if (request.PromotionId is { } promotionId) expense.ChargeTo(await PromotionAsync(promotionId, ct));
            return await SaveAsync(expense, expenseMonth, ct);
        }, cancellationToken);
        telemetry.ExpenseRecorded(view.Category);
        return view;
    }

    public async Task<ExpenseView> ReverseAsync(Guid expenseId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.WriteAsync(async ct =>
        {
            var original = await db.Expenses.AsNoTracking().FirstOrDefaultAsync(e => e.Id == expenseId, ct) ?? throw new NotFoundException("expense", expenseId);
            var customer = await customers.ForWriteAsync(original.CustomerId, ct);
            var expenseMonth = await MonthOfAsync(customer, YearMonth.Of(original.Date), ct);
            var alreadyReversed = await db.Expenses.AnyAsync(e => e.ReversesExpenseId == expenseId, ct);
            var reversal = original.Reverse(expenseMonth, alreadyReversed, reason, now, user.Id);
            if (reversal.PromotionId is { } promotionId) (await PromotionAsync(promotionId, ct)).Spend(reversal.CustomerId, reversal.Date, reversal.Amount);
            return await SaveAsync(reversal, expenseMonth, ct);
        }, cancellationToken);
    }

    public async Task<Paged<ExpenseView>> ListAsync(Guid customerId, YearMonth? month, PageRequest page, CancellationToken cancellationToken)
    {
        await customers.ForReadAsync(customerId, cancellationToken);
        var query = db.Expenses.AsNoTracking().Where(e => e.CustomerId == customerId);
        if (month is { } only)
        {
            var text = only.ToString();
            query = query.Where(e => e.Month == text);
        }
        var total = await query.CountAsync(cancellationToken);
        var expenses = await query.OrderByDescending(e => e.Date).ThenByDescending(e => e.RecordedAt).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        var months = expenses.Select(e => e.Month).Distinct().ToList();
        var totals = await db.ExpenseMonths.AsNoTracking().Where(m => m.CustomerId == customerId && months.Contains(m.Month))
            .ToDictionaryAsync(m => m.Month, cancellationToken);
        return Paged<ExpenseView>.Of(expenses.Select(e => ExpenseView.From(e, totals[e.Month])).ToList(), total, page);
    }

    private async Task<ExpenseView> SaveAsync(Expense expense, ExpenseMonth month, CancellationToken cancellationToken)
    {
        db.Expenses.Add(expense);
        db.AddIntegrationEvent(new ExpenseRecorded
        {
            ExpenseId = expense.Id,
            Date = expense.Date,
            Category = ApiNames.Of(expense.Category),
            Amount = expense.Amount,
            Month = expense.Month,
            MonthTotal = month.Spent,
            MonthBudget = month.Budget,
            Description = expense.Description,
            ReversesExpenseId = expense.ReversesExpenseId,
            PromotionId = expense.PromotionId,
        }.About(expense.BranchId, expense.CustomerId, expense.RecordedAt), clock);
        await db.SaveChangesAsync(cancellationToken);
        return ExpenseView.From(expense, month);
    }

    private async Task<Promotion> PromotionAsync(Guid promotionId, CancellationToken cancellationToken) =>
        await db.Promotions.FirstOrDefaultAsync(p => p.Id == promotionId, cancellationToken) ?? throw new NotFoundException("promotion", promotionId);

    private async Task<ExpenseMonth> MonthOfAsync(Customer customer, YearMonth month, CancellationToken cancellationToken)
    {
        var text = month.ToString();
        var expenseMonth = await db.ExpenseMonths.FirstOrDefaultAsync(m => m.CustomerId == customer.Id && m.Month == text, cancellationToken);
        if (expenseMonth is null) db.ExpenseMonths.Add(expenseMonth = ExpenseMonth.Open(customer, month));
        return expenseMonth;
    }
}
