using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Alerts.Infrastructure;

/// <summary>
/// The alerts database. Reads are scoped to the caller's branch unless the caller sees every branch. Pooled: the caller
/// is the scope's, handed over on each lease (see <see cref="ServiceDbContext"/>).
/// </summary>
public abstract class AlertsDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<SaleEntry> SaleEntries => Set<SaleEntry>();
    public DbSet<MonthlyPlan> Plans => Set<MonthlyPlan>();
    public DbSet<MonthlyExpenses> ExpenseMonths => Set<MonthlyExpenses>();
    public DbSet<ProjectedContract> Contracts => Set<ProjectedContract>();
    public DbSet<ContractReminder> ContractReminders => Set<ContractReminder>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<MissedVisit> MissedVisits => Set<MissedVisit>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<RuleSettings> RuleSettings => Set<RuleSettings>();
    public DbSet<RuleSettingsRevision> RuleSettingsRevisions => Set<RuleSettingsRevision>();

    protected override void MapServiceModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new AlertEntityTypeConfiguration(Provider));
        // The contracts and their versions: the shared projection of the contract terms (one rule of the terms in force).
        modelBuilder.AddContractTermsProjection();
    }
}

public sealed class SqliteAlertsDbContext(DbContextOptions<SqliteAlertsDbContext> options) : AlertsDbContext(options);

public sealed class SqlServerAlertsDbContext(DbContextOptions<SqlServerAlertsDbContext> options) : AlertsDbContext(options);

public sealed class SqliteAlertsDesignTimeFactory : SqliteDesignTimeFactory<SqliteAlertsDbContext>;

public sealed class SqlServerAlertsDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerAlertsDbContext>;
