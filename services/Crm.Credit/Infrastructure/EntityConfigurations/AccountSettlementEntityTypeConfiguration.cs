using static Crm.Credit.Infrastructure.ColumnLengths;

namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class AccountSettlementEntityTypeConfiguration : IEntityTypeConfiguration<AccountSettlement>
{
    public void Configure(EntityTypeBuilder<AccountSettlement> settlement)
    {
        settlement.ToTable("AccountSettlements");
        settlement.HasKey(s => s.CustomerId);
        settlement.Property(s => s.CustomerId).ValueGeneratedNever();
        settlement.Property(s => s.BranchId).HasMaxLength(BranchLength);
        settlement.HasIndex(s => s.BranchId);
    }
}
