namespace Crm.Credit.Model;

/// <summary>
/// An executive visit planned to a customer (主管领导拜访计划, 高层拜访大客户), kept from the customers service's
/// <c>crm.visit-planned</c> of kind executive-visit, for the key-account view's coverage.
/// </summary>
public sealed class ExecutiveVisitPlan : IBranchOwned
{
    public const string Kind = "executive-visit";

    private ExecutiveVisitPlan() { }

    public Guid PlanId { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public DateOnly PlannedOn { get; private set; }
    public string VisitorId { get; private set; } = "";
    public string PlannedBy { get; private set; } = "";

    public static ExecutiveVisitPlan From(VisitPlanned planned) => new()
    {
        PlanId = planned.PlanId,
        BranchId = planned.BranchId,
        CustomerId = planned.CustomerId,
        PlannedOn = planned.PlannedOn,
        VisitorId = Cut(planned.VisitorId),
        PlannedBy = Cut(planned.PlannedBy),
    };

    internal static string Cut(string? value) => value is null ? "" : value.Length > 100 ? value[..100] : value;
}

/// <summary>
/// An executive visit made (<c>crm.customer-contacted</c> of kind executive-visit), or any visit that closed an
/// executive visit plan.
/// </summary>
public sealed class ExecutiveVisit : IBranchOwned
{
    private ExecutiveVisit() { }

    public Guid VisitId { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public DateOnly On { get; private set; }
    public string ContactedBy { get; private set; } = "";
    public Guid? PlanId { get; private set; }
    /// <summary>True when the contact itself was of kind executive-visit; false for a visit that only names a plan.</summary>
    public bool Executive { get; private set; }

    public static ExecutiveVisit From(CustomerContacted contacted) => new()
    {
        Executive = contacted.Kind == ExecutiveVisitPlan.Kind,
        VisitId = contacted.VisitId,
        BranchId = contacted.BranchId,
        CustomerId = contacted.CustomerId,
        On = contacted.On,
        ContactedBy = ExecutiveVisitPlan.Cut(contacted.ContactedBy),
        PlanId = contacted.PlanId,
    };
}
