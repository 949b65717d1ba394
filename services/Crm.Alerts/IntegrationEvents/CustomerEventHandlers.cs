using Crm.Messaging.Inbox;

namespace Crm.Alerts.IntegrationEvents;

public sealed class CustomerRegisteredHandler(CustomerProjection customers, AlertEngine engine) : IIntegrationEventHandler<CustomerRegistered>
{
    public async Task HandleAsync(CustomerRegistered registered, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(registered, cancellationToken);
        var ownerBefore = customer.OwnerId;
        customer.Register(registered);
        if (customer.OwnerId != ownerBefore) await engine.FollowOwnerAsync(customer, cancellationToken);
        await engine.EvaluateAsync(customer, registered, cancellationToken);
    }
}

public sealed class CustomerChangedHandler(CustomerProjection customers, AlertEngine engine) : IIntegrationEventHandler<CustomerChanged>
{
    public async Task HandleAsync(CustomerChanged changed, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(changed, cancellationToken);
        customer.RenameFrom(changed.Version, changed.Name);
        // A customer now in another's exclusive territory (总经销) is checked again.
        if (customer.MoveTo(changed.Version, changed.Region)) await engine.EvaluateAsync(customer, changed, cancellationToken);
    }
}

public sealed class CustomerOwnerChangedHandler(CustomerProjection customers, AlertEngine engine) : IIntegrationEventHandler<CustomerOwnerChanged>
{
    public async Task HandleAsync(CustomerOwnerChanged changed, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(changed, cancellationToken);
        if (customer.ObserveOwner(FactPosition.Of(changed), changed.OwnerId))
            await engine.FollowOwnerAsync(customer, cancellationToken);
    }
}

public sealed class CustomerStatusChangedHandler(CustomerProjection customers) : IIntegrationEventHandler<CustomerStatusChanged>
{
    public async Task HandleAsync(CustomerStatusChanged changed, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(changed, cancellationToken);
        customer.ObserveStatus(FactPosition.Of(changed), changed.Status);
    }
}

public sealed class CustomerContactedHandler(CustomerProjection customers, MissedVisitProjection missedVisits, BusinessCalendar calendar, AlertEngine engine)
    : IIntegrationEventHandler<CustomerContacted>
{
    public async Task HandleAsync(CustomerContacted contacted, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(contacted, cancellationToken);
        customer.ObserveContact(FactPosition.Of(contacted), contacted.On);
        // A visit recorded after its planned day closed a plan the sweep may have reported missed (拜访补记): it makes it good.
        if (contacted.PlanId is { } planId && contacted.On < calendar.DateOf(contacted.OccurredAt))
            (await missedVisits.ForAsync(contacted, planId, cancellationToken)).MakeGood(contacted);
        await engine.EvaluateAsync(customer, contacted, cancellationToken);
    }
}

public sealed class CustomerIncidentReportedHandler(CustomerProjection customers, AlertEngine engine)
    : IIntegrationEventHandler<CustomerIncidentReported>
{
    public async Task HandleAsync(CustomerIncidentReported incident, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(incident, cancellationToken);
        if (customer.ObserveOwner(FactPosition.Of(incident), incident.OwnerId))
            await engine.FollowOwnerAsync(customer, cancellationToken);
        await engine.EvaluateAsync(customer, incident, cancellationToken);
    }
}
