using Crm.Customers.Model;
using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Crm.Messaging.Persistence;
using Crm.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Customers.Infrastructure;

/// <summary>The customers database. Reads are scoped to the caller's branch unless the caller sees every branch.</summary>
public abstract class CustomersDbContext(DbContextOptions options, ICurrentUser user) : DbContext(options), IMessagingDbContext
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<BranchCodeCounter> BranchCodeCounters => Set<BranchCodeCounter>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    // Members of the context (not captured locals), so that EF evaluates them per context instance.
    private bool SeesAllBranches => user.SeesAllBranches;
    private string CallerBranch => user.BranchId;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(customer =>
        {
            customer.HasKey(c => c.Id);
            customer.Property(c => c.BranchId).HasMaxLength(50);
            customer.Property(c => c.Code).HasMaxLength(30);
            customer.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength);
            customer.Property(c => c.Region).HasMaxLength(Customer.RegionMaxLength);
            customer.Property(c => c.TaxNumber).HasMaxLength(30);
            customer.Property(c => c.OwnerId).HasMaxLength(100);
            customer.Property(c => c.RegisteredBy).HasMaxLength(100);
            customer.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            customer.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            customer.Property(c => c.Version).IsConcurrencyToken();
            customer.HasIndex(c => c.Code).IsUnique();
            customer.HasIndex(c => new { c.BranchId, c.Name });
            customer.HasIndex(c => c.TaxNumber);
            customer.HasQueryFilter(c => SeesAllBranches || c.BranchId == CallerBranch);
        });

        modelBuilder.Entity<BranchCodeCounter>(counter =>
        {
            counter.HasKey(c => c.BranchId);
            counter.Property(c => c.BranchId).HasMaxLength(50);
            counter.Property(c => c.Version).IsConcurrencyToken();
        });

        modelBuilder.AddOutboxAndInbox();
    }
}

public sealed class SqliteCustomersDbContext(DbContextOptions<SqliteCustomersDbContext> options, ICurrentUser user)
    : CustomersDbContext(options, user)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        ProviderConventions.ForSqlite(configurationBuilder);
}

public sealed class SqlServerCustomersDbContext(DbContextOptions<SqlServerCustomersDbContext> options, ICurrentUser user)
    : CustomersDbContext(options, user)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        ProviderConventions.ForSqlServer(configurationBuilder);
}

public sealed class SqliteCustomersDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCustomersDbContext>
{
    public SqliteCustomersDbContext CreateDbContext(string[] args) =>
        new(DesignTimeOptions.Sqlite<SqliteCustomersDbContext>(args is [var file, ..] ? file : "design-time.db"), new CurrentUser(new HttpContextAccessor()));
}

public sealed class SqlServerCustomersDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCustomersDbContext>
{
    public SqlServerCustomersDbContext CreateDbContext(string[] args) =>
        new(DesignTimeOptions.SqlServer<SqlServerCustomersDbContext>(), new CurrentUser(new HttpContextAccessor()));
}
