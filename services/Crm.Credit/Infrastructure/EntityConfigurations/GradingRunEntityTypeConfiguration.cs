using static Crm.Credit.Infrastructure.ColumnLengths;

namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class GradingRunEntityTypeConfiguration : IEntityTypeConfiguration<GradingRun>
{
    public void Configure(EntityTypeBuilder<GradingRun> run)
    {
        run.HasKey(r => new { r.BranchId, r.Period });
        run.Property(r => r.Period).HasMaxLength(MonthLength);
        run.Property(r => r.Version).IsConcurrencyToken();
    }
}
