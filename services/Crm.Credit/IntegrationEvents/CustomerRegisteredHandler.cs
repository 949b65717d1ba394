using Crm.Credit.Infrastructure;
using Crm.Credit.Model;
using Crm.Events;
using Crm.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Crm.Credit.IntegrationEvents;

/// <summary>A new customer: keep its profile and open its credit account (balance 0, limit 0).</summary>
public sealed class CustomerRegisteredHandler(CreditDbContext db) : IIntegrationEventHandler<CustomerRegistered>
{
    public async Task HandleAsync(CustomerRegistered integrationEvent, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == integrationEvent.CustomerId, cancellationToken))
            db.Customers.Add(Customer.From(integrationEvent));
        if (!await db.Accounts.AnyAsync(a => a.CustomerId == integrationEvent.CustomerId, cancellationToken))
            db.Accounts.Add(CreditAccount.Open(integrationEvent.CustomerId, integrationEvent.BranchId));
    }
}
