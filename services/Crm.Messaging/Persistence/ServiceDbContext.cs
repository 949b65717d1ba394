using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Crm.ServiceDefaults.Identity;

namespace Crm.Messaging.Persistence;

/// <summary>
/// What every service's DbContext shares: the outbox and inbox tables, reads scoped to the caller's branch (read per
/// query by <see cref="BranchFilters.ApplyBranchFilters"/>, which the service still calls last in <c>OnModelCreating</c>),
/// the branch column's size (<see cref="BranchColumnConvention"/>) and the store conventions of the provider the context
/// runs on (<see cref="ProviderConventions"/>).
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

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Conventions.Add(_ => new BranchColumnConvention());
        if (Provider == DatabaseProvider.SqlServer) ProviderConventions.ForSqlServer(configurationBuilder);
        else ProviderConventions.ForSqlite(configurationBuilder);
    }
}
