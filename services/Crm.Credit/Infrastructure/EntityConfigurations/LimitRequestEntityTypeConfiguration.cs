using static Crm.Credit.Infrastructure.ColumnLengths;

namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class LimitRequestEntityTypeConfiguration : IEntityTypeConfiguration<LimitRequest>
{
    public void Configure(EntityTypeBuilder<LimitRequest> request)
    {
        request.HasAssignedKey(r => r.Id);
        request.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.Grade).HasConversion<string>().HasMaxLength(1);
        request.Property(r => r.GradingPeriod).HasMaxLength(MonthLength);
        request.Property(r => r.Reason).HasMaxLength(LimitRequest.ReasonMaxLength);
        request.Property(r => r.RequestedByName).HasMaxLength(200);
        request.Property(r => r.AwaitingRole).HasMaxLength(50);
        request.Property(r => r.Version).IsConcurrencyToken();
        request.Ignore(r => r.CurrentStep);
        // The four steps live and change with their request, so they are kept in one JSON column beside it: a
        // grading run that files thousands of requests writes one row for each, not five.
        request.OwnsMany(r => r.Steps, step =>
        {
            step.ToJson("Steps");
            step.Property(s => s.Decision).HasConversion<string>();
        });
        request.Navigation(r => r.Steps).HasField("_steps").UsePropertyAccessMode(PropertyAccessMode.Field);
        request.HasIndex(r => r.OpenForCustomerId).IsUnique();
        request.HasIndex(r => new { r.CustomerId, r.RequestedAt });
        request.HasIndex(r => new { r.BranchId, r.State, r.AwaitingRole });
    }
}
