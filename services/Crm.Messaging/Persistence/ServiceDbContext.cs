using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Crm.ServiceDefaults.Identity;

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
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options, ICurrentUser user)
    : DbContext(options), IMessagingDbContext, IBranchScopedDbContext
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    bool IBranchScopedDbContext.SeesAllBranches => user.SeesAllBranches;
    string IBranchScopedDbContext.CallerBranch => user.BranchId;

    /// <summary>The provider the context was configured with (the subclass decides only which migrations it keeps).</summary>
    protected DatabaseProvider Provider => Database.IsSqlServer() ? DatabaseProvider.SqlServer : DatabaseProvider.Sqlite;

    /// <summary>
    /// The model of every service, in this order: the service's entity configurations, what it maps beyond them
    /// (<see cref="MapServiceModel"/>), the outbox and inbox, and last the branch filter of every entity mapped by then.
    /// A provider subclass that adds to the model (an index of its own) calls this first.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
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
