using Crm.Messaging.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Data.Common;

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

/// <summary>Notifies the <see cref="OutboxSignal"/> after a save or commit of a context that wrote outbox rows.</summary>
public sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfOutboxWritten(eventData.Context, inTransaction: eventData.Context?.Database.CurrentTransaction is not null);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfOutboxWritten(eventData.Context, inTransaction: eventData.Context?.Database.CurrentTransaction is not null);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyIfOutboxWritten(eventData.Context, inTransaction: false);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        NotifyIfOutboxWritten(eventData.Context, inTransaction: false);

    // The dispatcher reads with no tracking, so a tracked outbox row is one this context wrote.
    private void NotifyIfOutboxWritten(DbContext? context, bool inTransaction)
    {
        if (!inTransaction && context is IMessagingDbContext && context.ChangeTracker.Entries<OutboxMessage>().Any())
            signal.Notify();
    }
}
