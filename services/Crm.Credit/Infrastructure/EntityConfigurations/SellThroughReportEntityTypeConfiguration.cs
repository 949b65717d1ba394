namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class SellThroughReportEntityTypeConfiguration : IEntityTypeConfiguration<SellThroughReport>
{
    public void Configure(EntityTypeBuilder<SellThroughReport> report)
    {
        report.HasAssignedKey(r => r.Id);
        report.Property(r => r.Reference).HasMaxLength(SellThroughReport.ReferenceMaxLength);
        report.Property(r => r.ContentHash).HasMaxLength(64);
        report.Property(r => r.Source).HasMaxLength(10);
        report.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReportId);
        report.Navigation(r => r.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        report.HasIndex(r => new { r.DistributorId, r.Reference }).IsUnique();
        report.HasIndex(r => r.BranchId);
    }
}
