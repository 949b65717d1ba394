using Polly;
using Polly.Retry;

namespace Crm.Messaging.Persistence;

/// <summary>
/// Applies the provider's migrations before the host serves anything (hosted services start before the server
/// listens). Waits for a database that is still starting, with backoff, up to two minutes.
/// </summary>
public sealed partial class DatabaseMigrator<TContext>(
    IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    private readonly ResiliencePipeline _waitForDatabase = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(10),
            MaxRetryAttempts = 20,
            OnRetry = args =>
            {
                LogWaiting(logger, args.Outcome.Exception, typeof(TContext).Name, args.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        })
        .AddTimeout(TimeSpan.FromMinutes(2))
        .Build();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _waitForDatabase.ExecuteAsync(async token =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            await db.Database.MigrateAsync(token);
            if (db.Database.IsSqlite())
            {
                // Write-ahead logging lets readers go on while the outbox dispatcher or a consumer writes.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", token);
            }
            LogMigrated(logger, typeof(TContext).Name, db.Database.ProviderName);
        }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database for {Context} not ready (attempt {Attempt}); retrying")]
    private static partial void LogWaiting(ILogger logger, Exception? exception, string context, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database for {Context} migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string context, string? provider);
}
