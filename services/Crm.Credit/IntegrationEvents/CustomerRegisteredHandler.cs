using Crm.Credit.Infrastructure;
using Crm.Credit.Model;
using Crm.Events;
using Crm.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Crm.Credit.IntegrationEvents;

public sealed class CustomerRegisteredHandler(CreditDbContext db) : IIntegrationEventHandler<CustomerRegistered>
{
    public async Task HandleAsync(CustomerRegistered integrationEvent, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == integrationEvent.CustomerId, cancellationToken))
            db.Customers.Add(CustomerReference.From(integrationEvent));
    }
}
