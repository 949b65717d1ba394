using static Crm.Credit.Infrastructure.ColumnLengths;

namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class CustomerGradeEntityTypeConfiguration : IEntityTypeConfiguration<CustomerGrade>
{
    public void Configure(EntityTypeBuilder<CustomerGrade> grade)
    {
        grade.ToTable("CustomerGrades");
        grade.HasKey(g => new { g.CustomerId, g.Period });
        grade.Property(g => g.Period).HasMaxLength(MonthLength);
        grade.Property(g => g.Grade).HasConversion<string>().HasMaxLength(1);
        grade.Property(g => g.PreviousGrade).HasConversion<string>().HasMaxLength(1);
        grade.Property(g => g.Version).IsConcurrencyToken();
        grade.Ignore(g => g.Inputs);
        grade.HasIndex(g => new { g.BranchId, g.Period });
    }
}
