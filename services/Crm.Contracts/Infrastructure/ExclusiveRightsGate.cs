using Microsoft.EntityFrameworkCore.Storage;

namespace Crm.Contracts.Infrastructure;

/// <summary>
/// Queues this process's exclusive-territory checks before they reach the database, so that they wait their turn on
/// an async lock instead of colliding on SQLite's write lock. Across processes the database's own lock still decides
/// (see <see cref="ContractsDbContext.BeginExclusiveRightsTransactionAsync"/>).
/// </summary>
public sealed class ExclusiveRightsGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    internal Task EnterAsync(CancellationToken cancellationToken) => _gate.WaitAsync(cancellationToken);

    internal void Leave() => _gate.Release();
}

/// <summary>A transaction holding the exclusive-rights lock; disposing it releases both.</summary>
public sealed class ExclusiveRightsTransaction(IDbContextTransaction transaction, ExclusiveRightsGate gate) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try { await transaction.DisposeAsync(); }
        finally { gate.Leave(); }
    }
}
