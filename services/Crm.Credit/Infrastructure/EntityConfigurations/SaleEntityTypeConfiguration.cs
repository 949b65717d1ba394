namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class SaleEntityTypeConfiguration : IEntityTypeConfiguration<Sale>
{
    public void Configure(EntityTypeBuilder<Sale> sale)
    {
        sale.Property(s => s.Product).HasColumnName(nameof(Sale.Product)).HasMaxLength(Sale.ProductMaxLength);
        sale.Property(s => s.Quantity).HasColumnName(nameof(Sale.Quantity));
        sale.Property(s => s.Specification).HasMaxLength(Sale.ProductMaxLength);
        sale.Property(s => s.ContractNumber).HasMaxLength(ProjectedContract.NumberMaxLength);
        sale.Ignore(s => s.Contract);
        sale.HasIndex(s => new { s.ContractId, s.Date });
    }
}
