namespace Crm.Messaging.Inbox;

/// <summary>
/// Runs a handler at most once per <c>eventId</c>: checks the inbox, applies the handler, records the event, and
/// commits all of it in one transaction. On SQLite the event goes to the service's one batch writer
/// (<see cref="InboxBatcher{TContext}"/>), which applies events one after the other, so two deliveries of one event
/// cannot both pass the check; on SQL Server the inbox's primary key refuses the second, whose retry then finds the
/// first. The handler acts for the event's branch only (its <c>branchId</c>): a consumer sees and changes that branch's
/// rows, never the whole group by default.
/// </summary>
public sealed class InboxConsumer<TEvent, THandler, TContext>(
    IServiceProvider services, InboxBatcher<TContext> batcher, InboxMetrics metrics, TimeProvider clock)
    : IConsumer<TEvent>
    where TEvent : IntegrationEvent
    where THandler : IIntegrationEventHandler<TEvent>
    where TContext : DbContext, IMessagingDbContext
{
    /// <summary>The name kept in the inbox: stable as long as the handler class keeps its name.</summary>
    public static string ConsumerName { get; } = typeof(THandler).Name;

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var integrationEvent = context.Message;
        var cancellationToken = context.CancellationToken;
        var db = services.GetRequiredService<TContext>();
        if (db.Database.IsSqlite())
        {
            var prepared = await PrepareAsync(integrationEvent, cancellationToken);
            await batcher.ApplyAsync(new InboxWork(integrationEvent, ConsumerName, (scope, token) =>
            {
                var handler = scope.GetRequiredService<THandler>();
                // A preparation is applied once: a batch applied again one by one reads again.
                return Interlocked.Exchange(ref prepared, null) is { } reads && handler is IPreparingIntegrationEventHandler<TEvent> preparing
                    ? preparing.ApplyAsync(integrationEvent, reads, token)
                    : handler.HandleAsync(integrationEvent, token);
            }), cancellationToken);
            return;
        }

        services.GetRequiredService<BackgroundIdentity>().ActForBranch(integrationEvent.BranchId, $"the consumer {ConsumerName}");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var seen = await db.InboxMessages.AnyAsync(
            m => m.MessageId == integrationEvent.EventId && m.Consumer == ConsumerName, cancellationToken);
        if (seen)
        {
            metrics.Duplicate(ConsumerName);
            return;
        }

        await services.GetRequiredService<THandler>().HandleAsync(integrationEvent, cancellationToken);
        db.InboxMessages.Add(new InboxMessage(integrationEvent.EventId, ConsumerName, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Processed(ConsumerName);
    }

    /// <summary>
    /// A handler that can read before its turn at the batch writer does so here, in this consumer's scope and for the
    /// event's branch, concurrently with other consumers and outside the write lock.
    /// </summary>
    private async Task<object?> PrepareAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        if (!typeof(IPreparingIntegrationEventHandler<TEvent>).IsAssignableFrom(typeof(THandler))) return null;
        services.GetRequiredService<BackgroundIdentity>().ActForBranch(integrationEvent.BranchId, $"the consumer {ConsumerName} (reading ahead)");
        return await ((IPreparingIntegrationEventHandler<TEvent>)services.GetRequiredService<THandler>()).PrepareAsync(integrationEvent, cancellationToken);
    }
}

/// <summary>Events handled, and redeliveries the inbox absorbed.</summary>
public sealed class InboxMetrics : MessagingMetrics
{
    private readonly Counter<long> _processed;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _pruned;
    private readonly Histogram<long> _batchSize;
    private readonly Counter<long> _batchFallbacks;

    public InboxMetrics(IMeterFactory meters) : base(meters)
    {
        _processed = Meter.CreateCounter<long>("crm.inbox.processed", "{message}", "Integration events handled");
        _duplicates = Meter.CreateCounter<long>("crm.inbox.duplicates", "{message}", "Redelivered integration events skipped by the inbox");
        _batchSize = Meter.CreateHistogram<long>("crm.inbox.batch_size", "{message}", "Events committed together in one transaction (SQLite)");
        _batchFallbacks = Meter.CreateCounter<long>("crm.inbox.batch_fallbacks", "{batch}", "Batches that failed and were applied again one event at a time (SQLite)");
        _pruned = Meter.CreateCounter<long>("crm.inbox.pruned", "{message}", "Ids of handled events deleted from the inbox after the retention period");
    }

    internal void Processed(string consumer) => _processed.Add(1, new KeyValuePair<string, object?>("crm.consumer", consumer));

    internal void Batch(int size) => _batchSize.Record(size);

    internal void BatchFellBack() => _batchFallbacks.Add(1);

    internal void Pruned(int count)
    {
        if (count > 0) _pruned.Add(count);
    }

    internal void Duplicate(string consumer) => _duplicates.Add(1, new KeyValuePair<string, object?>("crm.consumer", consumer));
}
