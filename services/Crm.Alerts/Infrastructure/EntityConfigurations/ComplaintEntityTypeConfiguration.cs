namespace Crm.Alerts.Infrastructure.EntityConfigurations;

internal sealed class ComplaintEntityTypeConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> complaint)
    {
        complaint.ToTable("Complaints");
        complaint.HasAssignedKey(c => c.Id);
        complaint.Property(c => c.Subject).HasMaxLength(Complaint.SubjectMaxLength);
        complaint.Property(c => c.Severity).HasMaxLength(Complaint.SeverityMaxLength);
        complaint.Property(c => c.FirstResponseBreachState).HasMaxLength(30);
        complaint.Property(c => c.ResolutionBreachState).HasMaxLength(30);
        complaint.Property(c => c.ClosedBy).HasMaxLength(30);
        complaint.Ignore(c => c.AwaitsFirstResponse);
        complaint.Ignore(c => c.AwaitsResolution);
        complaint.Ignore(c => c.IsUnanswered);
        complaint.HasIndex(c => c.CustomerId);
    }
}
