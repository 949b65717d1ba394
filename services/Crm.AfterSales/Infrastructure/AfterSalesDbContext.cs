using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.AfterSales.Infrastructure;

/// <summary>
/// The aftersales database. Reads are scoped to the caller's branch unless the caller sees every branch. Pooled: the caller
/// is the scope's, handed over on each lease (see <see cref="ServiceDbContext"/>).
/// </summary>
public abstract class AfterSalesDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<CustomerReference> Customers => Set<CustomerReference>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AfterSalesSettings> Settings => Set<AfterSalesSettings>();
    public DbSet<SoldSale> Sales => Set<SoldSale>();
    public DbSet<ProductReturn> Returns => Set<ProductReturn>();


    // The contract terms in force on a sale's date (the return and exchange windows), kept from the contract events.
    protected override void MapServiceModel(ModelBuilder modelBuilder) => modelBuilder.AddContractTermsProjection();
}

public sealed class SqliteAfterSalesDbContext(DbContextOptions<SqliteAfterSalesDbContext> options) : AfterSalesDbContext(options);

public sealed class SqlServerAfterSalesDbContext(DbContextOptions<SqlServerAfterSalesDbContext> options) : AfterSalesDbContext(options);

public sealed class SqliteAfterSalesDesignTimeFactory : SqliteDesignTimeFactory<SqliteAfterSalesDbContext>;

public sealed class SqlServerAfterSalesDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerAfterSalesDbContext>;
