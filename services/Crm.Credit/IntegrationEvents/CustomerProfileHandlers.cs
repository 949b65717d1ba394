using Crm.Credit.Infrastructure;
using Crm.Credit.Model;
using Crm.Events;
using Crm.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Crm.Credit.IntegrationEvents;

/// <summary>
/// Keeps the customer profile current. Each event kind has its own queue, so a change can overtake the registration
/// it follows; the handler then fails, and the bounded retry delivers it again once the registration has arrived.
/// </summary>
public abstract class CustomerProfileHandler<TEvent>(CreditDbContext db) : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
    public async Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == integrationEvent.CustomerId, cancellationToken)
            ?? throw new CustomerNotYetKnownException(integrationEvent);
        Apply(customer, integrationEvent);
    }

    protected abstract void Apply(Customer customer, TEvent integrationEvent);
}

public sealed class CustomerChangedHandler(CreditDbContext db) : CustomerProfileHandler<CustomerChanged>(db)
{
    protected override void Apply(Customer customer, CustomerChanged integrationEvent) => customer.Apply(integrationEvent);
}

public sealed class CustomerOwnerChangedHandler(CreditDbContext db) : CustomerProfileHandler<CustomerOwnerChanged>(db)
{
    protected override void Apply(Customer customer, CustomerOwnerChanged integrationEvent) => customer.Apply(integrationEvent);
}

public sealed class CustomerStatusChangedHandler(CreditDbContext db) : CustomerProfileHandler<CustomerStatusChanged>(db)
{
    protected override void Apply(Customer customer, CustomerStatusChanged integrationEvent) => customer.Apply(integrationEvent);
}

/// <summary>A scorecard (客户评价): its weighted score becomes the grading input, if it is the latest.</summary>
public sealed class CustomerEvaluatedHandler(CreditDbContext db) : CustomerProfileHandler<CustomerEvaluated>(db)
{
    protected override void Apply(Customer customer, CustomerEvaluated integrationEvent) => customer.Apply(integrationEvent);
}

/// <summary>A complaint against the customer, counted by grading models that weigh complaints.</summary>
public sealed class ComplaintOpenedHandler(CreditDbContext db) : IIntegrationEventHandler<ComplaintOpened>
{
    public async Task HandleAsync(ComplaintOpened integrationEvent, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == integrationEvent.ComplaintId, cancellationToken);
        if (complaint is null) db.Complaints.Add(Complaint.From(integrationEvent));
        else complaint.Apply(integrationEvent);
    }
}

/// <summary>The first answer: whether the complaint is about quality, which grading weighs.</summary>
public sealed class ComplaintAnsweredHandler(CreditDbContext db) : IIntegrationEventHandler<ComplaintAnswered>
{
    public async Task HandleAsync(ComplaintAnswered integrationEvent, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == integrationEvent.ComplaintId, cancellationToken);
        if (complaint is null) db.Complaints.Add(Complaint.From(integrationEvent));
        else complaint.Apply(integrationEvent);
    }
}

/// <summary>The closing: the final category and, for quality, the root cause (人机料法环测).</summary>
public sealed class ComplaintResolvedHandler(CreditDbContext db) : IIntegrationEventHandler<ComplaintResolved>
{
    public async Task HandleAsync(ComplaintResolved integrationEvent, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == integrationEvent.ComplaintId, cancellationToken);
        if (complaint is null) db.Complaints.Add(Complaint.From(integrationEvent));
        else complaint.Apply(integrationEvent);
    }
}

public sealed class CustomerNotYetKnownException(IntegrationEvent integrationEvent)
    : Exception($"{integrationEvent.GetType().Name} {integrationEvent.EventId} is about customer {integrationEvent.CustomerId}, whose registration has not arrived yet; it will be retried.");
