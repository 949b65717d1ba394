namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class ExpenseEntityTypeConfiguration : IEntityTypeConfiguration<Expense>
{
    public void Configure(EntityTypeBuilder<Expense> expense)
    {
        expense.HasAssignedKey(e => e.Id);
        expense.Property(e => e.Category).HasConversion<string>().HasMaxLength(20);
        expense.Property(e => e.Description).HasMaxLength(Expense.DescriptionMaxLength);
        expense.HasIndex(e => new { e.CustomerId, e.Month });
        expense.HasIndex(e => e.ReversesExpenseId).IsUnique();
        expense.HasIndex(e => e.PromotionId);
    }
}
