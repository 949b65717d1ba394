namespace Crm.Credit.Model;

/// <summary>promotion (促销), advertising (广告), support (支持), other.</summary>
public enum ExpenseCategory
{
    Promotion,
    Advertising,
    Support,
    Other,
}

/// <summary>
/// A business expense (业务费用) spent on a customer. Like ledger entries, expenses are never edited: a mistake is
/// cancelled by a reversal with the opposite amount in the same month.
/// </summary>
public sealed class Expense : IBranchOwned
{
    public const int DescriptionMaxLength = 500;

    private Expense() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public DateOnly Date { get; private set; }
    /// <summary>yyyy-MM of <see cref="Date"/>.</summary>
    public string Month { get; private set; } = "";
    public ExpenseCategory Category { get; private set; }
    public decimal Amount { get; private set; }
    public string? Description { get; private set; }
    public Guid? ReversesExpenseId { get; private set; }
    /// <summary>The approved promotion plan (促销计划) the expense is spent against, if any; a reversal keeps it.</summary>
    public Guid? PromotionId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    public static Expense Record(
        ExpenseMonth month, DateOnly date, ExpenseCategory category, decimal amount, string? description, DateTimeOffset now, string by)
    {
        if (!YearMonth.Of(date).ToString().Equals(month.Month, StringComparison.Ordinal))
            throw new InvalidOperationException("The expense belongs to another month.");
        var expense = new Expense
        {
            Id = Guid.CreateVersion7(now),
            BranchId = month.BranchId,
            CustomerId = month.CustomerId,
            Date = date,
            Month = month.Month,
            Category = category,
            Amount = amount,
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            RecordedAt = now,
            RecordedBy = by,
        };
        month.Add(amount);
        return expense;
    }

    /// <summary>Charges the expense to a plan, whose rules (<see cref="Promotion.Spend"/>) admit it or refuse it.</summary>
    public void ChargeTo(Promotion promotion)
    {
        promotion.Spend(CustomerId, Date, Amount);
        PromotionId = promotion.Id;
    }

    public Expense Reverse(ExpenseMonth month, bool alreadyReversed, string reason, DateTimeOffset now, string by)
    {
        if (ReversesExpenseId is not null)
            throw new BusinessRuleException("reversal-not-reversible", "This expense is itself a reversal; record the correct expense anew instead.");
        if (alreadyReversed)
            throw new ConflictException("This expense has already been reversed.", "Already reversed.");
        var reversal = Record(month, Date, Category, -Amount, reason, now, by);
        reversal.ReversesExpenseId = Id;
        reversal.PromotionId = PromotionId;
        return reversal;
    }
}

/// <summary>
/// A customer's business expenses in one month against its budget. The running total lives here, under a concurrency
/// token, so that the total each <c>crm.expense-recorded</c> carries counts every expense saved before it. The budget
/// is a manager's figure with its own <see cref="BudgetVersion"/>, so recording an expense never makes a manager's
/// budget edit stale.
/// </summary>
public sealed class ExpenseMonth : IBranchOwned
{
    public const int NoteMaxLength = 500;

    private ExpenseMonth() { }

    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public string Month { get; private set; } = "";
    public decimal Spent { get; private set; }
    public int ExpenseCount { get; private set; }
    public decimal? Budget { get; private set; }
    public string? BudgetNote { get; private set; }
    /// <summary>0 while no budget was set; the version a budget update sends back.</summary>
    public long BudgetVersion { get; private set; }
    public DateTimeOffset? BudgetSetAt { get; private set; }
    public string? BudgetSetBy { get; private set; }
    /// <summary>Concurrency token: every change increments it.</summary>
    public long Revision { get; private set; }

    public decimal? Remaining => Budget - Spent;

    /// <summary>Over budget (超预算): a budget is set and the month's spending exceeds it.</summary>
    public bool IsOverBudget => Budget is { } budget && Spent > budget;

    public static ExpenseMonth Open(Customer customer, YearMonth month) => new()
    {
        CustomerId = customer.Id,
        BranchId = customer.BranchId,
        Month = month.ToString(),
    };

    internal void Add(decimal amount)
    {
        Spent += amount;
        ExpenseCount++;
        Revision++;
    }

    public void SetBudget(decimal budget, string? note, long expectedVersion, DateTimeOffset now, string by)
    {
        Crm.ServiceDefaults.ExpectedVersion.Check("budget", BudgetVersion, expectedVersion);
        Budget = budget;
        BudgetNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        BudgetSetAt = now;
        BudgetSetBy = by;
        BudgetVersion++;
        Revision++;
    }
}
