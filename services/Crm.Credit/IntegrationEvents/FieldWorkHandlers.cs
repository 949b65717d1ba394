using Crm.Messaging.Inbox;

namespace Crm.Credit.IntegrationEvents;

/// <summary>An executive visit planned to a customer (高层拜访计划): kept for the key-account view; other visit plans are not credit's business.</summary>
public sealed class VisitPlannedHandler(CreditDbContext db) : IIntegrationEventHandler<VisitPlanned>
{
    public async Task HandleAsync(VisitPlanned integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.Kind != ExecutiveVisitPlan.Kind) return;
        if (await db.ExecutiveVisitPlans.AnyAsync(p => p.PlanId == integrationEvent.PlanId, cancellationToken)) return;
        db.ExecutiveVisitPlans.Add(ExecutiveVisitPlan.From(integrationEvent));
    }
}

/// <summary>
/// A contact with a customer: kept when it is an executive visit, or when it closed a plan (which may be an executive
/// visit plan whose announcement travels on another queue and arrives later).
/// </summary>
public sealed class CustomerContactedHandler(CreditDbContext db) : IIntegrationEventHandler<CustomerContacted>
{
    public async Task HandleAsync(CustomerContacted integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.Kind != ExecutiveVisitPlan.Kind && integrationEvent.PlanId is null) return;
        if (await db.ExecutiveVisits.AnyAsync(v => v.VisitId == integrationEvent.VisitId, cancellationToken)) return;
        db.ExecutiveVisits.Add(ExecutiveVisit.From(integrationEvent));
    }
}
