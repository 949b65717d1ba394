namespace Crm.Alerts.Services;

/// <summary>The customer an event is about, as this service knows it; created from the first event that names it.</summary>
public sealed class CustomerProjection(AlertsDbContext db)
{
    public async Task<Customer> ForAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        // A customer first seen in this unit of work is not in the database yet: look among the tracked ones first.
        var customer = db.Customers.Local.FirstOrDefault(c => c.Id == integrationEvent.CustomerId)
            ?? await db.Customers.FirstOrDefaultAsync(c => c.Id == integrationEvent.CustomerId, cancellationToken);
        if (customer is null) db.Customers.Add(customer = Customer.FirstSeenIn(integrationEvent));
        return customer;
    }
}
