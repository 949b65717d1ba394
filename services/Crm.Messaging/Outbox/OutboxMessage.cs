namespace Crm.Messaging.Outbox;

/// <summary>
/// What an outbox row and its quarantined copy hold: the event (type and body), its place in the publishing order, its
/// customer (the key of that order) and the trace of the request that wrote it.
/// </summary>
public abstract class OutboxRow
{
    /// <summary>Database-generated, strictly increasing: the publishing order.</summary>
    public long SequenceNumber { get; private protected set; }

    /// <summary>The event's <c>eventId</c>; also the MassTransit MessageId.</summary>
    public Guid MessageId { get; private protected set; }

    /// <summary>The exchange name, e.g. <c>crm.customer-registered</c>.</summary>
    public string MessageType { get; private protected set; } = "";

    public string Body { get; private protected set; } = "";

    public DateTimeOffset CreatedAt { get; private protected set; }

    /// <summary>The W3C trace context of the request that wrote the row, so that publishing continues its trace.</summary>
    public string? TraceParent { get; private protected set; }

    public string? TraceState { get; private protected set; }

    /// <summary>
    /// The event's customer: the key of ordering (a customer's rows go out one at a time, in sequence order). Null only
    /// on rows written before the column existed; those go out without waiting for anything.
    /// </summary>
    public Guid? CustomerId { get; private protected set; }
}

/// <summary>
/// An integration event waiting to be published, written in the same transaction as the change it reports.
/// The dispatcher publishes rows in <see cref="OutboxRow.SequenceNumber"/> order per customer (at most one of a customer's rows in
/// flight at a time) and deletes each only after the broker confirms.
/// </summary>
public sealed class OutboxMessage : OutboxRow
{
    private OutboxMessage() { }

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
            CustomerId = integrationEvent.CustomerId == Guid.Empty ? null : integrationEvent.CustomerId,
        };
    }

    /// <summary>The event the row holds; <see cref="OutboxRowUnreadableException"/> when it cannot be read back.</summary>
    public IntegrationEvent ToEvent()
    {
        if (!IntegrationEventTypes.ByExchange.TryGetValue(MessageType, out var type))
            throw new OutboxRowUnreadableException($"Outbox row {SequenceNumber} has unknown message type '{MessageType}'.", null);
        try
        {
            return JsonSerializer.Deserialize(Body, type, IntegrationEventJson.Options) as IntegrationEvent
                ?? throw new OutboxRowUnreadableException($"Outbox row {SequenceNumber} holds no {type.Name}.", null);
        }
        catch (JsonException e)
        {
            throw new OutboxRowUnreadableException($"Outbox row {SequenceNumber} is not a readable {type.Name}: {e.Message}", e);
        }
    }
}

/// <summary>A row whose type or body cannot be turned back into its event: retrying will not help, only a fix or a deploy.</summary>
public sealed class OutboxRowUnreadableException(string message, Exception? inner) : Exception(message, inner);

/// <summary>
/// An outbox row moved aside after it failed <see cref="OutboxOptions.MaxAttempts"/> times, with the last error. It keeps
/// its <see cref="OutboxRow.SequenceNumber"/>, so that a replay (operations runbook) puts it back in its place; while it is here,
/// the later rows of its customer wait in the outbox (docs/decisions/outbox-per-customer-order-and-quarantine.md).
/// </summary>
public sealed class QuarantinedOutboxMessage : OutboxRow
{
    private QuarantinedOutboxMessage() { }

    /// <summary>Failed attempts counted against the row before it was moved.</summary>
    public int Attempts { get; private set; }

    /// <summary>The last failure, shortened to <see cref="ErrorLength"/> characters.</summary>
    public string Error { get; private set; } = "";

    public DateTimeOffset QuarantinedAt { get; private set; }

    public const int ErrorLength = 2000;

    public static QuarantinedOutboxMessage From(OutboxMessage row, int attempts, Exception error, DateTimeOffset now)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        if (error.InnerException is { } inner) text += $" ({inner.GetType().Name}: {inner.Message})";
        return new QuarantinedOutboxMessage
        {
            SequenceNumber = row.SequenceNumber, MessageId = row.MessageId, MessageType = row.MessageType, Body = row.Body,
            CreatedAt = row.CreatedAt, TraceParent = row.TraceParent, TraceState = row.TraceState, CustomerId = row.CustomerId,
            Attempts = attempts, Error = text.Length > ErrorLength ? text[..ErrorLength] : text, QuarantinedAt = now,
        };
    }
}
