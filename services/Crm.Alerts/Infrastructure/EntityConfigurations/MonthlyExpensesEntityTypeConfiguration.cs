namespace Crm.Alerts.Infrastructure.EntityConfigurations;

internal sealed class MonthlyExpensesEntityTypeConfiguration : IEntityTypeConfiguration<MonthlyExpenses>
{
    public void Configure(EntityTypeBuilder<MonthlyExpenses> expenses)
    {
        expenses.ToTable("ExpenseMonths");
        expenses.HasKey(e => new { e.CustomerId, e.Month });
    }
}
