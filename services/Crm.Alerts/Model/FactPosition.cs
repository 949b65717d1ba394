namespace Crm.Alerts.Model;

/// <summary>
/// Where a fact stands in one customer's history: events are ordered by when they happened (<c>occurredAt</c>), and
/// events of the same instant by <c>eventId</c>. Any total order would do for ties; what matters is that every arrival
/// order of the same events ends in the same state, so a late older event never overwrites a newer one.
/// </summary>
public readonly record struct FactPosition(DateTimeOffset At, Guid EventId) : IComparable<FactPosition>
{
    public static FactPosition Of(IntegrationEvent integrationEvent) => new(integrationEvent.OccurredAt, integrationEvent.EventId);

    /// <summary>The stored position, if both of its halves were stored.</summary>
    public static FactPosition? Stored(DateTimeOffset? at, Guid? eventId) =>
        at is { } instant && eventId is { } id ? new FactPosition(instant, id) : null;

    public int CompareTo(FactPosition other)
    {
        var byTime = At.UtcTicks.CompareTo(other.At.UtcTicks);
        return byTime != 0 ? byTime : EventId.CompareTo(other.EventId);
    }

    /// <summary>True when this fact is newer than the one kept (or nothing is kept yet).</summary>
    public bool Supersedes(FactPosition? kept) => kept is null || CompareTo(kept.Value) > 0;
}
