namespace Crm.Messaging.Inbox;

/// <summary>An event a consumer has handled, written in the same transaction as the handler's effect.</summary>
public sealed class InboxMessage
{
    private InboxMessage() { }

    public InboxMessage(Guid messageId, string consumer, DateTimeOffset processedAt)
    {
        MessageId = messageId;
        Consumer = consumer;
        ProcessedAt = processedAt;
    }

    public Guid MessageId { get; private set; }

    /// <summary>The handler's stable name: one event may be handled by several handlers, each once.</summary>
    public string Consumer { get; private set; } = "";

    public DateTimeOffset ProcessedAt { get; private set; }
}
