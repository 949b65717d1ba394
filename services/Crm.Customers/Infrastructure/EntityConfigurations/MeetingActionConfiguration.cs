namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>A follow-up action agreed at a meeting.</summary>
public sealed class MeetingActionConfiguration : IEntityTypeConfiguration<MeetingAction>
{
    public void Configure(EntityTypeBuilder<MeetingAction> action)
    {
        action.HasAssignedKey(a => a.Id);
        action.Property(a => a.Description).HasMaxLength(MeetingAction.DescriptionMaxLength);
        action.Property(a => a.OwnerId).HasMaxLength(100);
        action.Property(a => a.Outcome).HasMaxLength(MeetingAction.DescriptionMaxLength);
        action.Property(a => a.Version).IsConcurrencyToken();
        action.HasIndex(a => new { a.BranchId, a.OwnerId, a.DueOn });
        action.HasIndex(a => new { a.CompletedOn, a.OverdueAt, a.DueOn });
    }
}
