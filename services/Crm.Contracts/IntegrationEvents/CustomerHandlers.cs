using Crm.Messaging.Inbox;

namespace Crm.Contracts.IntegrationEvents;

public sealed class CustomerRegisteredHandler(ContractsDbContext db) : CustomerRegisteredProjection<CustomerReference>(db)
{
    protected override CustomerReference Reference(CustomerRegistered registered) => CustomerReference.From(registered);
}

/// <summary>
/// Keeps the customer's name, region and owner current. Each event kind has its own queue, so a change can overtake
/// the registration it follows; the handler then fails, and the bounded retry delivers it again once it has arrived.
/// </summary>
public abstract class CustomerReferenceHandler<TEvent>(ContractsDbContext db) : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
    public async Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == integrationEvent.CustomerId, cancellationToken)
            ?? throw new CustomerNotYetKnownException(integrationEvent);
        Apply(customer, integrationEvent);
    }

    protected abstract void Apply(CustomerReference customer, TEvent integrationEvent);
}

public sealed class CustomerChangedHandler(ContractsDbContext db) : CustomerReferenceHandler<CustomerChanged>(db)
{
    protected override void Apply(CustomerReference customer, CustomerChanged integrationEvent) => customer.Apply(integrationEvent);
}

public sealed class CustomerOwnerChangedHandler(ContractsDbContext db) : CustomerReferenceHandler<CustomerOwnerChanged>(db)
{
    protected override void Apply(CustomerReference customer, CustomerOwnerChanged integrationEvent) => customer.Apply(integrationEvent);
}

public sealed class CustomerNotYetKnownException(IntegrationEvent integrationEvent)
    : Exception($"{integrationEvent.GetType().Name} {integrationEvent.EventId} is about customer {integrationEvent.CustomerId}, whose registration has not arrived yet; it will be retried.");
