namespace Crm.Credit.Model;

/// <summary>One product's target in a monthly plan.</summary>
public sealed class PlanTarget
{
    private PlanTarget() { }

    public PlanTarget(string product, decimal quantity, decimal amount)
    {
        Product = product.Trim();
        Quantity = quantity;
        Amount = amount;
    }

    /// <summary>1, 2, 3 … in the order the plan lists its targets.</summary>
    public int Line { get; internal set; }
    public string Product { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public decimal Amount { get; private set; }
}

/// <summary>
/// A monthly business plan (业务计划) for a customer: targets by product and the support planned. Saving a plan again
/// adds a new revision and keeps the old ones, so nothing a user saved is ever lost; the latest revision is the plan,
/// and its number is the <c>version</c> an update must send back.
/// </summary>
public sealed class BusinessPlan : IBranchOwned
{
    public const int SupportMaxLength = 2000;
    public const int MaxTargets = 200;

    /// <summary>The plan horizon: plans look at most this many months ahead of this month.</summary>
    public const int MonthsAhead = 24;

    public static bool IsWithinHorizon(YearMonth month, YearMonth thisMonth) => month <= thisMonth.AddMonths(MonthsAhead);

    private readonly List<PlanTarget> _targets = [];

    private BusinessPlan() { }

    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    /// <summary>yyyy-MM.</summary>
    public string Month { get; private set; } = "";
    public long Version { get; private set; }
    /// <summary>Support planned for the month (promotion, advertising, staff…).</summary>
    public string? Support { get; private set; }
    public DateTimeOffset SetAt { get; private set; }
    public string SetBy { get; private set; } = "";

    public IReadOnlyList<PlanTarget> Targets => _targets;

    public decimal TotalAmount => _targets.Sum(t => t.Amount);
    public decimal TotalQuantity => _targets.Sum(t => t.Quantity);

    /// <summary>The first plan of the month, or the next revision of <paramref name="latest"/>.</summary>
    public static BusinessPlan Revise(
        BusinessPlan? latest, Customer customer, YearMonth month, IEnumerable<PlanTarget> targets, string? support, DateTimeOffset now, string by)
    {
        var plan = new BusinessPlan
        {
            CustomerId = customer.Id,
            BranchId = customer.BranchId,
            Month = month.ToString(),
            Version = (latest?.Version ?? 0) + 1,
            Support = string.IsNullOrWhiteSpace(support) ? null : support.Trim(),
            SetAt = now,
            SetBy = by,
        };
        foreach (var target in targets)
        {
            target.Line = plan._targets.Count + 1;
            plan._targets.Add(target);
        }
        return plan;
    }
}
