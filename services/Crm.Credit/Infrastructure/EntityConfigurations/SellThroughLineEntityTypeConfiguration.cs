namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class SellThroughLineEntityTypeConfiguration : IEntityTypeConfiguration<SellThroughLine>
{
    public void Configure(EntityTypeBuilder<SellThroughLine> line)
    {
        line.HasKey(l => new { l.ReportId, l.Line });
        line.Property(l => l.Line).ValueGeneratedNever();
        line.Property(l => l.Product).HasMaxLength(Sale.ProductMaxLength);
        line.HasIndex(l => new { l.DistributorId, l.Month });
        line.HasIndex(l => new { l.OutletId, l.Date });
    }
}
