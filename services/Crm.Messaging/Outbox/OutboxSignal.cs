using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Crm.Messaging.Outbox;

/// <summary>Wakes the dispatcher as soon as outbox rows are committed, so that it need not poll fast.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { /* already signalled: one wake-up covers every row committed so far */ }
    }

    /// <summary>Returns when notified or after <paramref name="timeout"/>, whichever is first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Notifies the <see cref="OutboxSignal"/> after a save or commit of a context that wrote outbox rows. A save inside a
/// transaction is remembered until the commit (a rollback forgets it), since the unit of work may stop tracking its rows
/// before it commits (the inbox's batches clear the tracker after each event).
/// </summary>
public sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Keyed by the context instance (one per unit of work at a time), so one table serves every interceptor.
    private static readonly ConditionalWeakTable<DbContext, object> AwaitingCommit = new();

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Saved(eventData.Context, result));

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) => Saved(eventData.Context, result);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Committed(eventData.Context);

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        RolledBack(eventData.Context);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    // Each serves the synchronous and the asynchronous interception point alike: nothing here waits.

    private T Saved<T>(DbContext? context, T result)
    {
        if (!WroteOutboxRows(context)) return result;
        if (context!.Database.CurrentTransaction is null) signal.Notify();
        else AwaitingCommit.AddOrUpdate(context, context);
        return result;
    }

    private Task Committed(DbContext? context)
    {
        if (context is not null && (AwaitingCommit.Remove(context) || WroteOutboxRows(context))) signal.Notify();
        return Task.CompletedTask;
    }

    private static Task RolledBack(DbContext? context)
    {
        Forget(context);
        return Task.CompletedTask;
    }

    /// <summary>Forgets a save awaiting its commit: the context's unit of work ended (a rollback, or a pooled context going back to its pool).</summary>
    internal static void Forget(DbContext? context)
    {
        if (context is not null) AwaitingCommit.Remove(context);
    }

    // The dispatcher reads with no tracking, so a tracked outbox row is one this context wrote (added explicitly: no
    // change detection needed to see it).
    private static bool WroteOutboxRows(DbContext? context) =>
        context is IMessagingDbContext && context.ChangeTracker.TrackedEntriesOf<OutboxMessage>().Any();
}
