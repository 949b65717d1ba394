using Crm.Messaging.Inbox;

namespace Crm.AfterSales.IntegrationEvents;

public sealed class CustomerRegisteredHandler(AfterSalesDbContext db) : IIntegrationEventHandler<CustomerRegistered>
{
    public async Task HandleAsync(CustomerRegistered integrationEvent, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == integrationEvent.CustomerId, cancellationToken))
            db.Customers.Add(CustomerReference.From(integrationEvent));
    }
}
