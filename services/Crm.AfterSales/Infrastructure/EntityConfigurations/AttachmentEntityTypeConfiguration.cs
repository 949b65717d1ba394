namespace Crm.AfterSales.Infrastructure.EntityConfigurations;

internal sealed class AttachmentEntityTypeConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> attachment)
    {
        attachment.ToTable("ComplaintAttachments");
        attachment.HasAssignedKey(a => a.Id);
        attachment.Property(a => a.FileName).HasMaxLength(255);
        attachment.Property(a => a.ContentType).HasMaxLength(100);
        attachment.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
        attachment.Property(a => a.StoredName).HasMaxLength(300);
    }
}
