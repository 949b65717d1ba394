namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class CreditAccountEntityTypeConfiguration : IEntityTypeConfiguration<CreditAccount>
{
    public void Configure(EntityTypeBuilder<CreditAccount> account)
    {
        account.ToTable("CreditAccounts");
        account.HasAssignedKey(a => a.CustomerId);
        account.Property(a => a.Version).IsConcurrencyToken();
        account.Ignore(a => a.Available);
        account.HasIndex(a => a.BranchId);
    }
}
