namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class BusinessPlanEntityTypeConfiguration : IEntityTypeConfiguration<BusinessPlan>
{
    public void Configure(EntityTypeBuilder<BusinessPlan> plan)
    {
        plan.ToTable("BusinessPlans");
        plan.HasKey(p => new { p.CustomerId, p.Month, p.Version });
        plan.Property(p => p.Support).HasMaxLength(BusinessPlan.SupportMaxLength);
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
    }
}
