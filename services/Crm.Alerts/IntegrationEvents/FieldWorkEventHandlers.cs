using Crm.Messaging.Inbox;

namespace Crm.Alerts.IntegrationEvents;

/// <summary>The missed visits as alerts keeps them, from <c>crm.visit-missed</c> and the late visits that make them good.</summary>
public sealed class MissedVisitProjection(AlertsDbContext db)
{
    public async Task<MissedVisit> ForAsync(IntegrationEvent integrationEvent, Guid planId, CancellationToken cancellationToken)
    {
        var missed = db.MissedVisits.Local.FirstOrDefault(m => m.PlanId == planId)
            ?? await db.MissedVisits.FirstOrDefaultAsync(m => m.PlanId == planId, cancellationToken);
        if (missed is null) db.MissedVisits.Add(missed = MissedVisit.For(integrationEvent, planId));
        return missed;
    }
}

public sealed class VisitMissedHandler(CustomerProjection customers, MissedVisitProjection missedVisits, AlertEngine engine)
    : IIntegrationEventHandler<VisitMissed>
{
    public async Task HandleAsync(VisitMissed missed, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(missed, cancellationToken);
        (await missedVisits.ForAsync(missed, missed.PlanId, cancellationToken)).Miss(missed);
        await engine.EvaluateAsync(customer, missed, cancellationToken);
    }
}

public sealed class MeetingFollowUpOverdueHandler(CustomerProjection customers, AlertEngine engine) : IIntegrationEventHandler<MeetingFollowUpOverdue>
{
    public async Task HandleAsync(MeetingFollowUpOverdue overdue, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(overdue, cancellationToken);
        await engine.EvaluateAsync(customer, overdue, cancellationToken);
    }
}
