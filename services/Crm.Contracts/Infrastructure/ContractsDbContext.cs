using Crm.Contracts.Model;
using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Crm.Messaging.Persistence;
using Crm.ServiceDefaults.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Contracts.Infrastructure;

/// <summary>The contracts database. Reads are scoped to the caller's branch unless the caller sees every branch.</summary>
public abstract class ContractsDbContext(DbContextOptions options, ICurrentUser user) : DbContext(options), IMessagingDbContext
{
    public DbSet<CustomerReference> Customers => Set<CustomerReference>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    // Members of the context (not captured locals), so that EF evaluates them per context instance.
    private bool SeesAllBranches => user.SeesAllBranches;
    private string CallerBranch => user.BranchId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CustomerReference>(customer =>
        {
            customer.ToTable("Customers");
            customer.HasKey(c => c.Id);
            customer.Property(c => c.Id).ValueGeneratedNever();
            customer.Property(c => c.BranchId).HasMaxLength(50);
            customer.Property(c => c.Code).HasMaxLength(30);
            customer.Property(c => c.Name).HasMaxLength(200);
            customer.Property(c => c.OwnerId).HasMaxLength(100);
            customer.HasIndex(c => c.BranchId);
            customer.HasQueryFilter(c => SeesAllBranches || c.BranchId == CallerBranch);
        });

        modelBuilder.AddOutboxAndInbox();
    }
}

public sealed class SqliteContractsDbContext(DbContextOptions<SqliteContractsDbContext> options, ICurrentUser user)
    : ContractsDbContext(options, user)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        ProviderConventions.ForSqlite(configurationBuilder);
}

public sealed class SqlServerContractsDbContext(DbContextOptions<SqlServerContractsDbContext> options, ICurrentUser user)
    : ContractsDbContext(options, user)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        ProviderConventions.ForSqlServer(configurationBuilder);
}

public sealed class SqliteContractsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteContractsDbContext>
{
    public SqliteContractsDbContext CreateDbContext(string[] args) =>
        new(DesignTimeOptions.Sqlite<SqliteContractsDbContext>(args is [var file, ..] ? file : "design-time.db"), new CurrentUser(new HttpContextAccessor()));
}

public sealed class SqlServerContractsDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerContractsDbContext>
{
    public SqlServerContractsDbContext CreateDbContext(string[] args) =>
        new(DesignTimeOptions.SqlServer<SqlServerContractsDbContext>(), new CurrentUser(new HttpContextAccessor()));
}
