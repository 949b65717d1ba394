namespace Crm.Alerts.Model;

/// <summary>
/// One sale (or its reversal, with a negative amount) as the credit ledger reported it. Kept per entry, so that month
/// totals and purchase days are sums and sets, which do not depend on the order the entries arrive in.
/// </summary>
public sealed class SaleEntry : IBranchOwned, IAboutCustomer
{
    public const int ProductMaxLength = 200;

    private SaleEntry() { }

    public Guid EntryId { get; private set; }
    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public decimal Amount { get; private set; }
    public Guid? ReversesEntryId { get; private set; }
    public Guid EventId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string Product { get; private set; } = "";
    /// <summary>The credit service found no contract in force on the sale's date (合同缺失).</summary>
    public bool NoContract { get; private set; }
    /// <summary>The product is outside the product lines of the contract in force (超出合同经营范围).</summary>
    public bool OutsideContract { get; private set; }
    /// <summary>The number of the contract in force on the sale's date, as the credit service found it.</summary>
    public string? ContractNumber { get; private set; }

    public static SaleEntry From(SaleRecorded sale) => new()
    {
        Product = sale.Product.Length > ProductMaxLength ? sale.Product[..ProductMaxLength] : sale.Product,
        NoContract = sale.Contract is null,
        OutsideContract = sale.Contract is not null && sale.OutsideContract,
        ContractNumber = sale.Contract?.Number is { } number && number.Length > Crm.Terms.ProjectedContract.NumberMaxLength ? number[..Crm.Terms.ProjectedContract.NumberMaxLength] : sale.Contract?.Number,
        EntryId = sale.EntryId,
        CustomerId = sale.CustomerId,
        BranchId = sale.BranchId,
        Date = sale.Date,
        Amount = sale.Amount,
        ReversesEntryId = sale.ReversesEntryId,
        EventId = sale.EventId,
        OccurredAt = sale.OccurredAt,
    };
}

/// <summary>A customer's business plan (业务计划) for one month: its total; the newest plan-set wins.</summary>
public sealed class MonthlyPlan : IBranchOwned, IAboutCustomer
{
    private MonthlyPlan() { }

    public Guid CustomerId { get; private set; }
    /// <summary>yyyy-MM.</summary>
    public string Month { get; private set; } = "";
    public string BranchId { get; private set; } = "";
    public decimal TotalAmount { get; private set; }
    public DateTimeOffset SetAt { get; private set; }
    public Guid EventId { get; private set; }

    public static MonthlyPlan From(PlanSet plan, YearMonth month) => new()
    {
        CustomerId = plan.CustomerId,
        Month = month.ToString(),
        BranchId = plan.BranchId,
        TotalAmount = plan.TotalAmount,
        SetAt = plan.OccurredAt,
        EventId = plan.EventId,
    };

    public void Replace(PlanSet plan)
    {
        if (!FactPosition.Of(plan).Supersedes(new FactPosition(SetAt, EventId))) return;
        TotalAmount = plan.TotalAmount;
        (SetAt, EventId) = (plan.OccurredAt, plan.EventId);
    }
}

/// <summary>A customer's business expenses (业务费用) for one month and its budget, as the newest expense or budget event reported them.</summary>
public sealed class MonthlyExpenses : IBranchOwned, IAboutCustomer
{
    private MonthlyExpenses() { }

    public Guid CustomerId { get; private set; }
    /// <summary>yyyy-MM.</summary>
    public string Month { get; private set; } = "";
    public string BranchId { get; private set; } = "";
    public decimal Total { get; private set; }
    /// <summary>Null when no budget was set for the month.</summary>
    public decimal? Budget { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public Guid EventId { get; private set; }

    public static MonthlyExpenses From(ExpenseRecorded expense, YearMonth month) => Of(expense, month, expense.MonthTotal, expense.MonthBudget);

    public void Replace(ExpenseRecorded expense) => Replace(expense, expense.MonthTotal, expense.MonthBudget);

    /// <summary>A budget change reports the month's total and its budget just as an expense does: the newest report wins.</summary>
    public static MonthlyExpenses From(BudgetChanged changed, YearMonth month) => Of(changed, month, changed.MonthTotal, changed.Budget);

    public void Replace(BudgetChanged changed) => Replace(changed, changed.MonthTotal, changed.Budget);

    private static MonthlyExpenses Of(IntegrationEvent report, YearMonth month, decimal total, decimal? budget) => new()
    {
        CustomerId = report.CustomerId,
        Month = month.ToString(),
        BranchId = report.BranchId,
        Total = total,
        Budget = budget,
        RecordedAt = report.OccurredAt,
        EventId = report.EventId,
    };

    private void Replace(IntegrationEvent report, decimal total, decimal? budget)
    {
        var position = FactPosition.Of(report);
        if (!position.Supersedes(new FactPosition(RecordedAt, EventId))) return;
        Total = total;
        Budget = budget;
        (RecordedAt, EventId) = (position.At, position.EventId);
    }
}
