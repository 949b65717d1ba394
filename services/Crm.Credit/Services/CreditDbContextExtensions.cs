using Crm.Credit.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Crm.Credit.Services;

public static class CreditDbContextExtensions
{
    private const int Attempts = 5;

    /// <summary>
    /// Runs a read-then-write unit in one transaction. On SQLite the transaction takes the write lock up front (BEGIN
    /// IMMEDIATE), so such units run one after the other; on SQL Server two may read the same row, and the loser's
    /// concurrency token fails its save: the unit is then run again from a clean context, reading the winner's result.
    /// The work must save its own changes and must not have side effects outside the context.
    /// </summary>
    public static async Task<T> WriteAsync<T>(this CreditDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
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
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }
}
