namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class ComplaintEntityTypeConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> complaint)
    {
        complaint.HasAssignedKey(c => c.Id);
        complaint.Property(c => c.Subject).HasMaxLength(Complaint.SubjectMaxLength);
        complaint.Property(c => c.Category).HasMaxLength(Complaint.CodeMaxLength);
        complaint.Property(c => c.Severity).HasMaxLength(Complaint.CodeMaxLength);
        complaint.Property(c => c.RootCause).HasMaxLength(Complaint.CodeMaxLength);
        complaint.Property(c => c.Resolution).HasMaxLength(Complaint.CodeMaxLength);
        complaint.Property(c => c.ClosedBy).HasMaxLength(Complaint.CodeMaxLength);
        complaint.Ignore(c => c.IsQuality);
        complaint.HasIndex(c => new { c.CustomerId, c.OpenedAt });
    }
}
