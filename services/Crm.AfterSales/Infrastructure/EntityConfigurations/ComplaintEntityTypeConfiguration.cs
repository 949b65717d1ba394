namespace Crm.AfterSales.Infrastructure.EntityConfigurations;

internal sealed class ComplaintEntityTypeConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> complaint)
    {
        complaint.ToTable("Complaints");
        complaint.HasAssignedKey(c => c.Id);
        complaint.Property(c => c.Region).HasMaxLength(100);
        complaint.Property(c => c.Subject).HasMaxLength(Complaint.SubjectMaxLength);
        complaint.Property(c => c.Description).HasMaxLength(Complaint.TextMaxLength);
        complaint.Property(c => c.Product).HasMaxLength(Complaint.ShortMaxLength);
        complaint.Property(c => c.Batch).HasMaxLength(Complaint.ShortMaxLength);
        complaint.Property(c => c.Severity).HasConversion<string>().HasMaxLength(20);
        complaint.Property(c => c.Category).HasConversion<string>().HasMaxLength(20);
        complaint.Property(c => c.RootCause).HasConversion<string>().HasMaxLength(20);
        complaint.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        complaint.Property(c => c.ResolutionKind).HasConversion<string>().HasMaxLength(20);
        complaint.Property(c => c.Finding).HasMaxLength(Complaint.TextMaxLength);
        complaint.Property(c => c.CorrectiveAction).HasMaxLength(Complaint.TextMaxLength);
        complaint.Property(c => c.ResolutionDetail).HasMaxLength(Complaint.TextMaxLength);
        complaint.Property(c => c.CustomerComment).HasMaxLength(Complaint.TextMaxLength);
        complaint.Property(c => c.CaseNumber).HasMaxLength(Complaint.ShortMaxLength);
        complaint.Property(c => c.Court).HasMaxLength(Complaint.SubjectMaxLength);
        complaint.Property(c => c.LitigationOutcome).HasMaxLength(Complaint.TextMaxLength);
        complaint.Property(c => c.OpenedByName).HasMaxLength(100);
        complaint.Property(c => c.ClosedBy).HasMaxLength(30);
        complaint.Property(c => c.Version).IsConcurrencyToken();
        complaint.Ignore(c => c.IsPaused);
        complaint.Ignore(c => c.IsOpen);
        complaint.HasMany(c => c.Timeline).WithOne().HasForeignKey(t => t.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        complaint.HasMany(c => c.Attachments).WithOne().HasForeignKey(a => a.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        complaint.Navigation(c => c.Timeline).UsePropertyAccessMode(PropertyAccessMode.Field);
        complaint.Navigation(c => c.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
        complaint.HasIndex(c => new { c.BranchId, c.State });
        complaint.HasIndex(c => new { c.BranchId, c.CustomerId });
        // The monthly statistics read complaints opened, answered and closed in a month.
        complaint.HasIndex(c => new { c.BranchId, c.OpenedAt });
        complaint.HasIndex(c => new { c.BranchId, c.FirstRespondedAt });
        complaint.HasIndex(c => new { c.BranchId, c.ClosedAt });
        // The sweep looks at open complaints whose deadline passed.
        complaint.HasIndex(c => new { c.State, c.ResolveDue });
    }
}
