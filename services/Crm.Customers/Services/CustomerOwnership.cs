using Crm.Messaging.Outbox;

namespace Crm.Customers.Services;

/// <summary>
/// Who answers for a customer and whether the relationship is alive (专人负责): its owner rep (客户转移, with the week to
/// make contact) and its status (活跃, 非活跃, 丢失). Each change needs a reason and the card's version.
/// </summary>
public sealed class CustomerOwnership(
    CustomersDbContext db, CustomerAccess access, BusinessCalendar calendar, TimeProvider clock, ContactDeadline deadline, CustomersMetrics metrics)
{
    public async Task<Customer> ChangeStatusAsync(Guid id, ChangeStatusRequest request, long expectedVersion, CancellationToken cancellationToken)
    {
        var customer = await db.LoadCustomerAsync(id, cancellationToken);
        access.EnsureCanChangeStatus(customer);
        new ValidationErrors()
            .Required("status", request.Status, "active, inactive or lost")
            .Required("reason", request.Reason, CustomerHistoryEntry.ReasonMaxLength)
            .ThrowIfAny();
        db.CheckVersion(customer, expectedVersion);

        var now = clock.GetUtcNow();
        var reason = request.Reason!.Trim();
        var previous = customer.ChangeStatus(request.Status!.Value, access.Actor, reason, now);
        db.AddIntegrationEvent(CustomerIntegrationEvents.StatusChanged(customer, previous, reason, access.Actor, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        metrics.StatusChanged(ApiNames.Of(customer.Status));
        return customer;
    }

    /// <summary>Reassigns the customer (sales administration manager and above, as the route requires).</summary>
    public async Task<Customer> ReassignAsync(Guid id, ReassignOwnerRequest request, long expectedVersion, CancellationToken cancellationToken)
    {
        var customer = await db.LoadCustomerAsync(id, cancellationToken);
        new ValidationErrors()
            .Required("ownerId", request.OwnerId, 100)
            .MaxLength("ownerName", request.OwnerName, 100)
            .Required("reason", request.Reason, CustomerHistoryEntry.ReasonMaxLength)
            .ThrowIfAny();
        db.CheckVersion(customer, expectedVersion);

        var missedDeadline = deadline.IsOverdue(customer, await deadline.FirstContactByOwnerAsync(db, customer, cancellationToken));
        var now = clock.GetUtcNow();
        var reason = request.Reason!.Trim();
        var previous = customer.Reassign(
            request.OwnerId!.Trim(), CustomerProfile.Clean(request.OwnerName), access.Actor,
            missedDeadline ? $"{reason} (the previous owner had not made contact by {deadline.DueOn(customer):yyyy-MM-dd})" : reason,
            now, calendar.Today);
        db.AddIntegrationEvent(
            CustomerIntegrationEvents.OwnerChanged(customer, previous, missedDeadline, deadline.DueOn(customer), reason, access.Actor, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        metrics.Reassigned(missedDeadline);
        return customer;
    }
}
