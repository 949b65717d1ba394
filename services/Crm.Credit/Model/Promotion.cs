namespace Crm.Credit.Model;

/// <summary>promotion (促销), advertising (广告), staff-support (人员支援), vehicle-support (车辆支援), other.</summary>
public enum PromotionKind
{
    Promotion,
    Advertising,
    StaffSupport,
    VehicleSupport,
    Other,
}

/// <summary>pending (待审批) → approved (已批准) or rejected (已驳回).</summary>
public enum PromotionState
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A dealer-support plan (经销商支援: 促销/广告计划) for a customer: kind, period, budget and the effect expected. It is
/// approved by a manager other than the one who asked before it runs (公司批准后方可执行); its spend is the expenses
/// recorded against it, which the rules here admit only while it is approved, in its period and within its budget
/// (docs/decisions/credit-promotions-and-sell-through.md). <see cref="Version"/> is what a decision sends back;
/// <see cref="Revision"/> is the concurrency token every change (spending included) increments.
/// </summary>
public sealed class Promotion : IBranchOwned
{
    public const int TitleMaxLength = 200;
    public const int TextMaxLength = 2000;
    public const int CommentMaxLength = 500;

    public const string RuleNotApproved = "promotion-not-approved";
    public const string RuleOutOfPeriod = "promotion-out-of-period";
    public const string RuleBudgetExhausted = "promotion-budget-exhausted";
    public const string RuleOtherCustomer = "promotion-other-customer";
    public const string RuleOwnRequest = "promotion-own-request";

    private Promotion() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public PromotionKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public decimal Budget { get; private set; }
    public string? ExpectedEffect { get; private set; }
    /// <summary>The extra sales (¥) the requester expects, if they put a figure on it.</summary>
    public decimal? ExpectedExtraSales { get; private set; }
    public PromotionState State { get; private set; }
    public string RequestedBy { get; private set; } = "";
    public string? RequestedByName { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionComment { get; private set; }
    /// <summary>Net expenses recorded against the plan (reversals included).</summary>
    public decimal Spent { get; private set; }
    public int ExpenseCount { get; private set; }
    public long Version { get; private set; }
    public long Revision { get; private set; }

    public decimal Remaining => Budget - Spent;

    /// <summary>Days in the period, both ends included.</summary>
    public int Days => EndsOn.DayNumber - StartsOn.DayNumber + 1;

    public static Promotion Request(
        Customer customer, PromotionKind kind, string title, DateOnly startsOn, DateOnly endsOn, decimal budget, string? expectedEffect,
        decimal? expectedExtraSales, DateTimeOffset now, string by, string? byName)
    {
        if (endsOn < startsOn) throw new InvalidOperationException("A promotion ends on or after its start.");
        return new Promotion
        {
            Id = Guid.CreateVersion7(now),
            BranchId = customer.BranchId,
            CustomerId = customer.Id,
            Kind = kind,
            Title = title.Trim(),
            StartsOn = startsOn,
            EndsOn = endsOn,
            Budget = budget,
            ExpectedEffect = string.IsNullOrWhiteSpace(expectedEffect) ? null : expectedEffect.Trim(),
            ExpectedExtraSales = expectedExtraSales,
            State = PromotionState.Pending,
            RequestedBy = by,
            RequestedByName = byName,
            RequestedAt = now,
            Version = 1,
            Revision = 1,
        };
    }

    /// <summary>Approve or reject (审批): once, by someone other than the requester (a plan is not approved by its author).</summary>
    public void Decide(bool approve, string? comment, long? expectedVersion, DateTimeOffset now, string by, string? byName)
    {
        if (expectedVersion is { } expected) Crm.ServiceDefaults.ExpectedVersion.Check("promotion", Version, expected);
        if (State != PromotionState.Pending)
            throw new ConflictException(
                $"该计划已{(State == PromotionState.Approved ? "批准" : "驳回")}，不能再次审批。The promotion was already {(State == PromotionState.Approved ? "approved" : "rejected")}.",
                "Already decided.");
        if (string.Equals(by, RequestedBy, StringComparison.Ordinal))
            throw new ForbiddenException($"申请人不能审批自己的计划 ({RuleOwnRequest}): the requester of a promotion cannot approve or reject it; another manager must.");
        State = approve ? PromotionState.Approved : PromotionState.Rejected;
        DecidedBy = by;
        DecidedByName = byName;
        DecidedAt = now;
        DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        Version++;
        Revision++;
    }

    /// <summary>
    /// An expense spent against the plan: refused with the rule named (422) unless the plan is approved, the expense's
    /// date lies in its period, and it stays within the budget. A reversal (negative amount) is always admitted.
    /// </summary>
    public void Spend(Guid customerId, DateOnly date, decimal amount)
    {
        if (customerId != CustomerId)
            throw new BusinessRuleException(RuleOtherCustomer, $"该费用的客户不是计划「{Title}」的客户。The expense's customer is not the promotion's customer.");
        if (amount > 0)
        {
            if (State != PromotionState.Approved)
                throw new BusinessRuleException(RuleNotApproved,
                    $"计划「{Title}」{(State == PromotionState.Pending ? "尚未批准" : "已被驳回")}，公司批准后方可执行。The promotion is {(State == PromotionState.Pending ? "not approved yet" : "rejected")}: expenses are recorded against approved plans only.");
            if (date < StartsOn || date > EndsOn)
                throw new BusinessRuleException(RuleOutOfPeriod,
                    $"费用日期 {date:yyyy-MM-dd} 不在计划期间 {StartsOn:yyyy-MM-dd} 至 {EndsOn:yyyy-MM-dd} 内。The expense's date is outside the promotion's period.");
            if (Spent + amount > Budget)
                throw new BusinessRuleException(RuleBudgetExhausted,
                    $"计划预算 {Budget:0.00}，已支出 {Spent:0.00}，剩余 {Remaining:0.00}，不足 {amount:0.00}。The promotion's budget would be exceeded: raise it with a new plan approved by a manager.");
        }
        Spent += amount;
        ExpenseCount++;
        Revision++;
    }
}

/// <summary>
/// Staff and vehicle support (人员车辆支援) allocated to a customer: what, when, its cost and who bears it. The company
/// bears <see cref="CompanyShare"/> of the cost (to the cent), the customer the rest. Allocations are records: a
/// mistake is not edited away.
/// </summary>
public sealed class SupportAllocation : IBranchOwned
{
    public const int DescriptionMaxLength = 500;

    private SupportAllocation() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    /// <summary>staff (人员) or vehicle (车辆).</summary>
    public SupportKind Kind { get; private set; }
    public string Description { get; private set; } = "";
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public decimal Cost { get; private set; }
    /// <summary>The share of the cost the company bears, 0–1 (承担比例).</summary>
    public decimal CompanyShare { get; private set; }
    public decimal CompanyCost { get; private set; }
    public decimal CustomerCost { get; private set; }
    public Guid? PromotionId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    public static SupportAllocation Allocate(
        Customer customer, SupportKind kind, string description, DateOnly from, DateOnly to, decimal cost, decimal companyShare, Guid? promotionId,
        DateTimeOffset now, string by)
    {
        var companyCost = Money.Round(cost * companyShare);
        return new SupportAllocation
        {
            Id = Guid.CreateVersion7(now),
            BranchId = customer.BranchId,
            CustomerId = customer.Id,
            Kind = kind,
            Description = description.Trim(),
            From = from,
            To = to,
            Cost = cost,
            CompanyShare = companyShare,
            CompanyCost = companyCost,
            CustomerCost = cost - companyCost,
            PromotionId = promotionId,
            RecordedAt = now,
            RecordedBy = by,
        };
    }
}

public enum SupportKind
{
    Staff,
    Vehicle,
}
