using Crm.Alerts.Model;
using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Crm.Messaging.Persistence;
using Crm.ServiceDefaults.Identity;
using Crm.Terms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Alerts.Infrastructure;

/// <summary>The alerts database. Reads are scoped to the caller's branch unless the caller sees every branch.</summary>
public abstract class AlertsDbContext(DbContextOptions options, ICurrentUser user) : ServiceDbContext(options, user)
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


    /// <summary>The filter of the index that allows one open alert per customer and rule, in the provider's SQL.</summary>
    protected abstract string OpenAlertsOnly { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(customer =>
        {
            customer.ToTable("Customers");
            customer.HasKey(c => c.Id);
            customer.Property(c => c.Id).ValueGeneratedNever();
            customer.Property(c => c.BranchId).HasMaxLength(50);
            customer.Property(c => c.Code).HasMaxLength(30);
            customer.Property(c => c.Name).HasMaxLength(200);
            customer.Property(c => c.Region).HasMaxLength(Customer.RegionMaxLength);
            customer.Property(c => c.OwnerId).HasMaxLength(100);
            customer.Property(c => c.Status).HasMaxLength(20);
            customer.Property(c => c.Grade).HasMaxLength(2);
            customer.Property(c => c.PreviousGrade).HasMaxLength(2);
            customer.Property(c => c.GradePeriod).HasMaxLength(7);
            customer.Property(c => c.Version).IsConcurrencyToken();
            customer.Ignore(c => c.AccountPosition);
            customer.HasIndex(c => c.BranchId);
        });

        modelBuilder.Entity<SaleEntry>(sale =>
        {
            sale.HasKey(s => s.EntryId);
            sale.Property(s => s.EntryId).ValueGeneratedNever();
            sale.Property(s => s.BranchId).HasMaxLength(50);
            sale.HasIndex(s => new { s.CustomerId, s.Date });
            sale.Property(s => s.Product).HasMaxLength(SaleEntry.ProductMaxLength);
            sale.Property(s => s.ContractNumber).HasMaxLength(ProjectedContract.NumberMaxLength);
            sale.HasIndex(s => s.ReversesEntryId);
        });

        // The contracts and their versions: the shared projection of the contract terms (one rule of the terms in force).
        modelBuilder.AddContractTermsProjection();

        modelBuilder.Entity<ContractReminder>(reminder =>
        {
            reminder.ToTable("ContractReminders");
            reminder.HasKey(r => r.ContractId);
            reminder.Property(r => r.ContractId).ValueGeneratedNever();
            reminder.Property(r => r.BranchId).HasMaxLength(50);
            reminder.Property(r => r.Number).HasMaxLength(ProjectedContract.NumberMaxLength);
            reminder.HasIndex(r => r.CustomerId);
        });

        modelBuilder.Entity<Complaint>(complaint =>
        {
            complaint.ToTable("Complaints");
            complaint.HasKey(c => c.Id);
            complaint.Property(c => c.Id).ValueGeneratedNever();
            complaint.Property(c => c.BranchId).HasMaxLength(50);
            complaint.Property(c => c.Subject).HasMaxLength(Complaint.SubjectMaxLength);
            complaint.Property(c => c.Severity).HasMaxLength(Complaint.SeverityMaxLength);
            complaint.Property(c => c.FirstResponseBreachState).HasMaxLength(30);
            complaint.Property(c => c.ResolutionBreachState).HasMaxLength(30);
            complaint.Property(c => c.ClosedBy).HasMaxLength(30);
            complaint.Ignore(c => c.AwaitsFirstResponse);
            complaint.Ignore(c => c.AwaitsResolution);
            complaint.Ignore(c => c.IsUnanswered);
            complaint.HasIndex(c => c.CustomerId);
        });

        modelBuilder.Entity<MissedVisit>(missed =>
        {
            missed.ToTable("MissedVisits");
            missed.HasKey(m => m.PlanId);
            missed.Property(m => m.PlanId).ValueGeneratedNever();
            missed.Property(m => m.BranchId).HasMaxLength(50);
            missed.Property(m => m.Kind).HasMaxLength(30);
            missed.Property(m => m.VisitorId).HasMaxLength(100);
            missed.Ignore(m => m.IsOutstanding);
            missed.HasIndex(m => new { m.CustomerId, m.PlannedOn });
        });

        modelBuilder.Entity<MonthlyPlan>(plan =>
        {
            plan.ToTable("Plans");
            plan.HasKey(p => new { p.CustomerId, p.Month });
            plan.Property(p => p.Month).HasMaxLength(7);
            plan.Property(p => p.BranchId).HasMaxLength(50);
        });

        modelBuilder.Entity<MonthlyExpenses>(expenses =>
        {
            expenses.ToTable("ExpenseMonths");
            expenses.HasKey(e => new { e.CustomerId, e.Month });
            expenses.Property(e => e.Month).HasMaxLength(7);
            expenses.Property(e => e.BranchId).HasMaxLength(50);
        });

        modelBuilder.Entity<Alert>(alert =>
        {
            alert.HasKey(a => a.Id);
            alert.Property(a => a.Id).ValueGeneratedNever();
            alert.Property(a => a.BranchId).HasMaxLength(50);
            alert.Property(a => a.Rule).HasMaxLength(50);
            alert.Property(a => a.Thresholds).HasConversion(ThresholdsColumn.Converter, ThresholdsColumn.Comparer).HasMaxLength(2000);
            alert.Property(a => a.Summary).HasMaxLength(2000);
            alert.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
            alert.Property(a => a.AssigneeId).HasMaxLength(100);
            alert.Property(a => a.AssigneeRole).HasMaxLength(50);
            alert.Property(a => a.AcknowledgedBy).HasMaxLength(100);
            alert.Property(a => a.ResolvedBy).HasMaxLength(100);
            alert.Property(a => a.Cause).HasMaxLength(Alert.CauseMaxLength);
            alert.Property(a => a.Action).HasMaxLength(Alert.ActionMaxLength);
            alert.Property(a => a.Version).IsConcurrencyToken();
            alert.Ignore(a => a.Assignee);
            alert.Ignore(a => a.IsOpen);
            // One open alert per rule and customer, enforced by the database too: two evaluations racing to raise the
            // same alert cannot both commit; the loser's retry finds the winner's alert and adds its evidence.
            alert.HasIndex(a => new { a.CustomerId, a.Rule }).IsUnique().HasFilter(OpenAlertsOnly)
                .HasDatabaseName("IX_Alerts_OneOpenPerCustomerAndRule");
            alert.HasIndex(a => new { a.CustomerId, a.Rule, a.RaisedAt });
            alert.HasIndex(a => new { a.BranchId, a.State, a.RaisedAt });

            alert.OwnsMany(a => a.Evidence, evidence =>
            {
                evidence.ToTable("AlertEvidence");
                evidence.WithOwner().HasForeignKey("AlertId");
                evidence.Property<long>("Id").ValueGeneratedOnAdd();
                evidence.HasKey("Id");
                evidence.Property(e => e.Name).HasMaxLength(100);
                evidence.Property(e => e.Value).HasMaxLength(2000);
            });
            alert.Navigation(a => a.Evidence).HasField("_evidence");

            alert.OwnsMany(a => a.Timeline, timeline =>
            {
                timeline.ToTable("AlertTimeline");
                timeline.WithOwner().HasForeignKey("AlertId");
                timeline.Property<long>("Id").ValueGeneratedOnAdd();
                timeline.HasKey("Id");
                timeline.Property(t => t.Kind).HasConversion<string>().HasMaxLength(30);
                timeline.Property(t => t.By).HasMaxLength(100);
                timeline.Property(t => t.Note).HasMaxLength(4000);
            });
            alert.Navigation(a => a.Timeline).HasField("_timeline");
        });

        modelBuilder.Entity<RuleSettings>(settings =>
        {
            settings.HasKey(s => new { s.BranchId, s.Rule });
            settings.Property(s => s.BranchId).HasMaxLength(50);
            settings.Property(s => s.Rule).HasMaxLength(50);
            settings.Property(s => s.Thresholds).HasConversion(ThresholdsColumn.Converter, ThresholdsColumn.Comparer).HasMaxLength(2000);
            settings.Property(s => s.EscalationAssigneeId).HasMaxLength(Crm.Alerts.Model.RuleSettings.AssigneeMaxLength);
            settings.Property(s => s.ChangedBy).HasMaxLength(100);
            settings.Property(s => s.Reason).HasMaxLength(Crm.Alerts.Model.RuleSettings.ReasonMaxLength);
            settings.Property(s => s.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<RuleSettingsRevision>(revision =>
        {
            revision.HasKey(r => r.Id);
            revision.Property(r => r.Id).ValueGeneratedOnAdd();
            revision.Property(r => r.BranchId).HasMaxLength(50);
            revision.Property(r => r.Rule).HasMaxLength(50);
            revision.Property(r => r.Thresholds).HasConversion(ThresholdsColumn.Converter, ThresholdsColumn.Comparer).HasMaxLength(2000);
            revision.Property(r => r.EscalationAssigneeId).HasMaxLength(Crm.Alerts.Model.RuleSettings.AssigneeMaxLength);
            revision.Property(r => r.ChangedBy).HasMaxLength(100);
            revision.Property(r => r.Reason).HasMaxLength(Crm.Alerts.Model.RuleSettings.ReasonMaxLength);
            revision.HasIndex(r => new { r.BranchId, r.Rule, r.Version }).IsUnique();
        });

        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyBranchFilters(this);
    }
}

public sealed class SqliteAlertsDbContext(DbContextOptions<SqliteAlertsDbContext> options, ICurrentUser user)
    : AlertsDbContext(options, user)
{
    protected override string OpenAlertsOnly => "\"State\" <> 'Resolved'";
}

public sealed class SqlServerAlertsDbContext(DbContextOptions<SqlServerAlertsDbContext> options, ICurrentUser user)
    : AlertsDbContext(options, user)
{
    protected override string OpenAlertsOnly => "[State] <> 'Resolved'";
}

public sealed class SqliteAlertsDesignTimeFactory : SqliteDesignTimeFactory<SqliteAlertsDbContext>;

public sealed class SqlServerAlertsDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerAlertsDbContext>;
