using Crm.Contracts.Model;
using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Crm.Messaging.Persistence;
using Crm.ServiceDefaults.Identity;
using Crm.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Contracts.Infrastructure;

/// <summary>The contracts database. Reads are scoped to the caller's branch unless the caller sees every branch.</summary>
public abstract class ContractsDbContext(DbContextOptions options, ICurrentUser user, ExclusiveRightsGate gate) : ServiceDbContext(options, user)
{
    private const int BranchLength = 50;
    private const int UserLength = 100;

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
        gate.BeginAsync(this, cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CustomerReference>(customer =>
        {
            customer.ToTable("Customers");
            customer.HasKey(c => c.Id);
            customer.Property(c => c.Id).ValueGeneratedNever();
            customer.Property(c => c.BranchId).HasMaxLength(BranchLength);
            customer.Property(c => c.Code).HasMaxLength(30);
            customer.Property(c => c.Name).HasMaxLength(200);
            customer.Property(c => c.Region).HasMaxLength(100);
            customer.Property(c => c.OwnerId).HasMaxLength(UserLength);
            customer.Property(c => c.OwnerName).HasMaxLength(200);
            customer.HasIndex(c => c.BranchId);
            customer.HasIndex(c => c.OwnerId);
        });

        modelBuilder.Entity<Contract>(contract =>
        {
            contract.HasKey(c => c.Id);
            contract.Property(c => c.Id).ValueGeneratedNever();
            contract.Property(c => c.BranchId).HasMaxLength(BranchLength);
            contract.Property(c => c.Number).HasMaxLength(30);
            contract.Property(c => c.Title).HasMaxLength(Contract.TitleMaxLength);
            contract.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
            contract.Property(c => c.Level).HasConversion<string>().HasMaxLength(20);
            contract.Property(c => c.AuthorId).HasMaxLength(UserLength);
            contract.Property(c => c.AuthorName).HasMaxLength(200);
            contract.Property(c => c.SubmittedBy).HasMaxLength(UserLength);
            contract.Property(c => c.AwaitingRole).HasMaxLength(50);
            contract.Property(c => c.RejectionReason).HasMaxLength(Contract.ReasonMaxLength);
            contract.Property(c => c.TerminationReason).HasMaxLength(Contract.ReasonMaxLength);
            contract.Property(c => c.ArchiveNumber).HasMaxLength(50);
            contract.Property(c => c.ArchiveLocation).HasMaxLength(200);
            contract.Property(c => c.Category).HasMaxLength(50);
            contract.Property(c => c.CustodianId).HasMaxLength(UserLength);
            contract.Property(c => c.CustodianName).HasMaxLength(200);
            contract.Property(c => c.Sections).HasJsonConversion();
            contract.Property(c => c.Territories).HasJsonConversion();
            contract.Property(c => c.ProductLines).HasJsonConversion();
            contract.Property(c => c.Version).IsConcurrencyToken();
            contract.Ignore(c => c.CurrentStep);
            contract.Ignore(c => c.NoticeDeadline);
            contract.Ignore(c => c.RightsPeriod);
            // Steps and timeline live and change with their contract: one JSON column each beside it.
            contract.OwnsMany(c => c.Steps, step =>
            {
                step.ToJson("Steps");
                step.Property(s => s.Decision).HasConversion<string>();
            });
            contract.Navigation(c => c.Steps).HasField("_steps").UsePropertyAccessMode(PropertyAccessMode.Field);
            contract.OwnsMany(c => c.Timeline, entry => entry.ToJson("Timeline"));
            contract.Navigation(c => c.Timeline).HasField("_timeline").UsePropertyAccessMode(PropertyAccessMode.Field);
            contract.HasIndex(c => c.Number).IsUnique();
            contract.HasIndex(c => new { c.CustomerId, c.EffectiveOn });
            contract.HasIndex(c => new { c.BranchId, c.State, c.ExpiresOn });
            contract.HasIndex(c => new { c.Level, c.State });
        });

        modelBuilder.Entity<ContractVersion>(version =>
        {
            version.HasKey(v => v.Id);
            version.Property(v => v.Id).ValueGeneratedNever();
            version.Property(v => v.BranchId).HasMaxLength(BranchLength);
            version.Property(v => v.Reason).HasMaxLength(20);
            version.Property(v => v.CreatedBy).HasMaxLength(UserLength);
            version.Property(v => v.Sections).HasJsonConversion();
            version.Property(v => v.Terms).HasJsonConversion();
            version.Property(v => v.ChangedSections).HasJsonConversion();
            version.HasOne<Contract>().WithMany().HasForeignKey(v => v.ContractId);
            version.HasIndex(v => new { v.ContractId, v.Number }).IsUnique();
            version.HasIndex(v => new { v.ContractId, v.EffectiveOn });
        });

        modelBuilder.Entity<BranchSettings>(settings =>
        {
            settings.ToTable("BranchSettings");
            settings.HasKey(s => s.BranchId);
            settings.Property(s => s.BranchId).HasMaxLength(BranchLength);
            settings.Property(s => s.ReminderDays).HasJsonConversion();
            settings.Property(s => s.Company).HasJsonConversion();
            settings.Property(s => s.UpdatedBy).HasMaxLength(UserLength);
            settings.Property(s => s.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<ContractTemplate>(template =>
        {
            template.ToTable("Templates");
            template.HasKey(t => t.Id);
            template.Property(t => t.Id).ValueGeneratedNever();
            template.Property(t => t.BranchId).HasMaxLength(BranchLength);
            template.Property(t => t.Name).HasMaxLength(ContractTemplate.NameMaxLength);
            template.Property(t => t.Description).HasMaxLength(1000);
            template.Property(t => t.Sections).HasJsonConversion();
            template.Property(t => t.UpdatedBy).HasMaxLength(UserLength);
            template.Property(t => t.Version).IsConcurrencyToken();
            template.HasIndex(t => t.BranchId);
        });

        modelBuilder.Entity<ContractNumberCounter>(counter =>
        {
            counter.ToTable("NumberCounters");
            counter.HasKey(c => new { c.BranchId, c.Year });
            counter.Property(c => c.BranchId).HasMaxLength(BranchLength);
            counter.Property(c => c.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<AccessLogEntry>(entry =>
        {
            entry.ToTable("AccessLog");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).ValueGeneratedOnAdd();
            entry.Property(e => e.BranchId).HasMaxLength(BranchLength);
            entry.Property(e => e.UserId).HasMaxLength(UserLength);
            entry.Property(e => e.UserName).HasMaxLength(200);
            entry.Property(e => e.Roles).HasMaxLength(300);
            entry.Property(e => e.What).HasMaxLength(20);
            entry.HasIndex(e => new { e.ContractId, e.At });
        });

        modelBuilder.Entity<ExpiryReminder>(reminder =>
        {
            reminder.ToTable("ExpiryReminders");
            reminder.HasKey(r => new { r.ContractId, r.ExpiresOn, r.Days });
            reminder.Property(r => r.BranchId).HasMaxLength(BranchLength);
        });

        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyBranchFilters(this);
    }
}

public sealed class SqliteContractsDbContext(DbContextOptions<SqliteContractsDbContext> options, ICurrentUser user, ExclusiveRightsGate gate)
    : ContractsDbContext(options, user, gate);

public sealed class SqlServerContractsDbContext(DbContextOptions<SqlServerContractsDbContext> options, ICurrentUser user, ExclusiveRightsGate gate)
    : ContractsDbContext(options, user, gate);

public sealed class SqliteContractsDesignTimeFactory : SqliteDesignTimeFactory<SqliteContractsDbContext>;

public sealed class SqlServerContractsDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerContractsDbContext>;
