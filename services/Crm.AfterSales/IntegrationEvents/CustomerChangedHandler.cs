using Crm.Messaging.Inbox;

namespace Crm.AfterSales.IntegrationEvents;

/// <summary>Keeps the customer's name and region current (the region feeds the statistics of complaints opened afterwards).</summary>
public sealed class CustomerChangedHandler(AfterSalesDbContext db) : IIntegrationEventHandler<CustomerChanged>
{
    public async Task HandleAsync(CustomerChanged integrationEvent, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == integrationEvent.CustomerId, cancellationToken);
        customer?.Apply(integrationEvent);
    }
}
