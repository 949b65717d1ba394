using System.Diagnostics;
using System.Text.Json;
using Crm.Events;

namespace Crm.Messaging.Outbox;

/// <summary>
/// An integration event waiting to be published, written in the same transaction as the change it reports.
/// The dispatcher publishes rows in <see cref="SequenceNumber"/> order and deletes each only after the broker confirms.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    /// <summary>Database-generated, strictly increasing: the publishing order.</summary>
    public long SequenceNumber { get; private set; }

    /// <summary>The event's <c>eventId</c>; also the MassTransit MessageId.</summary>
    public Guid MessageId { get; private set; }

    /// <summary>The exchange name, e.g. <c>crm.customer-registered</c>.</summary>
    public string MessageType { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The W3C trace context of the request that wrote the row, so that publishing continues its trace.</summary>
    public string? TraceParent { get; private set; }

    public string? TraceState { get; private set; }

    public static OutboxMessage For(IntegrationEvent integrationEvent, DateTimeOffset now)
    {
        var type = integrationEvent.GetType();
        var activity = Activity.Current;
        return new OutboxMessage
        {
            MessageId = integrationEvent.EventId,
            MessageType = IntegrationEventTypes.ExchangeOf(type),
            Body = JsonSerializer.Serialize(integrationEvent, type, IntegrationEventJson.Options),
            CreatedAt = now,
            TraceParent = activity?.Id is { } id && activity.IdFormat == ActivityIdFormat.W3C ? id : null,
            TraceState = activity?.TraceStateString,
        };
    }

    public IntegrationEvent ToEvent() =>
        IntegrationEventTypes.ByExchange.TryGetValue(MessageType, out var type)
            ? (IntegrationEvent)JsonSerializer.Deserialize(Body, type, IntegrationEventJson.Options)!
            : throw new InvalidOperationException($"Outbox row {SequenceNumber} has unknown message type '{MessageType}'.");
}
