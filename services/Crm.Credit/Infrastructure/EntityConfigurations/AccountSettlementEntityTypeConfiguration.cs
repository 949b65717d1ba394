namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class AccountSettlementEntityTypeConfiguration : IEntityTypeConfiguration<AccountSettlement>
{
    public void Configure(EntityTypeBuilder<AccountSettlement> settlement)
    {
        settlement.ToTable("AccountSettlements");
        settlement.HasAssignedKey(s => s.CustomerId);
        settlement.HasIndex(s => s.BranchId);
    }
}
