using Crm.Messaging.Inbox;

namespace Crm.Credit.IntegrationEvents;

/// <summary>A new customer: keep its profile (filling in a placeholder made by an event that came first) and open its credit account (balance 0, limit 0).</summary>
public sealed class CustomerRegisteredHandler(CreditDbContext db, BusinessCalendar calendar) : IIntegrationEventHandler<CustomerRegistered>
{
    public async Task HandleAsync(CustomerRegistered integrationEvent, CancellationToken cancellationToken)
    {
        var customer = await CustomerPlaceholders.ForAsync(db, integrationEvent, cancellationToken);
        customer.Register(integrationEvent, calendar);
        if (!await db.Accounts.AnyAsync(a => a.CustomerId == integrationEvent.CustomerId, cancellationToken))
            db.Accounts.Add(CreditAccount.Open(integrationEvent.CustomerId, integrationEvent.BranchId));
    }
}
