namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class ExpenseMonthEntityTypeConfiguration : IEntityTypeConfiguration<ExpenseMonth>
{
    public void Configure(EntityTypeBuilder<ExpenseMonth> month)
    {
        month.HasKey(m => new { m.CustomerId, m.Month });
        month.Property(m => m.BudgetNote).HasMaxLength(ExpenseMonth.NoteMaxLength);
        month.Property(m => m.Revision).IsConcurrencyToken();
        month.Ignore(m => m.Remaining);
        month.Ignore(m => m.IsOverBudget);
        month.HasIndex(m => new { m.BranchId, m.Month });
    }
}
