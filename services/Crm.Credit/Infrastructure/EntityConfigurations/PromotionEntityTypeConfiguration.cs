namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class PromotionEntityTypeConfiguration : IEntityTypeConfiguration<Promotion>
{
    public void Configure(EntityTypeBuilder<Promotion> promotion)
    {
        promotion.HasAssignedKey(p => p.Id);
        promotion.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        promotion.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        promotion.Property(p => p.Title).HasMaxLength(Promotion.TitleMaxLength);
        promotion.Property(p => p.ExpectedEffect).HasMaxLength(Promotion.TextMaxLength);
        promotion.Property(p => p.RequestedByName).HasMaxLength(200);
        promotion.Property(p => p.DecidedByName).HasMaxLength(200);
        promotion.Property(p => p.DecisionComment).HasMaxLength(Promotion.CommentMaxLength);
        promotion.Property(p => p.Revision).IsConcurrencyToken();
        promotion.Ignore(p => p.Remaining);
        promotion.Ignore(p => p.Days);
        promotion.HasIndex(p => new { p.CustomerId, p.StartsOn });
        promotion.HasIndex(p => new { p.BranchId, p.State });
    }
}
