namespace Crm.Events;

/// <summary>
/// What every integration event carries. Delivery is at least once: subscribers de-duplicate on <see cref="EventId"/>.
/// </summary>
[ExcludeFromTopology]
public abstract record IntegrationEvent
{
    /// <summary>Unique per event; the same value on every redelivery.</summary>
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    /// <summary>When the fact happened, with offset.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The branch (分公司) that owns the customer.</summary>
    public string BranchId { get; init; } = "";

    /// <summary>The customer the fact is about.</summary>
    public Guid CustomerId { get; init; }
}
