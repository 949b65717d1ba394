namespace Crm.Alerts.Infrastructure.EntityConfigurations;

internal sealed class MonthlyPlanEntityTypeConfiguration : IEntityTypeConfiguration<MonthlyPlan>
{
    public void Configure(EntityTypeBuilder<MonthlyPlan> plan)
    {
        plan.ToTable("Plans");
        plan.HasKey(p => new { p.CustomerId, p.Month });
    }
}
