namespace Crm.Alerts.Model;

/// <summary>
/// A planned visit the customers service reported missed (未拜访, <c>crm.visit-missed</c>), and whether a visit recorded
/// later made it good (<c>crm.customer-contacted</c> naming the plan). Either event may arrive first.
/// </summary>
public sealed class MissedVisit : IBranchOwned, IAboutCustomer
{
    private MissedVisit() { }

    public Guid PlanId { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public DateOnly? PlannedOn { get; private set; }
    public string Kind { get; private set; } = "";
    public string VisitorId { get; private set; } = "";
    public Guid? MissedEventId { get; private set; }
    public Guid? MadeGoodEventId { get; private set; }
    public DateOnly? MadeGoodOn { get; private set; }

    /// <summary>Missed and not made good by a later visit.</summary>
    public bool IsOutstanding => MissedEventId is not null && MadeGoodEventId is null;

    public static MissedVisit For(IntegrationEvent integrationEvent, Guid planId) => new()
    {
        PlanId = planId, BranchId = integrationEvent.BranchId, CustomerId = integrationEvent.CustomerId,
    };

    public void Miss(VisitMissed missed)
    {
        PlannedOn = missed.PlannedOn;
        Kind = missed.Kind;
        VisitorId = missed.VisitorId;
        MissedEventId = missed.EventId;
    }

    public void MakeGood(CustomerContacted contacted)
    {
        MadeGoodEventId = contacted.EventId;
        MadeGoodOn = contacted.On;
    }
}
