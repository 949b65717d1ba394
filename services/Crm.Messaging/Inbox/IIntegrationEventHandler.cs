namespace Crm.Messaging.Inbox;

/// <summary>
/// A service's reaction to an integration event. It stages its effect on the service's scoped DbContext and does
/// not save: the inbox saves the effect together with the record that the event was handled, in one transaction,
/// so a redelivered event changes nothing. Throwing rolls everything back and the message is retried.
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

/// <summary>
/// A handler that can do its reads before its event's turn at the SQLite batch writer (<see cref="InboxBatcher{TContext}"/>).
/// On SQLite the inbox calls <see cref="PrepareAsync"/> in the consumer's own scope (its own DbContext and connection),
/// outside the write lock and concurrently with other events, then hands the event to the batch writer, which calls
/// <see cref="ApplyAsync"/> with what the preparation returned, in the batch's unit of work. The writer then spends its
/// turn on the writes only. What the preparation read may have changed before the writer's turn: <see cref="ApplyAsync"/>
/// must find that out and read again (for example by calling <see cref="IIntegrationEventHandler{TEvent}.HandleAsync"/>).
/// A preparation is applied at most once: when a batch fails and its events are applied again one by one, and on SQL
/// Server, the inbox calls <see cref="IIntegrationEventHandler{TEvent}.HandleAsync"/> as for any handler.
/// </summary>
public interface IPreparingIntegrationEventHandler<in TEvent> : IIntegrationEventHandler<TEvent> where TEvent : IntegrationEvent
{
    /// <summary>Reads what the event's effect depends on; must not write. Null: nothing prepared.</summary>
    Task<object?> PrepareAsync(TEvent integrationEvent, CancellationToken cancellationToken);

    /// <summary>Stages the event's effect from <paramref name="prepared"/>, as <c>HandleAsync</c> would, without saving.</summary>
    Task ApplyAsync(TEvent integrationEvent, object prepared, CancellationToken cancellationToken);
}
