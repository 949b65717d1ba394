using Crm.Contracts.Infrastructure;
using Crm.Contracts.Model;
using Crm.Events;
using Crm.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Crm.Contracts.IntegrationEvents;

public sealed class CustomerRegisteredHandler(ContractsDbContext db) : IIntegrationEventHandler<CustomerRegistered>
{
    public async Task HandleAsync(CustomerRegistered integrationEvent, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == integrationEvent.CustomerId, cancellationToken))
            db.Customers.Add(CustomerReference.From(integrationEvent));
    }
}
