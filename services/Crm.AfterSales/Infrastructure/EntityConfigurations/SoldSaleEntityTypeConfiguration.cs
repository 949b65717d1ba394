namespace Crm.AfterSales.Infrastructure.EntityConfigurations;

internal sealed class SoldSaleEntityTypeConfiguration : IEntityTypeConfiguration<SoldSale>
{
    public void Configure(EntityTypeBuilder<SoldSale> sale)
    {
        sale.ToTable("Sales");
        sale.HasAssignedKey(s => s.EntryId);
        sale.Property(s => s.Product).HasMaxLength(200);
        sale.Property(s => s.Version).IsConcurrencyToken();
        sale.Ignore(s => s.QuantityLeft);
        sale.Ignore(s => s.AmountLeft);
        sale.HasIndex(s => new { s.BranchId, s.CustomerId });
    }
}
