namespace Crm.Events;

/// <summary>
/// The envelope every event carries about its subject (<see cref="IntegrationEvent.OccurredAt"/>,
/// <see cref="IntegrationEvent.BranchId"/>, <see cref="IntegrationEvent.CustomerId"/>), set in one place: a publisher
/// writes the event's own fields and says whose fact it is and when it happened.
/// </summary>
public static class IntegrationEventEnvelope
{
    /// <summary>
    /// The event about <paramref name="customerId"/> of <paramref name="branchId"/>, as of <paramref name="occurredAt"/>.
    /// Its other fields (and its <see cref="IntegrationEvent.EventId"/>) are kept.
    /// </summary>
    public static TEvent About<TEvent>(this TEvent integrationEvent, string branchId, Guid customerId, DateTimeOffset occurredAt)
        where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        IntegrationEvent stamped = integrationEvent with { OccurredAt = occurredAt, BranchId = branchId, CustomerId = customerId };
        return (TEvent)stamped;
    }
}
