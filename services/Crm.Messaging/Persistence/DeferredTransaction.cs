using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Crm.Messaging.Persistence;

/// <summary>
/// A unit of work whose transaction begins at its first write rather than at its start: the reads before it take no
/// lock (on SQLite, no turn at the file's write gate), and every save after it (a handler's intermediate flush, the
/// final one) joins the one transaction that <see cref="CommitAsync"/> commits. Disposing without commit rolls it back.
/// What the reads saw may change before the write begins; the writes are then refused by their concurrency tokens and
/// unique keys, as on SQL Server, where reads never held locks either. Writes must go through <c>SaveChanges</c>: a bulk
/// statement (<c>ExecuteUpdate</c>, raw SQL) before the first save would commit on its own, so it is refused.
/// </summary>
public sealed class DeferredTransaction : IAsyncDisposable
{
    private readonly DbContext _db;

    internal DeferredTransaction(DbContext db) => _db = db;

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        DeferredTransactionInterceptor.Pending.Remove(_db);
        if (_db.Database.CurrentTransaction is { } transaction) await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        DeferredTransactionInterceptor.Pending.Remove(_db);
        if (_db.Database.CurrentTransaction is not { } transaction) return;
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        finally
        {
            await transaction.DisposeAsync();
        }
    }
}

public static class DeferredTransactions
{
    /// <summary>
    /// Starts a unit of work on <paramref name="db"/> whose transaction begins at its first save (see
    /// <see cref="DeferredTransaction"/>). Without the <see cref="DeferredTransactionInterceptor"/> on the context (it
    /// comes with <c>AddMessaging</c>) the transaction begins now, as a plain one.
    /// </summary>
    public static DeferredTransaction DeferTransaction(this DbContext db)
    {
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("A deferred transaction cannot start inside another transaction.");
        var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
        if (interceptors.OfType<DeferredTransactionInterceptor>().Any()) DeferredTransactionInterceptor.Pending.AddOrUpdate(db, new object());
        else db.Database.BeginTransaction();
        return new DeferredTransaction(db);
    }
}

/// <summary>Begins a <see cref="DeferredTransaction"/>'s transaction at the first save of its context.</summary>
public sealed class DeferredTransactionInterceptor : SaveChangesInterceptor, IDbCommandInterceptor
{
    internal static readonly ConditionalWeakTable<DbContext, object> Pending = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Begins(db)) await db.Database.BeginTransactionAsync(cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Begins(db)) db.Database.BeginTransaction();
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        RefuseBulkWrite(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        RefuseBulkWrite(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static bool Begins(DbContext db) => db.Database.CurrentTransaction is null && Pending.TryGetValue(db, out _);

    private static void RefuseBulkWrite(DbCommand command, CommandEventData eventData)
    {
        if (command.Transaction is null && eventData.Context is { } db && Begins(db) && SqliteWriteGateInterceptor.Writes(command.CommandText))
            throw new InvalidOperationException(
                "A bulk statement inside a deferred unit of work would commit on its own: stage the change and save it, or save once before.");
    }
}
