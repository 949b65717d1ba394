using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Customers.Infrastructure;

/// <summary>
/// The customers database. Reads are scoped to the caller's branch unless the caller sees every branch. Pooled: the
/// caller is the scope's, handed over on each lease (see <see cref="ServiceDbContext"/>).
/// </summary>
public abstract class CustomersDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<CustomerHistoryEntry> History => Set<CustomerHistoryEntry>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<Violation> Violations => Set<Violation>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<ScorecardEvaluation> Evaluations => Set<ScorecardEvaluation>();
    public DbSet<ScorecardWeights> ScorecardWeights => Set<ScorecardWeights>();
    public DbSet<DevelopmentApplication> DevelopmentApplications => Set<DevelopmentApplication>();
    public DbSet<BranchCodeCounter> BranchCodeCounters => Set<BranchCodeCounter>();
    public DbSet<VisitPlan> VisitPlans => Set<VisitPlan>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingAction> MeetingActions => Set<MeetingAction>();
    public DbSet<DevelopmentTarget> DevelopmentTargets => Set<DevelopmentTarget>();
    public DbSet<CustomerSearchGram> SearchGrams => Set<CustomerSearchGram>();
    public DbSet<CustomerSearchBackfill> SearchBackfill => Set<CustomerSearchBackfill>();


    /// <summary>
    /// A transaction in which duplicate checks and the writes they guard cannot interleave with another registration
    /// anywhere in the group, so that of two files for one customer the first registered wins and the second sees it.
    /// Within a process they queue on <see cref="RegistrationGate"/>; in the database, SQLite's transactions take the
    /// write lock up front (BEGIN IMMEDIATE) and SQL Server takes an application lock, for replicas.
    /// </summary>
    public Task<SerializedTransaction> BeginRegistrationTransactionAsync(CancellationToken cancellationToken) =>
        Services.GetRequiredService<RegistrationGate>().BeginAsync(this, cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StageHistory();
        CustomerSearchIndex.Stage(this);
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            CustomerSearchIndex.Forget(this);
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StageHistory();
        // The search grams of every customer whose text changed, in the same transaction as the customer.
        CustomerSearchIndex.Stage(this);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            CustomerSearchIndex.Forget(this); // staged again from the customers by a retried save
        }
    }

    // Every change a customer recorded is saved with it; the history itself is never changed or deleted.
    private void StageHistory()
    {
        foreach (var customer in ChangeTracker.Entries<Customer>().Select(e => e.Entity).ToList())
            History.AddRange(customer.TakeNewHistory());
        if (ChangeTracker.Entries<CustomerHistoryEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("The customer history is append-only: an entry cannot be changed or deleted.");
    }
}

public sealed class SqliteCustomersDbContext(DbContextOptions<SqliteCustomersDbContext> options) : CustomersDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Text search finds its ids in this narrow covering index instead of the wide rows (see CustomerQueries.Filter).
        modelBuilder.Entity<Customer>().HasIndex(c => new { c.BranchId, c.SearchText, c.Id });
        // A search's candidates (customer ids from the n-gram index) are checked against the list's filters and the term
        // itself, and sorted, here, one small entry per candidate, instead of in the wide rows (the table's own key on SQL
        // Server, which keeps the rows in the clustered index, does this there). With the search text in the entry, the
        // text check costs less than probing more grams first (see CustomerQueries.Apply).
        modelBuilder.Entity<Customer>().HasIndex(c => new
        {
            c.Id, c.BranchId, c.Status, c.Grade, c.RegionKey, c.Route, c.OwnerId, c.Category, c.Kind,
            c.Name, c.Code, c.EntryDate, c.RegisteredAt, c.Region, c.SearchText,
        }).IsUnique().HasDatabaseName("IX_Customers_ListCandidates");
    }
}

public sealed class SqlServerCustomersDbContext(DbContextOptions<SqlServerCustomersDbContext> options) : CustomersDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // SearchText is too long for an index key on SQL Server (1,700 bytes); carried as an included column instead.
        modelBuilder.Entity<Customer>().HasIndex(c => c.BranchId).IncludeProperties(c => new { c.SearchText, c.Name });
    }
}

public sealed class SqliteCustomersDesignTimeFactory : SqliteDesignTimeFactory<SqliteCustomersDbContext>;

public sealed class SqlServerCustomersDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerCustomersDbContext>;
