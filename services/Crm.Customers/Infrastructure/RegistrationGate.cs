using Microsoft.EntityFrameworkCore.Storage;

namespace Crm.Customers.Infrastructure;

/// <summary>
/// Queues this process's registrations before they reach the database, so that they wait their turn on an async
/// lock instead of colliding on SQLite's write lock (whose busy handling sleeps and retries). Across processes the
/// database's own lock still decides (see <see cref="CustomersDbContext.BeginRegistrationTransactionAsync"/>).
/// </summary>
public sealed class RegistrationGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    internal Task EnterAsync(CancellationToken cancellationToken) => _gate.WaitAsync(cancellationToken);

    internal void Leave() => _gate.Release();
}

/// <summary>A transaction holding the registration lock; disposing it releases both.</summary>
public sealed class RegistrationTransaction(IDbContextTransaction transaction, RegistrationGate gate) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try { await transaction.DisposeAsync(); }
        finally { gate.Leave(); }
    }
}
