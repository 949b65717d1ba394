using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Credit.Infrastructure;

/// <summary>
/// The credit database. Reads are scoped to the caller's branch unless the caller sees every branch. Pooled: the caller
/// is the scope's, handed over on each lease (see <see cref="ServiceDbContext"/>).
/// </summary>
public abstract partial class CreditDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<CreditAccount> Accounts => Set<CreditAccount>();
    public DbSet<AccountSettlement> Settlements => Set<AccountSettlement>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<Sale> Sales => Set<Sale>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();
    public DbSet<ProjectedContract> Contracts => Set<ProjectedContract>();
    public DbSet<BusinessPlan> Plans => Set<BusinessPlan>();
    public DbSet<ExpenseMonth> ExpenseMonths => Set<ExpenseMonth>();
    public DbSet<Expense> Expenses => Set<Expense>();
    public DbSet<GradingModelVersion> GradingModels => Set<GradingModelVersion>();
    public DbSet<CustomerGrade> Grades => Set<CustomerGrade>();
    public DbSet<GradingRun> GradingRuns => Set<GradingRun>();
    public DbSet<LimitRequest> LimitRequests => Set<LimitRequest>();

    protected override void MapServiceModel(ModelBuilder modelBuilder) => modelBuilder.AddContractTermsProjection();
}

public sealed class SqliteCreditDbContext(DbContextOptions<SqliteCreditDbContext> options) : CreditDbContext(options);

public sealed class SqlServerCreditDbContext(DbContextOptions<SqlServerCreditDbContext> options) : CreditDbContext(options);

public sealed class SqliteCreditDesignTimeFactory : SqliteDesignTimeFactory<SqliteCreditDbContext>;

public sealed class SqlServerCreditDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerCreditDbContext>;
