using Crm.ServiceDefaults.Problems;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore.Storage;

namespace Crm.Messaging.Persistence;

/// <summary>
/// One kind of write whose check and effect must not interleave with another of its kind anywhere in the group (a
/// registration and its duplicate check; an exclusive right and its overlap check). Within a process they queue on an
/// async gate, so they wait their turn instead of colliding on SQLite's write lock (whose busy handling sleeps and
/// retries); in the database SQLite's transactions take the write lock up front (BEGIN IMMEDIATE) and SQL Server takes
/// an application lock named <paramref name="resource"/>, for replicas. Register one subclass per kind as a singleton.
/// </summary>
public abstract class SerializedWriteGate(string resource, string busyDetail)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // sp_getapplock reports a timeout by its return value, not an error: turn it into one, so nothing runs unlocked.
    private readonly string _lockSql = $"""
        DECLARE @result int;
        EXEC @result = sp_getapplock @Resource = N'{resource}', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000;
        IF @result < 0 THROW 51000, N'The lock {resource} was not granted.', 1;
        """;

    public async Task<SerializedTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        IDbContextTransaction? transaction = null;
        try
        {
            transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsSqlServer()) await LockOnSqlServerAsync(db, cancellationToken);
            return new SerializedTransaction(transaction, _gate);
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            _gate.Release();
            throw;
        }
    }

    private async Task LockOnSqlServerAsync(DbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync(_lockSql, cancellationToken);
        }
        catch (SqlException e) when (e.Number == 51000)
        {
            throw new ConflictException(busyDetail, "Busy.");
        }
    }
}

/// <summary>A transaction holding a <see cref="SerializedWriteGate"/>; disposing it releases both.</summary>
public sealed class SerializedTransaction(IDbContextTransaction transaction, SemaphoreSlim gate) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try { await transaction.DisposeAsync(); }
        finally { gate.Release(); }
    }
}
