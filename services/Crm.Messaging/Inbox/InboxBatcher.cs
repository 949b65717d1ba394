using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Crm.Messaging.Inbox;

/// <summary>The inbox's batching on SQLite, in the <c>Messaging</c> section.</summary>
public sealed class InboxBatchOptions
{
    /// <summary>
    /// Events of one branch committed together in one transaction on SQLite (1: each in its own). SQLite has one writer
    /// at a time, so a batch pays one turn at the write lock and one commit for several events.
    /// </summary>
    public int InboxBatchSize { get; set; } = 16;
}

/// <summary>One consumed event waiting for its turn: what the inbox needs to apply it once.</summary>
internal sealed class InboxWork(IntegrationEvent integrationEvent, string consumer, Func<IServiceProvider, CancellationToken, Task> handle)
{
    public IntegrationEvent Event { get; } = integrationEvent;
    public string Consumer { get; } = consumer;
    public Func<IServiceProvider, CancellationToken, Task> Handle { get; } = handle;
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The consumer's span: the event is applied under it, so what it publishes stays in the sender's trace.</summary>
    public Activity? ConsumerActivity { get; } = Activity.Current;
}

/// <summary>
/// On SQLite, the service's consumers hand their events to this one writer (group commit): it takes what has arrived
/// meanwhile, up to <see cref="InboxBatchOptions.InboxBatchSize"/> events of one branch, and applies them one after the
/// other in one unit of work and one transaction, each behind its inbox check and with its inbox record. When anything
/// in a batch fails, the whole batch rolls back and its events are applied again one by one, each in its own unit of
/// work: one bad event fails alone (MassTransit retries it, then parks it in <c>_error</c>) and the others commit. Each
/// consumer learns the outcome of its own event only, so acknowledgement, retry and redelivery stay per message, and
/// exactly-once holds as before: an event's effect and its inbox record commit together or not at all.
/// </summary>
public sealed partial class InboxBatcher<TContext>(
    IServiceScopeFactory scopes, InboxMetrics metrics, TimeProvider clock, IOptions<InboxBatchOptions> options,
    ILogger<InboxBatcher<TContext>> logger)
    : BackgroundService
    where TContext : DbContext, IMessagingDbContext
{
    private readonly Channel<InboxWork> _queue = Channel.CreateUnbounded<InboxWork>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Applies the event through the batch writer; completes when its unit of work committed (or throws its failure).</summary>
    internal async Task ApplyAsync(InboxWork work, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(work)) throw new InvalidOperationException("The inbox batch writer has stopped.");
        await work.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var size = Math.Max(1, options.Value.InboxBatchSize);
        var batch = new List<InboxWork>(size);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < size && _queue.Reader.TryRead(out var work)) batch.Add(work);
                foreach (var branch in batch.GroupBy(w => w.Event.BranchId, StringComparer.Ordinal))
                    await ApplyBatchAsync([.. branch]);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _queue.Writer.TryComplete();
            foreach (var work in batch) work.Done.TrySetCanceled(CancellationToken.None);
            while (_queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled(CancellationToken.None);
        }
    }

    private async Task ApplyBatchAsync(IReadOnlyList<InboxWork> batch)
    {
        if (batch.Count > 1)
        {
            try
            {
                await ApplyTogetherAsync(batch, $"the inbox ({batch.Count} events together)");
                return;
            }
            catch (Exception e)
            {
                metrics.BatchFellBack();
                LogBatchFailed(logger, e, batch.Count);
            }
        }
        foreach (var work in batch)
        {
            try
            {
                await ApplyTogetherAsync([work], $"the consumer {work.Consumer}");
            }
            catch (Exception e)
            {
                work.Done.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// One unit of work for the events: the inbox is read first, outside the write lock; the transaction (and with it the
    /// lock) begins at the first write and commits once, after the last event. Each event's changes are saved (into the
    /// transaction) and then no longer tracked, so that an event costs the same at the end of a batch as at its start.
    /// Completes each event's consumer.
    /// </summary>
    private async Task ApplyTogetherAsync(IReadOnlyList<InboxWork> batch, string purpose)
    {
        // Not the consumers' tokens: a batch serves several, and what one of them no longer waits for may still commit
        // (its redelivery then finds it in the inbox).
        var cancellationToken = CancellationToken.None;
        await using var scope = scopes.CreateBranchScope(batch[0].Event.BranchId, purpose);
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var ids = batch.Select(w => w.Event.EventId).Distinct().ToList();
        var seen = (await db.InboxMessages.AsNoTracking().Where(m => ids.Contains(m.MessageId))
                .Select(m => new { m.MessageId, m.Consumer }).ToListAsync(cancellationToken))
            .Select(m => (m.MessageId, m.Consumer)).ToHashSet();

        await using var unit = db.DeferTransaction();
        var duplicates = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var work = batch[i];
            if (!seen.Add((work.Event.EventId, work.Consumer)))
            {
                duplicates[i] = true;
                continue;
            }
            var writer = Activity.Current;
            Activity.Current = work.ConsumerActivity;
            try
            {
                await work.Handle(scope.ServiceProvider, cancellationToken);
                db.InboxMessages.Add(new InboxMessage(work.Event.EventId, work.Consumer, clock.GetUtcNow()));
                await db.SaveChangesAsync(cancellationToken);
                // Saved in the transaction: the next event reads it back from there. Tracking it on would make every
                // later save of the batch scan it again for changes (each save's cost growing with the batch).
                db.ChangeTracker.Clear();
            }
            finally
            {
                Activity.Current = writer;
            }
        }
        await unit.CommitAsync(cancellationToken);

        metrics.Batch(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (duplicates[i]) metrics.Duplicate(batch[i].Consumer);
            else metrics.Processed(batch[i].Consumer);
            batch[i].Done.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} events failed and rolled back; applying them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
