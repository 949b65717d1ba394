namespace Crm.Messaging.Sweeps;

/// <summary>
/// What the group-wide sweeps share: every unit of work runs in a DI scope of its own that acts for every branch under
/// the sweep's name (no caller to take a branch from), candidates are decided in batches, and a unit that an event or
/// a person changed meanwhile is decided again on the fresh facts (at most <see cref="MaxAttempts"/> times, then left
/// to the next run).
/// </summary>
public sealed partial class SystemSweep<TContext>(IServiceScopeFactory scopes, string purpose, ILogger logger)
    where TContext : DbContext
{
    public const int MaxAttempts = 3;

    /// <summary>Runs <paramref name="work"/> in a scope of its own, acting for every branch as the sweep.</summary>
    public async Task<T> InScopeAsync<T>(Func<TContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateSystemScope(purpose);
        return await work(scope.ServiceProvider.GetRequiredService<TContext>(), scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="work"/> on each batch of <paramref name="ids"/> (at least one id each), each batch in a scope of its own.</summary>
    public async Task ForEachBatchAsync(IEnumerable<Guid> ids, int batchSize, Func<TContext, IServiceProvider, Guid[], Task> work)
    {
        foreach (var batch in ids.Chunk(Math.Max(1, batchSize)))
            await InScopeAsync(async (db, services) => { await work(db, services, batch); return 0; });
    }

    /// <summary>
    /// Decides one unit of work; when saving it fails because something changed meanwhile (a version moved on, the same
    /// row was written), forgets what this attempt decided and decides again; after the last attempt returns
    /// <paramref name="gaveUp"/> and leaves the unit to the next run.
    /// </summary>
    public async Task<T> DecideAsync<T>(TContext db, string kind, Guid id, Func<Task<T>> decide, T gaveUp)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await decide();
            }
            catch (DbUpdateException e) when (attempt < MaxAttempts)
            {
                LogRetried(logger, e, kind, id, purpose, attempt);
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException e)
            {
                LogGaveUp(logger, e, kind, id, purpose);
                db.ChangeTracker.Clear();
                return gaveUp;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} {Id} changed during {Sweep} (attempt {Attempt}); deciding again")]
    private static partial void LogRetried(ILogger logger, Exception exception, string kind, Guid id, string sweep, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} {Id} kept changing during {Sweep}; the next run decides it")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string kind, Guid id, string sweep);
}
