using Crm.Credit.Model;
using Microsoft.EntityFrameworkCore;

namespace Crm.Credit.Infrastructure;

/// <summary>Channels and field work (DOMAIN.md §6): sell-through, distribution targets, promotions, support allocations, executive visits.</summary>
public abstract partial class CreditDbContext
{
    public DbSet<SellThroughReport> SellThroughReports => Set<SellThroughReport>();
    public DbSet<SellThroughLine> SellThroughLines => Set<SellThroughLine>();
    public DbSet<DistributionTarget> DistributionTargets => Set<DistributionTarget>();
    public DbSet<Promotion> Promotions => Set<Promotion>();
    public DbSet<SupportAllocation> SupportAllocations => Set<SupportAllocation>();
    public DbSet<ExecutiveVisitPlan> ExecutiveVisitPlans => Set<ExecutiveVisitPlan>();
    public DbSet<ExecutiveVisit> ExecutiveVisits => Set<ExecutiveVisit>();

    private void OnChannelsAndFieldWorkCreating(ModelBuilder modelBuilder)
    {
        const int branchLength = 50;
        const int userLength = 100;
        const int monthLength = 7;

        modelBuilder.Entity<SellThroughReport>(report =>
        {
            report.HasKey(r => r.Id);
            report.Property(r => r.Id).ValueGeneratedNever();
            report.Property(r => r.BranchId).HasMaxLength(branchLength);
            report.Property(r => r.Reference).HasMaxLength(SellThroughReport.ReferenceMaxLength);
            report.Property(r => r.ContentHash).HasMaxLength(64);
            report.Property(r => r.Source).HasMaxLength(10);
            report.Property(r => r.ReportedBy).HasMaxLength(userLength);
            report.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReportId);
            report.Navigation(r => r.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
            report.HasIndex(r => new { r.DistributorId, r.Reference }).IsUnique();
            report.HasIndex(r => r.BranchId);
        });

        modelBuilder.Entity<SellThroughLine>(line =>
        {
            line.HasKey(l => new { l.ReportId, l.Line });
            line.Property(l => l.Line).ValueGeneratedNever();
            line.Property(l => l.BranchId).HasMaxLength(branchLength);
            line.Property(l => l.Month).HasMaxLength(monthLength);
            line.Property(l => l.Product).HasMaxLength(Sale.ProductMaxLength);
            line.HasIndex(l => new { l.DistributorId, l.Month });
            line.HasIndex(l => new { l.OutletId, l.Date });
        });

        modelBuilder.Entity<DistributionTarget>(target =>
        {
            target.HasKey(t => new { t.CustomerId, t.Month });
            target.Property(t => t.BranchId).HasMaxLength(branchLength);
            target.Property(t => t.Month).HasMaxLength(monthLength);
            target.Property(t => t.Note).HasMaxLength(DistributionTarget.NoteMaxLength);
            target.Property(t => t.SetBy).HasMaxLength(userLength);
            target.Property(t => t.Version).IsConcurrencyToken();
            target.HasIndex(t => new { t.BranchId, t.Month });
        });

        modelBuilder.Entity<Promotion>(promotion =>
        {
            promotion.HasKey(p => p.Id);
            promotion.Property(p => p.Id).ValueGeneratedNever();
            promotion.Property(p => p.BranchId).HasMaxLength(branchLength);
            promotion.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            promotion.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
            promotion.Property(p => p.Title).HasMaxLength(Promotion.TitleMaxLength);
            promotion.Property(p => p.ExpectedEffect).HasMaxLength(Promotion.TextMaxLength);
            promotion.Property(p => p.RequestedBy).HasMaxLength(userLength);
            promotion.Property(p => p.RequestedByName).HasMaxLength(200);
            promotion.Property(p => p.DecidedBy).HasMaxLength(userLength);
            promotion.Property(p => p.DecidedByName).HasMaxLength(200);
            promotion.Property(p => p.DecisionComment).HasMaxLength(Promotion.CommentMaxLength);
            promotion.Property(p => p.Revision).IsConcurrencyToken();
            promotion.Ignore(p => p.Remaining);
            promotion.Ignore(p => p.Days);
            promotion.HasIndex(p => new { p.CustomerId, p.StartsOn });
            promotion.HasIndex(p => new { p.BranchId, p.State });
        });

        modelBuilder.Entity<SupportAllocation>(allocation =>
        {
            allocation.HasKey(a => a.Id);
            allocation.Property(a => a.Id).ValueGeneratedNever();
            allocation.Property(a => a.BranchId).HasMaxLength(branchLength);
            allocation.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
            allocation.Property(a => a.Description).HasMaxLength(SupportAllocation.DescriptionMaxLength);
            allocation.Property(a => a.RecordedBy).HasMaxLength(userLength);
            allocation.HasIndex(a => new { a.CustomerId, a.From });
        });

        modelBuilder.Entity<Expense>().HasIndex(e => e.PromotionId);

        modelBuilder.Entity<ExecutiveVisitPlan>(plan =>
        {
            plan.HasKey(p => p.PlanId);
            plan.Property(p => p.PlanId).ValueGeneratedNever();
            plan.Property(p => p.BranchId).HasMaxLength(branchLength);
            plan.Property(p => p.VisitorId).HasMaxLength(userLength);
            plan.Property(p => p.PlannedBy).HasMaxLength(userLength);
            plan.HasIndex(p => new { p.BranchId, p.PlannedOn });
        });

        modelBuilder.Entity<ExecutiveVisit>(visit =>
        {
            visit.HasKey(v => v.VisitId);
            visit.Property(v => v.VisitId).ValueGeneratedNever();
            visit.Property(v => v.BranchId).HasMaxLength(branchLength);
            visit.Property(v => v.ContactedBy).HasMaxLength(userLength);
            visit.HasIndex(v => new { v.BranchId, v.On });
        });
    }
}
