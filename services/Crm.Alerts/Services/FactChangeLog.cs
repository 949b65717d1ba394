using System.Data.Common;
using System.Runtime.CompilerServices;
using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Alerts.Services;

/// <summary>
/// Tells whether what was read about a customer may have changed since: the sale handler reads before its turn at the
/// write lock (on its own connection, concurrently with the writer), and the writer applies those reads only if no write
/// that could change them was in progress or committed meanwhile. Every save of this process through EF is seen by
/// <see cref="FactChangeInterceptor"/>: a save that touches a customer's rows (the customer, its sales, plans, expenses,
/// reminders, complaints, missed visits, alerts) marks that customer; any other row (contracts, whose exclusive rights
/// bear on other customers' territories; rule settings) marks every customer. A mark is held from before the write until
/// its commit or rollback, and stamped with a new epoch at the commit. Customers are kept in a fixed number of slots
/// (two customers may share one, which only costs a needless read again), so the log never grows.
/// </summary>
/// <remarks>
/// Why this is enough: reads that missed a write began before that write committed, so either its commit was stamped
/// after the reader took <see cref="Epoch"/> (a later epoch), or, when the check comes before the stamp, the write is
/// still marked as in progress. Writes from another process to the same file are not seen; the service runs one process
/// per SQLite file (docs/decisions/sqlite-write-gate.md), and on SQL Server nothing is read ahead.
/// </remarks>
public sealed class FactChangeLog
{
    private const int Slots = 4096;

    private readonly long[] _stamps = new long[Slots];
    private readonly int[] _inProgress = new int[Slots];
    private long _globalStamp;
    private int _globalInProgress;
    private long _epoch;

    /// <summary>Take before reading; pass to <see cref="ChangedSince"/> before applying what was read.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>True when a write that may change the customer's facts was committed after <paramref name="epoch"/> or is under way.</summary>
    public bool ChangedSince(long epoch, Guid customerId)
    {
        var slot = SlotOf(customerId);
        return Volatile.Read(ref _globalInProgress) > 0 || Volatile.Read(ref _inProgress[slot]) > 0
            || Interlocked.Read(ref _globalStamp) > epoch || Interlocked.Read(ref _stamps[slot]) > epoch;
    }

    /// <summary>True when a write to what is not one customer's (contracts, rule settings) was committed after <paramref name="epoch"/> or is under way.</summary>
    public bool AnyGlobalChangeSince(long epoch) => Volatile.Read(ref _globalInProgress) > 0 || Interlocked.Read(ref _globalStamp) > epoch;

    internal void Begin(Marks marks)
    {
        if (marks.Global) Interlocked.Increment(ref _globalInProgress);
        foreach (var slot in marks.Slots) Interlocked.Increment(ref _inProgress[slot]);
    }

    /// <summary>The write ended: committed (stamped with a new epoch, then no longer in progress) or not.</summary>
    internal void End(Marks marks, bool committed)
    {
        if (committed)
        {
            var epoch = Interlocked.Increment(ref _epoch);
            if (marks.Global) Raise(ref _globalStamp, epoch);
            foreach (var slot in marks.Slots) Raise(ref _stamps[slot], epoch);
        }
        if (marks.Global) Interlocked.Decrement(ref _globalInProgress);
        foreach (var slot in marks.Slots) Interlocked.Decrement(ref _inProgress[slot]);
    }

    internal static int SlotOf(Guid customerId) => (int)((uint)customerId.GetHashCode() % Slots);

    private static void Raise(ref long stamp, long epoch)
    {
        var seen = Interlocked.Read(ref stamp);
        while (seen < epoch)
        {
            var previous = Interlocked.CompareExchange(ref stamp, epoch, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    /// <summary>What one unit of work marked: slots of customers, or everything.</summary>
    internal sealed class Marks
    {
        public HashSet<int> Slots { get; } = [];
        public bool Global { get; set; }
        public bool IsEmpty => !Global && Slots.Count == 0;
    }
}

/// <summary>
/// Feeds the <see cref="FactChangeLog"/> from every save: marks what the save touches before it writes, and ends the
/// marks when the save's transaction (its own, or the unit of work's it joined) commits or rolls back. Conservative by
/// design: every customer row tracked by the saving context counts as touched, changed or not.
/// </summary>
public sealed class FactChangeInterceptor(FactChangeLog log) : SaveChangesInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, FactChangeLog.Marks> _open = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // A save outside a unit of work's transaction committed with its own (or wrote one statement, committed at once).
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EndUnlessInTransaction(eventData.Context, committed: true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EndUnlessInTransaction(eventData.Context, committed: true);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => EndUnlessInTransaction(eventData.Context, committed: false);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndUnlessInTransaction(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => End(eventData.Context, committed: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        End(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => End(eventData.Context, committed: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        End(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => End(eventData.Context, committed: false);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        End(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback tells no interceptor; its context's connection closing does.
    // Counted as committed: whether it did is unknown, and a needless read again is the safe side.
    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        End(eventData.Context, committed: true);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        End(eventData.Context, committed: true);
        return ValueTask.FromResult(result);
    }

    private void Mark(DbContext? context)
    {
        if (context is null) return;
        var marks = new FactChangeLog.Marks();
        foreach (var entry in context.ChangeTracker.TrackedEntriesOf<object>())
        {
            if (entry.Metadata.IsOwned()) continue; // an alert's evidence and timeline: the alert is tracked too
            switch (entry.Entity)
            {
                case InboxMessage or OutboxMessage:
                    break;
                case Customer customer:
                    marks.Slots.Add(FactChangeLog.SlotOf(customer.Id));
                    break;
                case IAboutCustomer row:
                    marks.Slots.Add(FactChangeLog.SlotOf(row.CustomerId));
                    break;
                default:
                    // Contracts (an exclusive right bears on other customers' territories), rule settings, anything else.
                    marks.Global = true;
                    break;
            }
        }
        if (marks.IsEmpty) return;
        lock (_open)
        {
            // Another save of the same unit of work joins its open marks: only what is new to them begins (each mark ends once).
            if (!_open.TryGetValue(context, out var open)) _open.Add(context, open = new FactChangeLog.Marks());
            var added = new FactChangeLog.Marks { Global = marks.Global && !open.Global };
            open.Global |= marks.Global;
            foreach (var slot in marks.Slots)
                if (open.Slots.Add(slot)) added.Slots.Add(slot);
            log.Begin(added);
        }
    }

    private void EndUnlessInTransaction(DbContext? context, bool committed)
    {
        if (context is not null && context.Database.CurrentTransaction is null) End(context, committed);
    }

    private void End(DbContext? context, bool committed)
    {
        if (context is null) return;
        FactChangeLog.Marks? marks;
        lock (_open)
        {
            if (!_open.TryGetValue(context, out marks)) return;
            _open.Remove(context);
        }
        log.End(marks, committed);
    }
}
