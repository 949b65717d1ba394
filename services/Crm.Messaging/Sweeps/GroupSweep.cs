namespace Crm.Messaging.Sweeps;

/// <summary>
/// What a group-wide sweep service is made of: its <see cref="SystemSweep{TContext}"/> under the purpose it declares
/// (it acts for every branch, by name: there is no caller to take a branch from), its logger, and the read of its
/// candidates' ids in a scope of their own. A derived class is the sweep's own decisions.
/// </summary>
public abstract class GroupSweep<TContext>(IServiceScopeFactory scopes, string purpose, ILogger logger)
    where TContext : DbContext
{
    protected ILogger Logger { get; } = logger;

    protected SystemSweep<TContext> Sweep { get; } = new(scopes, purpose, logger);

    /// <summary>The ids that <paramref name="candidates"/> selects, read in a scope of their own.</summary>
    protected Task<List<Guid>> CandidatesAsync(Func<TContext, IQueryable<Guid>> candidates, CancellationToken cancellationToken) =>
        Sweep.InScopeAsync((db, _) => candidates(db).ToListAsync(cancellationToken));
}
