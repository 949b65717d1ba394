namespace Crm.AfterSales.Infrastructure.EntityConfigurations;

internal sealed class AfterSalesSettingsEntityTypeConfiguration : IEntityTypeConfiguration<AfterSalesSettings>
{
    public void Configure(EntityTypeBuilder<AfterSalesSettings> settings)
    {
        settings.ToTable("BranchSettings");
        settings.HasKey(s => s.BranchId);
        settings.Property(s => s.Version).IsConcurrencyToken();
        settings.OwnsMany(s => s.ServiceLevels, level =>
        {
            level.ToTable("ServiceLevels");
            level.WithOwner().HasForeignKey("BranchId");
            level.Property(l => l.Category).HasConversion<string>().HasMaxLength(20);
            level.Property(l => l.Severity).HasConversion<string>().HasMaxLength(20);
            level.HasKey("BranchId", nameof(ServiceLevel.Category), nameof(ServiceLevel.Severity));
            level.Ignore(l => l.Target);
        });
        settings.Navigation(s => s.ServiceLevels).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
