using Crm.Alerts.Infrastructure;
using Crm.Alerts.Model;
using Crm.Events;
using Crm.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Crm.Alerts.IntegrationEvents;

public sealed class CustomerRegisteredHandler(AlertsDbContext db) : IIntegrationEventHandler<CustomerRegistered>
{
    public async Task HandleAsync(CustomerRegistered integrationEvent, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == integrationEvent.CustomerId, cancellationToken))
            db.Customers.Add(CustomerReference.From(integrationEvent));
    }
}
