using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Contracts.Infrastructure;

/// <summary>
/// The contracts database. Reads are scoped to the caller's branch unless the caller sees every branch. Pooled: the
/// caller is the scope's, handed over on each lease (see <see cref="ServiceDbContext"/>).
/// </summary>
public abstract class ContractsDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<CustomerReference> Customers => Set<CustomerReference>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<ContractVersion> ContractVersions => Set<ContractVersion>();
    public DbSet<BranchSettings> Settings => Set<BranchSettings>();
    public DbSet<ContractTemplate> Templates => Set<ContractTemplate>();
    public DbSet<ContractNumberCounter> NumberCounters => Set<ContractNumberCounter>();
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();
    public DbSet<ExpiryReminder> ExpiryReminders => Set<ExpiryReminder>();

    /// <summary>
    /// A transaction in which the exclusive-territory check and the write it guards cannot interleave with another
    /// such check anywhere in the group, so that of two overlapping exclusive rights submitted at once the second sees
    /// the first. Within a process they queue on <see cref="ExclusiveRightsGate"/>; in the database, SQLite's
    /// transactions take the write lock up front (BEGIN IMMEDIATE) and SQL Server takes an application lock, for replicas.
    /// </summary>
    public Task<SerializedTransaction> BeginExclusiveRightsTransactionAsync(CancellationToken cancellationToken) =>
        Services.GetRequiredService<ExclusiveRightsGate>().BeginAsync(this, cancellationToken);
}

public sealed class SqliteContractsDbContext(DbContextOptions<SqliteContractsDbContext> options) : ContractsDbContext(options);

public sealed class SqlServerContractsDbContext(DbContextOptions<SqlServerContractsDbContext> options) : ContractsDbContext(options);

public sealed class SqliteContractsDesignTimeFactory : SqliteDesignTimeFactory<SqliteContractsDbContext>;

public sealed class SqlServerContractsDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerContractsDbContext>;
