using Crm.Credit.Model;
using Crm.Credit.Model.Grading;
using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Crm.Messaging.Persistence;
using Crm.ServiceDefaults.Identity;
using Crm.Terms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Credit.Infrastructure;

/// <summary>The credit database. Reads are scoped to the caller's branch unless the caller sees every branch.</summary>
public abstract partial class CreditDbContext(DbContextOptions options, ICurrentUser user) : ServiceDbContext(options, user)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<CreditAccount> Accounts => Set<CreditAccount>();
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


    private const int BranchLength = 50;
    private const int UserLength = 100;
    private const int MonthLength = 7;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(customer =>
        {
            customer.ToTable("Customers");
            customer.HasKey(c => c.Id);
            customer.Property(c => c.Id).ValueGeneratedNever();
            customer.Property(c => c.BranchId).HasMaxLength(BranchLength);
            customer.Property(c => c.Code).HasMaxLength(30);
            customer.Property(c => c.Name).HasMaxLength(200);
            customer.Property(c => c.Region).HasMaxLength(100);
            customer.Property(c => c.Route).HasMaxLength(100);
            customer.Property(c => c.Category).HasMaxLength(30);
            customer.Property(c => c.Status).HasMaxLength(20);
            customer.Property(c => c.OwnerId).HasMaxLength(UserLength);
            customer.Property(c => c.OwnerName).HasMaxLength(200);
            customer.Property(c => c.OutletTier).HasMaxLength(20);
            customer.Property(c => c.Version).IsConcurrencyToken();
            customer.HasIndex(c => c.BranchId);
            customer.HasIndex(c => new { c.ParentId, c.RegisteredOn });
        });

        modelBuilder.Entity<Complaint>(complaint =>
        {
            complaint.HasKey(c => c.Id);
            complaint.Property(c => c.Id).ValueGeneratedNever();
            complaint.Property(c => c.BranchId).HasMaxLength(BranchLength);
            complaint.Property(c => c.Subject).HasMaxLength(Complaint.SubjectMaxLength);
            complaint.Property(c => c.Category).HasMaxLength(Complaint.CodeMaxLength);
            complaint.Property(c => c.Severity).HasMaxLength(Complaint.CodeMaxLength);
            complaint.Property(c => c.RootCause).HasMaxLength(Complaint.CodeMaxLength);
            complaint.Property(c => c.Resolution).HasMaxLength(Complaint.CodeMaxLength);
            complaint.Property(c => c.ClosedBy).HasMaxLength(Complaint.CodeMaxLength);
            complaint.Ignore(c => c.IsQuality);
            complaint.HasIndex(c => new { c.CustomerId, c.OpenedAt });
        });

        modelBuilder.Entity<CreditAccount>(account =>
        {
            account.ToTable("CreditAccounts");
            account.HasKey(a => a.CustomerId);
            account.Property(a => a.CustomerId).ValueGeneratedNever();
            account.Property(a => a.BranchId).HasMaxLength(BranchLength);
            account.Property(a => a.Version).IsConcurrencyToken();
            account.Ignore(a => a.Available);
            account.HasIndex(a => a.BranchId);
        });

        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).ValueGeneratedNever();
            entry.HasDiscriminator<string>("Kind").HasValue<Sale>("sale").HasValue<Payment>("payment").HasValue<CreditNote>("credit-note");
            entry.Property("Kind").HasMaxLength(20);
            entry.Property(e => e.BranchId).HasMaxLength(BranchLength);
            entry.Property(e => e.Note).HasMaxLength(LedgerEntry.NoteMaxLength);
            entry.Property(e => e.RecordedBy).HasMaxLength(UserLength);
            entry.Ignore(e => e.BalanceEffect);
            entry.Ignore(e => e.IsReversal);
            entry.HasIndex(e => new { e.CustomerId, e.Number }).IsUnique();
            entry.HasIndex(e => new { e.BranchId, e.CustomerId, e.Date });
            entry.HasIndex(e => new { e.BranchId, e.Date });
            entry.HasIndex(e => e.ReversesEntryId).IsUnique();
        });
        modelBuilder.Entity<Sale>(sale =>
        {
            sale.Property(s => s.Product).HasColumnName(nameof(Sale.Product)).HasMaxLength(Sale.ProductMaxLength);
            sale.Property(s => s.Quantity).HasColumnName(nameof(Sale.Quantity));
            sale.Property(s => s.Specification).HasMaxLength(Sale.ProductMaxLength);
            sale.Property(s => s.ContractNumber).HasMaxLength(ProjectedContract.NumberMaxLength);
            sale.Ignore(s => s.Contract);
            sale.HasIndex(s => new { s.ContractId, s.Date });
        });
        modelBuilder.Entity<CreditNote>(note =>
        {
            // The returned product and quantity share the sale's columns: one "Product" column for every kind that has one.
            note.Property(n => n.Product).HasColumnName(nameof(Sale.Product)).HasMaxLength(Sale.ProductMaxLength);
            note.Property(n => n.Quantity).HasColumnName(nameof(Sale.Quantity));
            note.HasIndex(n => n.ReturnId).IsUnique();
            note.HasIndex(n => n.CreditsEntryId);
            note.HasIndex(n => new { n.RebateContractId, n.RebateDate });
        });
        modelBuilder.Entity<Payment>().Property(p => p.Reference).HasMaxLength(Payment.ReferenceMaxLength);

        modelBuilder.Entity<BusinessPlan>(plan =>
        {
            plan.ToTable("BusinessPlans");
            plan.HasKey(p => new { p.CustomerId, p.Month, p.Version });
            plan.Property(p => p.BranchId).HasMaxLength(BranchLength);
            plan.Property(p => p.Month).HasMaxLength(MonthLength);
            plan.Property(p => p.Support).HasMaxLength(BusinessPlan.SupportMaxLength);
            plan.Property(p => p.SetBy).HasMaxLength(UserLength);
            plan.Ignore(p => p.TotalAmount);
            plan.Ignore(p => p.TotalQuantity);
            plan.OwnsMany(p => p.Targets, target =>
            {
                target.ToTable("PlanTargets");
                target.WithOwner().HasForeignKey("CustomerId", "Month", "PlanVersion");
                target.HasKey("CustomerId", "Month", "PlanVersion", nameof(PlanTarget.Line));
                target.Property(t => t.Line).ValueGeneratedNever();
                target.Property(t => t.Product).HasMaxLength(Sale.ProductMaxLength);
            });
            plan.Navigation(p => p.Targets).HasField("_targets").UsePropertyAccessMode(PropertyAccessMode.Field);
            plan.HasIndex(p => new { p.BranchId, p.Month });
        });

        modelBuilder.Entity<ExpenseMonth>(month =>
        {
            month.HasKey(m => new { m.CustomerId, m.Month });
            month.Property(m => m.BranchId).HasMaxLength(BranchLength);
            month.Property(m => m.Month).HasMaxLength(MonthLength);
            month.Property(m => m.BudgetNote).HasMaxLength(ExpenseMonth.NoteMaxLength);
            month.Property(m => m.BudgetSetBy).HasMaxLength(UserLength);
            month.Property(m => m.Revision).IsConcurrencyToken();
            month.Ignore(m => m.Remaining);
            month.HasIndex(m => new { m.BranchId, m.Month });
        });

        modelBuilder.Entity<Expense>(expense =>
        {
            expense.HasKey(e => e.Id);
            expense.Property(e => e.Id).ValueGeneratedNever();
            expense.Property(e => e.BranchId).HasMaxLength(BranchLength);
            expense.Property(e => e.Month).HasMaxLength(MonthLength);
            expense.Property(e => e.Category).HasConversion<string>().HasMaxLength(20);
            expense.Property(e => e.Description).HasMaxLength(Expense.DescriptionMaxLength);
            expense.Property(e => e.RecordedBy).HasMaxLength(UserLength);
            expense.HasIndex(e => new { e.CustomerId, e.Month });
            expense.HasIndex(e => e.ReversesExpenseId).IsUnique();
        });

        modelBuilder.Entity<GradingModelVersion>(model =>
        {
            model.ToTable("GradingModels");
            model.HasKey(m => m.Version);
            model.Property(m => m.Version).ValueGeneratedNever();
            model.Property(m => m.Note).HasMaxLength(GradingModelVersion.NoteMaxLength);
            model.Property(m => m.CreatedBy).HasMaxLength(UserLength);
            model.Ignore(m => m.Name);
            model.Ignore(m => m.Model);
            model.HasData(GradingModelVersion.Initial);
        });

        modelBuilder.Entity<CustomerGrade>(grade =>
        {
            grade.ToTable("CustomerGrades");
            grade.HasKey(g => new { g.CustomerId, g.Period });
            grade.Property(g => g.BranchId).HasMaxLength(BranchLength);
            grade.Property(g => g.Period).HasMaxLength(MonthLength);
            grade.Property(g => g.Grade).HasConversion<string>().HasMaxLength(1);
            grade.Property(g => g.PreviousGrade).HasConversion<string>().HasMaxLength(1);
            grade.Property(g => g.GradedBy).HasMaxLength(UserLength);
            grade.Property(g => g.Version).IsConcurrencyToken();
            grade.Ignore(g => g.Inputs);
            grade.HasIndex(g => new { g.BranchId, g.Period });
        });

        modelBuilder.Entity<GradingRun>(run =>
        {
            run.HasKey(r => new { r.BranchId, r.Period });
            run.Property(r => r.BranchId).HasMaxLength(BranchLength);
            run.Property(r => r.Period).HasMaxLength(MonthLength);
            run.Property(r => r.RunBy).HasMaxLength(UserLength);
            run.Property(r => r.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<LimitRequest>(request =>
        {
            request.HasKey(r => r.Id);
            request.Property(r => r.Id).ValueGeneratedNever();
            request.Property(r => r.BranchId).HasMaxLength(BranchLength);
            request.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
            request.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
            request.Property(r => r.Grade).HasConversion<string>().HasMaxLength(1);
            request.Property(r => r.GradingPeriod).HasMaxLength(MonthLength);
            request.Property(r => r.Reason).HasMaxLength(LimitRequest.ReasonMaxLength);
            request.Property(r => r.RequestedBy).HasMaxLength(UserLength);
            request.Property(r => r.RequestedByName).HasMaxLength(200);
            request.Property(r => r.AwaitingRole).HasMaxLength(50);
            request.Property(r => r.Version).IsConcurrencyToken();
            request.Ignore(r => r.CurrentStep);
            // The four steps live and change with their request, so they are kept in one JSON column beside it: a
            // grading run that files thousands of requests writes one row for each, not five.
            request.OwnsMany(r => r.Steps, step =>
            {
                step.ToJson("Steps");
                step.Property(s => s.Decision).HasConversion<string>();
            });
            request.Navigation(r => r.Steps).HasField("_steps").UsePropertyAccessMode(PropertyAccessMode.Field);
            request.HasIndex(r => r.OpenForCustomerId).IsUnique();
            request.HasIndex(r => new { r.CustomerId, r.RequestedAt });
            request.HasIndex(r => new { r.BranchId, r.State, r.AwaitingRole });
        });

        OnChannelsAndFieldWorkCreating(modelBuilder);
        modelBuilder.AddContractTermsProjection();
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyBranchFilters(this);
    }
}

public sealed class SqliteCreditDbContext(DbContextOptions<SqliteCreditDbContext> options, ICurrentUser user)
    : CreditDbContext(options, user);

public sealed class SqlServerCreditDbContext(DbContextOptions<SqlServerCreditDbContext> options, ICurrentUser user)
    : CreditDbContext(options, user);

public sealed class SqliteCreditDesignTimeFactory : SqliteDesignTimeFactory<SqliteCreditDbContext>;

public sealed class SqlServerCreditDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerCreditDbContext>;
