using Crm.Messaging.Inbox;

namespace Crm.AfterSales.IntegrationEvents;

public sealed class CustomerRegisteredHandler(AfterSalesDbContext db) : CustomerRegisteredProjection<CustomerReference>(db)
{
    protected override CustomerReference Reference(CustomerRegistered registered) => CustomerReference.From(registered);
}
