namespace Crm.Messaging.Inbox;

/// <summary>
/// Keeps a service's own reference of each registered customer (its entity <typeparamref name="TCustomer"/>, a
/// <see cref="CustomerReferenceBase"/> keyed by the customer's id): the first delivery of <c>crm.customer-registered</c> adds it; a customer already
/// known adds nothing. A derived handler only says how its reference is made from the registration.
/// </summary>
public abstract class CustomerRegisteredProjection<TCustomer>(DbContext db) : IIntegrationEventHandler<CustomerRegistered>
    where TCustomer : CustomerReferenceBase
{
    public async Task HandleAsync(CustomerRegistered integrationEvent, CancellationToken cancellationToken)
    {
        var customers = db.Set<TCustomer>();
        if (!await customers.AnyAsync(c => c.Id == integrationEvent.CustomerId, cancellationToken))
            customers.Add(Reference(integrationEvent));
    }

    protected abstract TCustomer Reference(CustomerRegistered registered);
}
