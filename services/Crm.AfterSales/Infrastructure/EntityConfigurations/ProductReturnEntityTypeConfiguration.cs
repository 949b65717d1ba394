namespace Crm.AfterSales.Infrastructure.EntityConfigurations;

internal sealed class ProductReturnEntityTypeConfiguration : IEntityTypeConfiguration<ProductReturn>
{
    public void Configure(EntityTypeBuilder<ProductReturn> ret)
    {
        ret.ToTable("Returns");
        ret.HasAssignedKey(r => r.Id);
        ret.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        ret.Property(r => r.Product).HasMaxLength(200);
        ret.Property(r => r.Reason).HasMaxLength(ProductReturn.ReasonMaxLength);
        ret.Property(r => r.OverrideReason).HasMaxLength(ProductReturn.ReasonMaxLength);
        ret.Property(r => r.ContractNumber).HasMaxLength(50);
        ret.Property(r => r.ApprovedByName).HasMaxLength(100);
        ret.Ignore(r => r.Contract);
        ret.Ignore(r => r.KindName);
        ret.HasIndex(r => new { r.BranchId, r.ApprovedAt });
        ret.HasIndex(r => r.SaleId);
    }
}
