using Crm.Messaging.Inbox;

namespace Crm.Credit.IntegrationEvents;

/// <summary>
/// Keeps the customer profile current. Each event kind has its own queue, so a change can overtake the registration
/// it follows (after a big import, by thousands): it then applies to a placeholder that the registration fills in
/// later, instead of failing until its retries run out and landing in the error queue.
/// </summary>
public abstract class CustomerProfileHandler<TEvent>(CreditDbContext db) : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
    public async Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        var customer = await CustomerPlaceholders.ForAsync(db, integrationEvent, cancellationToken);
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

/// <summary>The customer an event is about, as this service knows it; a placeholder when the event came before the registration.</summary>
public static class CustomerPlaceholders
{
    public static async Task<Customer> ForAsync(CreditDbContext db, IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        // A customer first seen in this unit of work is not in the database yet: look among the tracked ones first.
        var customer = db.Customers.Local.FirstOrDefault(c => c.Id == integrationEvent.CustomerId)
            ?? await db.Customers.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == integrationEvent.CustomerId, cancellationToken);
        if (customer is null) db.Customers.Add(customer = Customer.FirstSeenIn(integrationEvent));
        return customer;
    }
}
