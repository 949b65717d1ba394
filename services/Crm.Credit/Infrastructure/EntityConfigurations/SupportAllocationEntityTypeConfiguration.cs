namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class SupportAllocationEntityTypeConfiguration : IEntityTypeConfiguration<SupportAllocation>
{
    public void Configure(EntityTypeBuilder<SupportAllocation> allocation)
    {
        allocation.HasAssignedKey(a => a.Id);
        allocation.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        allocation.Property(a => a.Description).HasMaxLength(SupportAllocation.DescriptionMaxLength);
        allocation.HasIndex(a => new { a.CustomerId, a.From });
    }
}
