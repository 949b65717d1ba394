namespace Crm.Messaging.Persistence;

/// <summary>Which failed saves mean "someone else wrote first": the unit of work then runs again.</summary>
public enum WriteConflicts
{
    /// <summary>A concurrency token changed under the unit.</summary>
    Concurrency,

    /// <summary>That, or a unique key taken by a concurrent insert (a number counter, a one-per-something row).</summary>
    ConcurrencyAndUniqueKeys,
}

public static class TransactionalWrites
{
    private const int Attempts = 5;

    /// <summary>
    /// Runs a read-then-write unit in one transaction. On SQLite the transaction takes the write lock up front (BEGIN
    /// IMMEDIATE), so such units run one after the other; on SQL Server two may read the same row, and the loser's save
    /// fails (its concurrency token, or a unique key with <see cref="WriteConflicts.ConcurrencyAndUniqueKeys"/>): the
    /// unit then runs again from a clean context, reading the winner's result. The work must save its own changes and
    /// must not have side effects outside the context.
    /// </summary>
    public static async Task<T> WriteAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken,
        WriteConflicts retryOn = WriteConflicts.Concurrency)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await work(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException e) when (attempt < Attempts && (e is DbUpdateConcurrencyException || retryOn == WriteConflicts.ConcurrencyAndUniqueKeys))
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }
}
