using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Crm.Messaging.Persistence;

/// <summary>
/// What every service's DbContext shares: its entity configurations (every <see cref="IEntityTypeConfiguration{TEntity}"/>
/// of the service's assembly), the outbox and inbox tables, reads scoped to the caller's branch (the filters of
/// <see cref="BranchFilters.ApplyBranchFilters"/>, applied last, read per query), the sizes of the branch column
/// (<see cref="BranchColumnConvention"/>) and of the columns that mean the same everywhere (a user, a month:
/// <see cref="SharedColumnsConvention"/>), the store conventions of the provider the context runs on
/// (<see cref="ProviderConventions"/>). A service maps anything beyond its configurations in <see cref="MapServiceModel"/>.
/// A service declares its context once, on this base, and one empty subclass per provider
/// (<c>SqliteXxxDbContext</c>, <c>SqlServerXxxDbContext</c>) so that each provider keeps its own migrations; their
/// design-time factories derive from <see cref="SqliteDesignTimeFactory{TContext}"/> and
/// <see cref="SqlServerDesignTimeFactory{TContext}"/>.
/// <para>
/// A context whose provider subclasses take only their options is pooled (docs/decisions/pooled-contexts.md): one
/// instance serves one DI scope at a time, and the caller whose branch its filters read is the scope's
/// <see cref="ICurrentUser"/>, handed over by <see cref="Serve(IServiceProvider)"/> when the context is leased for the
/// scope and dropped when the scope disposes it. Until it serves a scope it reads for nobody: every query throws.
/// </para>
/// </summary>
public abstract class ServiceDbContext : DbContext, IMessagingDbContext, IBranchScopedDbContext
{
    private ICurrentUser? _caller;
    private IServiceProvider? _services;
    private SqliteWriteGateInterceptor? _gate; // the options' (fixed for the instance's life), looked up once
    private bool _gateKnown;
    private bool _ended; // the unit of work was given back (disposed); served again by Serve

    /// <summary>A context that reads for one caller for its whole life (not pooled).</summary>
    /// <summary>A context that reads for the scope it serves (<see cref="Serve(IServiceProvider)"/>): what pooling needs.</summary>
    protected ServiceDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    bool IBranchScopedDbContext.SeesAllBranches => Caller.SeesAllBranches;
    string IBranchScopedDbContext.CallerBranch => Caller.BranchId;

    /// <summary>The caller whose branch the filters read: the scope's, or the one the context was built for.</summary>
    protected ICurrentUser Caller => _caller ?? throw new InvalidOperationException(
        "This context serves no caller: it is leased to a DI scope (resolve the service's context from a scope), or built for one (Serve).");

    /// <summary>The services of the scope the context serves (for singletons such as a service's write gate).</summary>
    protected IServiceProvider Services => _services ?? throw new InvalidOperationException(
        "This context serves no DI scope: resolve it from a scope, or hand it one with Serve.");

    /// <summary>
    /// Serves <paramref name="scope"/> from now until it is disposed: its <see cref="ICurrentUser"/> is the caller the
    /// branch filters read, and its services are the ones the context asks for. The registration of a pooled context
    /// calls this on every lease (see <see cref="DatabaseExtensions.AddServiceDbContext{TContext, TImplementation}"/>).
    /// </summary>
    public void Serve(IServiceProvider scope) => Serve(scope.GetRequiredService<ICurrentUser>(), scope);

    /// <summary>Serves <paramref name="caller"/> (and asks <paramref name="services"/>, when given, for what it needs).</summary>
    public void Serve(ICurrentUser caller, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        _caller = caller;
        _services = services;
        _ended = false;
    }

    // A pooled context goes back to the pool here: it must not keep the caller it served (nor its scope) for the next.
    public override void Dispose()
    {
        Release();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Release();
        return base.DisposeAsync();
    }

    private void Release()
    {
        if (_ended) return; // disposed twice: the second finds nothing of its own to give back
        _ended = true;
        _caller = null;
        _services = null;
        // What the interceptors remember of a unit of work, in case it ended without its commit or rollback: a deferred
        // transaction left pending would otherwise begin (and, never committed, roll back) the next lease's first save.
        DeferredTransactionInterceptor.Pending.Remove(this);
        OutboxSignalInterceptor.Forget(this);
        if (WriteGate() is not { } gate) return;
        // The unit of work is over: a transaction still open is rolled back, and the connection (which SqliteBusyTimeout
        // keeps open, and a pooled context keeps across leases) gives back its turn at the file's write gate, which a
        // transaction disposed without commit or rollback (EF tells no interceptor) would otherwise keep while the
        // context waits in the pool.
        Database.CurrentTransaction?.Dispose();
        gate.Ended(Database.GetDbConnection());
    }

    private SqliteWriteGateInterceptor? WriteGate()
    {
        if (!_gateKnown)
        {
            _gate = this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?
                .OfType<SqliteWriteGateInterceptor>().FirstOrDefault();
            _gateKnown = true;
        }
        return _gate;
    }

    /// <summary>The provider the context was configured with (the subclass decides only which migrations it keeps).</summary>
    protected DatabaseProvider Provider => Database.IsSqlServer() ? DatabaseProvider.SqlServer : DatabaseProvider.Sqlite;

    /// <summary>
    /// The model of every service, in this order: the service's entity configurations, what it maps beyond them
    /// (<see cref="MapServiceModel"/>), the outbox and inbox, and last the branch filter of every entity mapped by then.
    /// A provider subclass that adds to the model (an index of its own) calls this first.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // A configuration that takes arguments is the service's to apply in MapServiceModel; skipping it here keeps EF
        // from warning at every start that it could not build one.
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly, type => type.GetConstructor(Type.EmptyTypes) is not null);
        MapServiceModel(modelBuilder);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyBranchFilters(this);
    }

    /// <summary>What a service maps besides its parameterless entity configurations: one that takes arguments, a shared projection.</summary>
    protected virtual void MapServiceModel(ModelBuilder modelBuilder)
    {
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Conventions.Add(_ => new BranchColumnConvention());
        configurationBuilder.Conventions.Add(_ => new SharedColumnsConvention());
        if (Provider == DatabaseProvider.SqlServer) ProviderConventions.ForSqlServer(configurationBuilder);
        else ProviderConventions.ForSqlite(configurationBuilder);
    }
}
