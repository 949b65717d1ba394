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
}
