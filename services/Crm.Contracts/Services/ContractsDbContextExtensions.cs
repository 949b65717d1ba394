using Crm.Contracts.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Crm.Contracts.Services;

public static class ContractsDbContextExtensions
{
    private const int Attempts = 5;

    /// <summary>
    /// Runs a read-then-write unit in one transaction. On SQLite the transaction takes the write lock up front (BEGIN
    /// IMMEDIATE), so such units run one after the other; on SQL Server two may read the same row (a number counter,
    /// a contract), and the loser's concurrency token or unique key fails its save: the unit then runs again from a
    /// clean context, reading the winner's result. The work must save its own changes.
    /// </summary>
    public static async Task<T> WriteAsync<T>(this ContractsDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
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
            catch (DbUpdateException) when (attempt < Attempts)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }
}
