using Crm.Customers.Model;
using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Crm.Messaging.Persistence;
using Crm.ServiceDefaults.Identity;
using Crm.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Customers.Infrastructure;

/// <summary>The customers database. Reads are scoped to the caller's branch unless the caller sees every branch.</summary>
public abstract class CustomersDbContext(DbContextOptions options, ICurrentUser user, RegistrationGate registrations) : ServiceDbContext(options, user)
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


    /// <summary>
    /// A transaction in which duplicate checks and the writes they guard cannot interleave with another registration
    /// anywhere in the group, so that of two files for one customer the first registered wins and the second sees it.
    /// Within a process they queue on <see cref="RegistrationGate"/>; in the database, SQLite's transactions take the
    /// write lock up front (BEGIN IMMEDIATE) and SQL Server takes an application lock, for replicas.
    /// </summary>
    public Task<SerializedTransaction> BeginRegistrationTransactionAsync(CancellationToken cancellationToken) =>
        registrations.BeginAsync(this, cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StageHistory();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StageHistory();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Every change a customer recorded is saved with it; the history itself is never changed or deleted.
    private void StageHistory()
    {
        foreach (var customer in ChangeTracker.Entries<Customer>().Select(e => e.Entity).ToList())
            History.AddRange(customer.TakeNewHistory());
        if (ChangeTracker.Entries<CustomerHistoryEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("The customer history is append-only: an entry cannot be changed or deleted.");
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(customer =>
        {
            customer.HasKey(c => c.Id);
            customer.Property(c => c.BranchId).HasMaxLength(50);
            customer.Property(c => c.Code).HasMaxLength(30);
            customer.Property(c => c.Name).HasMaxLength(CustomerProfile.NameMaxLength);
            customer.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
            customer.Property(c => c.Region).HasMaxLength(CustomerProfile.RegionMaxLength);
            customer.Property(c => c.Route).HasMaxLength(CustomerProfile.RouteMaxLength);
            customer.Property(c => c.Industry).HasMaxLength(CustomerProfile.ShortTextMaxLength);
            customer.Property(c => c.Ownership).HasConversion<string>().HasMaxLength(30);
            customer.Property(c => c.BusinessFormat).HasConversion<string>().HasMaxLength(30);
            customer.Property(c => c.LegalRepresentative).HasMaxLength(CustomerProfile.ShortTextMaxLength);
            customer.Property(c => c.Size).HasConversion<string>().HasMaxLength(30);
            customer.Property(c => c.Address).HasMaxLength(CustomerProfile.AddressMaxLength);
            customer.Property(c => c.Website).HasMaxLength(200);
            customer.Property(c => c.MarketCoverage).HasMaxLength(CustomerProfile.MediumTextMaxLength);
            customer.Property(c => c.ProductsCarried).HasMaxLength(CustomerProfile.LongTextMaxLength);
            customer.Property(c => c.BusinessScope).HasMaxLength(CustomerProfile.LongTextMaxLength);
            customer.Property(c => c.BankCreditRating).HasConversion<string>().HasMaxLength(10);
            customer.Property(c => c.Competitors).HasJsonConversion();
            customer.Property(c => c.TaxNumber).HasMaxLength(30);
            customer.Property(c => c.InvoiceBank).HasMaxLength(CustomerProfile.ShortTextMaxLength);
            customer.Property(c => c.InvoiceAccount).HasMaxLength(50);
            customer.Property(c => c.InvoicePhone).HasMaxLength(40);
            customer.Property(c => c.InvoiceRequirements).HasMaxLength(CustomerProfile.MediumTextMaxLength);
            customer.Property(c => c.Category).HasConversion<string>().HasMaxLength(30);
            customer.Property(c => c.IncomeGroup).HasConversion<string>().HasMaxLength(30);
            customer.Property(c => c.LocationType).HasConversion<string>().HasMaxLength(30);
            customer.Property(c => c.Remarks).HasMaxLength(CustomerProfile.LongTextMaxLength);
            customer.Property(c => c.OutletTier).HasConversion<string>().HasMaxLength(20);
            customer.Property(c => c.NameKey).HasMaxLength(CustomerProfile.NameMaxLength);
            customer.Property(c => c.RegionKey).HasMaxLength(CustomerProfile.RegionMaxLength);
            customer.Property(c => c.SearchText).HasMaxLength(Customer.SearchTextMaxLength);
            customer.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            customer.Property(c => c.OwnerId).HasMaxLength(100);
            customer.Property(c => c.OwnerName).HasMaxLength(100);
            customer.Property(c => c.RegisteredBy).HasMaxLength(100);
            customer.Property(c => c.RegisteredByName).HasMaxLength(100);
            customer.Property(c => c.Grade).HasMaxLength(2);
            customer.Property(c => c.GradePeriod).HasMaxLength(7);
            customer.Property(c => c.Version).IsConcurrencyToken();
            // Grades do not bump the version (nobody's edit is refused for them), yet two grading events handled at
            // once must not overwrite each other: the one that read a stale grade fails and is retried.
            customer.Property(c => c.GradedAt).IsConcurrencyToken();
            customer.Ignore(c => c.Profile);
            customer.Ignore(c => c.PrimaryContact);
            customer.Ignore(c => c.NewHistory); // handed to the DbContext on save, not a navigation

            customer.HasMany(c => c.Contacts).WithOne().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
            customer.Navigation(c => c.Contacts).HasField("_contacts").UsePropertyAccessMode(PropertyAccessMode.Field);

            customer.HasIndex(c => c.Code).IsUnique();
            // The list's filters and sorts, each led by the branch every non-group caller is scoped to.
            customer.HasIndex(c => new { c.BranchId, c.Name });
            customer.HasIndex(c => new { c.BranchId, c.Status, c.Name });
            customer.HasIndex(c => new { c.BranchId, c.Grade, c.Name });
            customer.HasIndex(c => new { c.BranchId, c.RegionKey, c.Name });
            customer.HasIndex(c => new { c.BranchId, c.Route, c.Name });
            customer.HasIndex(c => new { c.BranchId, c.OwnerId, c.Name });
            customer.HasIndex(c => new { c.BranchId, c.Category, c.Name });
            // The channel tree (渠道), walked one level at a time from a distributor down.
            customer.HasIndex(c => new { c.BranchId, c.ParentId });
            // Duplicate detection, group-wide.
            customer.HasIndex(c => new { c.RegionKey, c.NameKey });
            customer.HasIndex(c => c.TaxNumber);
        });

        modelBuilder.Entity<Contact>(contact =>
        {
            contact.HasKey(c => c.Id);
            // The model assigns the id: a contact added to a loaded customer is then known to be new, not an update.
            contact.Property(c => c.Id).ValueGeneratedNever();
            contact.Property(c => c.BranchId).HasMaxLength(50);
            contact.Property(c => c.Name).HasMaxLength(ContactDetails.NameMaxLength);
            contact.Property(c => c.Department).HasMaxLength(100);
            contact.Property(c => c.Title).HasMaxLength(100);
            contact.Property(c => c.Phone).HasMaxLength(40);
            contact.Property(c => c.Fax).HasMaxLength(40);
            contact.Property(c => c.Mobile).HasMaxLength(40);
            contact.Property(c => c.Email).HasMaxLength(200);
            contact.Property(c => c.PersonalNotes).HasMaxLength(CustomerProfile.MediumTextMaxLength);
            contact.Ignore(c => c.Details);
            contact.HasIndex(c => c.CustomerId);
        });

        modelBuilder.Entity<CustomerHistoryEntry>(entry =>
        {
            entry.ToTable("CustomerHistory");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).ValueGeneratedOnAdd();
            entry.Property(e => e.BranchId).HasMaxLength(50);
            entry.Property(e => e.By).HasMaxLength(100);
            entry.Property(e => e.ByName).HasMaxLength(100);
            entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(30);
            entry.Property(e => e.Reason).HasMaxLength(2000);
            entry.Property(e => e.Changes).HasJsonConversion();
            entry.HasIndex(e => new { e.CustomerId, e.Id });
        });

        modelBuilder.Entity<Visit>(visit =>
        {
            visit.HasKey(v => v.Id);
            visit.Property(v => v.BranchId).HasMaxLength(50);
            visit.Property(v => v.Kind).HasConversion<string>().HasMaxLength(30);
            visit.Property(v => v.Summary).HasMaxLength(Visit.SummaryMaxLength);
            visit.Property(v => v.ContactedBy).HasMaxLength(100);
            visit.Property(v => v.ContactedByName).HasMaxLength(100);
            visit.HasIndex(v => new { v.CustomerId, v.On });
            visit.HasIndex(v => new { v.CustomerId, v.ContactedBy, v.On });
        });

        modelBuilder.Entity<Violation>(violation =>
        {
            violation.HasKey(v => v.Id);
            violation.Property(v => v.BranchId).HasMaxLength(50);
            violation.Property(v => v.Type).HasConversion<string>().HasMaxLength(30);
            violation.Property(v => v.Description).HasMaxLength(Violation.DescriptionMaxLength);
            violation.Property(v => v.RecordedBy).HasMaxLength(100);
            violation.Property(v => v.RecordedByName).HasMaxLength(100);
            violation.HasIndex(v => new { v.CustomerId, v.OccurredOn });
        });

        modelBuilder.Entity<Incident>(incident =>
        {
            incident.HasKey(i => i.Id);
            incident.Property(i => i.BranchId).HasMaxLength(50);
            incident.Property(i => i.Kind).HasConversion<string>().HasMaxLength(30);
            incident.Property(i => i.Description).HasMaxLength(Incident.DescriptionMaxLength);
            incident.Property(i => i.ReportedBy).HasMaxLength(100);
            incident.Property(i => i.ReportedByName).HasMaxLength(100);
            incident.HasIndex(i => new { i.CustomerId, i.OccurredOn });
        });

        modelBuilder.Entity<ScorecardEvaluation>(evaluation =>
        {
            evaluation.HasKey(e => e.Id);
            evaluation.Property(e => e.BranchId).HasMaxLength(50);
            evaluation.Property(e => e.Comment).HasMaxLength(ScorecardEvaluation.CommentMaxLength);
            evaluation.Property(e => e.EvaluatedBy).HasMaxLength(100);
            evaluation.Property(e => e.EvaluatedByName).HasMaxLength(100);
            evaluation.HasIndex(e => new { e.CustomerId, e.EvaluatedAt });
        });

        modelBuilder.Entity<ScorecardWeights>(weights =>
        {
            weights.HasKey(w => w.BranchId);
            weights.Property(w => w.BranchId).HasMaxLength(50);
            weights.Property(w => w.UpdatedBy).HasMaxLength(100);
            weights.Property(w => w.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<DevelopmentApplication>(application =>
        {
            application.HasKey(a => a.Id);
            application.Property(a => a.BranchId).HasMaxLength(50);
            application.Property(a => a.Prospect).HasJsonConversion();
            application.Property(a => a.Contacts).HasJsonConversion();
            application.Property(a => a.ConfirmedNotDuplicateOf).HasJsonConversion();
            application.Property(a => a.Name).HasMaxLength(CustomerProfile.NameMaxLength);
            application.Property(a => a.Region).HasMaxLength(CustomerProfile.RegionMaxLength);
            application.Property(a => a.NameKey).HasMaxLength(CustomerProfile.NameMaxLength);
            application.Property(a => a.RegionKey).HasMaxLength(CustomerProfile.RegionMaxLength);
            application.Property(a => a.TaxNumber).HasMaxLength(30);
            application.Property(a => a.Reason).HasMaxLength(DevelopmentApplication.ReasonMaxLength);
            application.Property(a => a.FiledBy).HasMaxLength(100);
            application.Property(a => a.FiledByName).HasMaxLength(100);
            application.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
            application.Property(a => a.DecidedBy).HasMaxLength(100);
            application.Property(a => a.DecidedByName).HasMaxLength(100);
            application.Property(a => a.DecisionNote).HasMaxLength(DevelopmentApplication.ReasonMaxLength);
            application.Property(a => a.CustomerCode).HasMaxLength(30);
            application.Property(a => a.Version).IsConcurrencyToken();
            application.HasIndex(a => new { a.BranchId, a.State, a.FiledAt });
            application.HasIndex(a => new { a.BranchId, a.FiledBy, a.FiledAt });
            application.HasIndex(a => new { a.RegionKey, a.NameKey });
            application.HasIndex(a => a.TaxNumber);
        });

        modelBuilder.Entity<BranchCodeCounter>(counter =>
        {
            counter.HasKey(c => c.BranchId);
            counter.Property(c => c.BranchId).HasMaxLength(50);
            counter.Property(c => c.Version).IsConcurrencyToken();
        });

        ConfigureFieldWork(modelBuilder);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyBranchFilters(this);
    }

    // Visit plans, meetings and development targets (沟通体制, 客户开发): DOMAIN.md §6.
    private void ConfigureFieldWork(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<VisitPlan>(plan =>
        {
            plan.HasKey(p => p.Id);
            plan.Property(p => p.Id).ValueGeneratedNever();
            plan.Property(p => p.BranchId).HasMaxLength(50);
            plan.Property(p => p.CustomerName).HasMaxLength(CustomerProfile.NameMaxLength);
            plan.Property(p => p.Kind).HasConversion<string>().HasMaxLength(30);
            plan.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
            plan.Property(p => p.Route).HasMaxLength(CustomerProfile.RouteMaxLength);
            plan.Property(p => p.VisitorId).HasMaxLength(100);
            plan.Property(p => p.VisitorName).HasMaxLength(100);
            plan.Property(p => p.OwnerId).HasMaxLength(100);
            plan.Property(p => p.PlannedBy).HasMaxLength(100);
            plan.Property(p => p.PlannedByName).HasMaxLength(100);
            plan.Property(p => p.Purpose).HasMaxLength(VisitPlan.PurposeMaxLength);
            plan.Property(p => p.Version).IsConcurrencyToken();
            plan.Ignore(p => p.StateName);
            plan.HasIndex(p => new { p.BranchId, p.VisitorId, p.PlannedOn });
            plan.HasIndex(p => new { p.BranchId, p.PlannedOn, p.Route, p.Sequence });
            plan.HasIndex(p => new { p.CustomerId, p.PlannedOn, p.VisitorId });
            plan.HasIndex(p => new { p.State, p.PlannedOn });
        });

        modelBuilder.Entity<Meeting>(meeting =>
        {
            meeting.HasKey(m => m.Id);
            meeting.Property(m => m.Id).ValueGeneratedNever();
            meeting.Property(m => m.BranchId).HasMaxLength(50);
            meeting.Property(m => m.Title).HasMaxLength(Meeting.TitleMaxLength);
            meeting.Property(m => m.Location).HasMaxLength(CustomerProfile.AddressMaxLength);
            meeting.Property(m => m.Minutes).HasMaxLength(Meeting.MinutesMaxLength);
            meeting.Property(m => m.CustomerIds).HasJsonConversion();
            meeting.Property(m => m.Attendees).HasJsonConversion();
            meeting.Property(m => m.RecordedBy).HasMaxLength(100);
            meeting.Property(m => m.RecordedByName).HasMaxLength(100);
            meeting.Property(m => m.Version).IsConcurrencyToken();
            meeting.HasMany(m => m.Actions).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
            meeting.Navigation(m => m.Actions).HasField("_actions").UsePropertyAccessMode(PropertyAccessMode.Field);
            meeting.HasIndex(m => new { m.BranchId, m.HeldOn });
        });

        modelBuilder.Entity<MeetingAction>(action =>
        {
            action.HasKey(a => a.Id);
            action.Property(a => a.Id).ValueGeneratedNever();
            action.Property(a => a.BranchId).HasMaxLength(50);
            action.Property(a => a.Description).HasMaxLength(MeetingAction.DescriptionMaxLength);
            action.Property(a => a.OwnerId).HasMaxLength(100);
            action.Property(a => a.CompletedBy).HasMaxLength(100);
            action.Property(a => a.Outcome).HasMaxLength(MeetingAction.DescriptionMaxLength);
            action.Property(a => a.Version).IsConcurrencyToken();
            action.HasIndex(a => new { a.BranchId, a.OwnerId, a.DueOn });
            action.HasIndex(a => new { a.CompletedOn, a.OverdueAt, a.DueOn });
        });

        modelBuilder.Entity<DevelopmentTarget>(target =>
        {
            target.HasKey(t => new { t.BranchId, t.OwnerId, t.Month });
            target.Property(t => t.BranchId).HasMaxLength(50);
            target.Property(t => t.OwnerId).HasMaxLength(100);
            target.Property(t => t.Month).HasMaxLength(7);
            target.Property(t => t.Note).HasMaxLength(DevelopmentTarget.NoteMaxLength);
            target.Property(t => t.SetBy).HasMaxLength(100);
            target.Property(t => t.Version).IsConcurrencyToken();
            target.HasIndex(t => new { t.BranchId, t.Month });
        });
    }
}

public sealed class SqliteCustomersDbContext(DbContextOptions<SqliteCustomersDbContext> options, ICurrentUser user, RegistrationGate registrations)
    : CustomersDbContext(options, user, registrations)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Text search finds its ids in this narrow covering index instead of the wide rows (see CustomerQueries.Filter).
        modelBuilder.Entity<Customer>().HasIndex(c => new { c.BranchId, c.SearchText, c.Id });
    }
}

public sealed class SqlServerCustomersDbContext(DbContextOptions<SqlServerCustomersDbContext> options, ICurrentUser user, RegistrationGate registrations)
    : CustomersDbContext(options, user, registrations)
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
