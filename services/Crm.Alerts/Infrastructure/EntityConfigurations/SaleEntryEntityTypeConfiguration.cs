namespace Crm.Alerts.Infrastructure.EntityConfigurations;

internal sealed class SaleEntryEntityTypeConfiguration : IEntityTypeConfiguration<SaleEntry>
{
    public void Configure(EntityTypeBuilder<SaleEntry> sale)
    {
        sale.HasAssignedKey(s => s.EntryId);
        sale.HasIndex(s => new { s.CustomerId, s.Date });
        sale.Property(s => s.Product).HasMaxLength(SaleEntry.ProductMaxLength);
        sale.Property(s => s.ContractNumber).HasMaxLength(ProjectedContract.NumberMaxLength);
        sale.HasIndex(s => s.ReversesEntryId);
    }
}
