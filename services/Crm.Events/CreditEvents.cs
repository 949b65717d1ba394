namespace Crm.Events;

/// <summary>A sale or shipment (or its reversal, with a negative amount) was entered in the ledger.</summary>
[EntityName("crm.sale-recorded")]
public sealed record SaleRecorded : IntegrationEvent
{
    public Guid EntryId { get; init; }
    public DateOnly Date { get; init; }
    public string Product { get; init; } = "";
    public string? Specification { get; init; }
    public decimal Quantity { get; init; }
    public decimal Amount { get; init; }
    public DateOnly DueDate { get; init; }
    /// <summary>Set when this entry reverses an earlier one.</summary>
    public Guid? ReversesEntryId { get; init; }
    /// <summary>The customer's outstanding balance (欠款) after this entry.</summary>
    public decimal BalanceAfter { get; init; }
    public decimal CreditLimit { get; init; }
    /// <summary>The entry's line number in the customer's ledger (1, 2, 3 …), in the order entries were recorded.</summary>
    public int Number { get; init; }
    /// <summary>The contract version in force on the sale's date; null when the customer had none (no-active-contract).</summary>
    public ContractReference? Contract { get; init; }
    /// <summary>True when no contract was in force or the product is outside its product lines (territory-breach).</summary>
    public bool OutsideContract { get; init; }
}

/// <summary>A payment (or its reversal) was entered in the ledger.</summary>
[EntityName("crm.payment-received")]
public sealed record PaymentReceived : IntegrationEvent
{
    public Guid EntryId { get; init; }
    public DateOnly Date { get; init; }
    public decimal Amount { get; init; }
    public Guid? ReversesEntryId { get; init; }
    public decimal BalanceAfter { get; init; }
    public decimal CreditLimit { get; init; }
    /// <summary>The entry's line number in the customer's ledger.</summary>
    public int Number { get; init; }
    /// <summary>The bank slip, cheque or voucher number, when given.</summary>
    public string? Reference { get; init; }
}

/// <summary>
/// A credit note (红字/退货冲账) for an approved return was entered in the ledger: it lowers the balance and the returned
/// sale's amount due, and reverses the rebate that sale had earned.
/// </summary>
[EntityName("crm.credit-note-recorded")]
public sealed record CreditNoteRecorded : IntegrationEvent
{
    public Guid EntryId { get; init; }
    public Guid ReturnId { get; init; }
    /// <summary>The sale (ledger entry) the return credits, when known.</summary>
    public Guid? SaleId { get; init; }
    public DateOnly Date { get; init; }
    /// <summary>Positive: the amount credited.</summary>
    public decimal Amount { get; init; }
    /// <summary>The rebate (返利) the returned amount had earned and no longer earns.</summary>
    public decimal RebateReversed { get; init; }
    public decimal BalanceAfter { get; init; }
    public decimal CreditLimit { get; init; }
    public int Number { get; init; }
}

public sealed record PlanLine(string Product, decimal Quantity, decimal Amount);

/// <summary>A monthly business plan (业务计划) was set or replaced.</summary>
[EntityName("crm.plan-set")]
public sealed record PlanSet : IntegrationEvent
{
    /// <summary>yyyy-MM.</summary>
    public string Month { get; init; } = "";
    public IReadOnlyList<PlanLine> Lines { get; init; } = [];
    public decimal TotalAmount { get; init; }
    public decimal TotalQuantity { get; init; }
    /// <summary>The plan's revision: 1 for the first plan of the month, then 2, 3 … as it is revised.</summary>
    public long Version { get; init; }
    /// <summary>Support planned for the month (promotion, advertising, staff…).</summary>
    public string? Support { get; init; }
}

/// <summary>A business expense (业务费用) was recorded against a customer.</summary>
[EntityName("crm.expense-recorded")]
public sealed record ExpenseRecorded : IntegrationEvent
{
    public Guid ExpenseId { get; init; }
    public DateOnly Date { get; init; }
    /// <summary>promotion, advertising, support, other.</summary>
    public string Category { get; init; } = "";
    public decimal Amount { get; init; }
    /// <summary>yyyy-MM.</summary>
    public string Month { get; init; } = "";
    public decimal MonthTotal { get; init; }
    /// <summary>Null when no budget was set for the month.</summary>
    public decimal? MonthBudget { get; init; }
    public string? Description { get; init; }
    /// <summary>Set when this expense cancels an earlier one (its amount is then negative).</summary>
    public Guid? ReversesExpenseId { get; init; }
    /// <summary>The approved promotion plan (促销计划) the expense is spent against, if any.</summary>
    public Guid? PromotionId { get; init; }
}

/// <summary>One input of a grade: its value and the points it earned.</summary>
public sealed record GradeInput(string Input, decimal Value, decimal Points, decimal MaxPoints, string? Note = null);

/// <summary>A grading run gave the customer a new grade or score (客户等级评估).</summary>
[EntityName("crm.customer-graded")]
public sealed record CustomerGraded : IntegrationEvent
{
    /// <summary>yyyy-MM.</summary>
    public string Period { get; init; } = "";
    public string ModelVersion { get; init; } = "";
    public decimal Score { get; init; }
    /// <summary>A–E.</summary>
    public string Grade { get; init; } = "";
    public string? PreviousGrade { get; init; }
    public decimal? PreviousScore { get; init; }
    public decimal Coefficient { get; init; }
    public decimal MonthlyAverageSales { get; init; }
    /// <summary>The on-time rate the model counted; when nothing fell due it is the model's stand-in (see <see cref="OnTimeRateMeasured"/>).</summary>
    public decimal OnTimeRate { get; init; }
    /// <summary>False when nothing fell due in the period and <see cref="OnTimeRate"/> is the model's stand-in value.</summary>
    public bool OnTimeRateMeasured { get; init; } = true;
    public decimal ProposedLimit { get; init; }
    public IReadOnlyList<GradeInput> Explanation { get; init; } = [];
}

/// <summary>A credit limit (信用额度) changed after the last approval step.</summary>
[EntityName("crm.credit-limit-changed")]
public sealed record CreditLimitChanged : IntegrationEvent
{
    public Guid RequestId { get; init; }
    public decimal PreviousLimit { get; init; }
    public decimal CreditLimit { get; init; }
    public decimal Balance { get; init; }
    public string Reason { get; init; } = "";
    public string ApprovedBy { get; init; } = "";
    /// <summary>manual or grading: who proposed the change.</summary>
    public string Source { get; init; } = "manual";
    /// <summary>The customer's current grade when the limit changed, if graded.</summary>
    public string? Grade { get; init; }
}

/// <summary>A customer's monthly expense budget (费用预算) was set, changed or removed.</summary>
[EntityName("crm.budget-changed")]
public sealed record BudgetChanged : IntegrationEvent
{
    /// <summary>yyyy-MM.</summary>
    public string Month { get; init; } = "";
    /// <summary>Null when the budget was removed.</summary>
    public decimal? Budget { get; init; }
    public decimal? PreviousBudget { get; init; }
    /// <summary>The expenses recorded in the month so far.</summary>
    public decimal MonthTotal { get; init; }
    public string ChangedBy { get; init; } = "";
}
