using Crm.AfterSales.Model;
using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Crm.Messaging.Persistence;
using Crm.ServiceDefaults.Identity;
using Crm.Terms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.AfterSales.Infrastructure;

/// <summary>The aftersales database. Reads are scoped to the caller's branch unless the caller sees every branch.</summary>
public abstract class AfterSalesDbContext(DbContextOptions options, ICurrentUser user) : ServiceDbContext(options, user)
{
    public DbSet<CustomerReference> Customers => Set<CustomerReference>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AfterSalesSettings> Settings => Set<AfterSalesSettings>();
    public DbSet<SoldSale> Sales => Set<SoldSale>();
    public DbSet<ProductReturn> Returns => Set<ProductReturn>();


    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CustomerReference>(customer =>
        {
            customer.ToTable("Customers");
            customer.HasKey(c => c.Id);
            customer.Property(c => c.Id).ValueGeneratedNever();
            customer.Property(c => c.BranchId).HasMaxLength(50);
            customer.Property(c => c.Code).HasMaxLength(30);
            customer.Property(c => c.Name).HasMaxLength(200);
            customer.Property(c => c.OwnerId).HasMaxLength(100);
            customer.Property(c => c.Region).HasMaxLength(100);
            customer.HasIndex(c => c.BranchId);
        });

        modelBuilder.Entity<Complaint>(complaint =>
        {
            complaint.ToTable("Complaints");
            complaint.HasKey(c => c.Id);
            complaint.Property(c => c.Id).ValueGeneratedNever();
            complaint.Property(c => c.BranchId).HasMaxLength(50);
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
            complaint.Property(c => c.OpenedBy).HasMaxLength(100);
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
        });

        modelBuilder.Entity<TimelineEntry>(entry =>
        {
            entry.ToTable("ComplaintTimeline");
            entry.HasKey(t => new { t.ComplaintId, t.Sequence });
            entry.Property(t => t.By).HasMaxLength(100);
            entry.Property(t => t.ByName).HasMaxLength(100);
            entry.Property(t => t.Action).HasMaxLength(40);
            entry.Property(t => t.Detail).HasMaxLength(8000);
        });

        modelBuilder.Entity<Attachment>(attachment =>
        {
            attachment.ToTable("ComplaintAttachments");
            attachment.HasKey(a => a.Id);
            attachment.Property(a => a.Id).ValueGeneratedNever();
            attachment.Property(a => a.FileName).HasMaxLength(255);
            attachment.Property(a => a.ContentType).HasMaxLength(100);
            attachment.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength();
            attachment.Property(a => a.StoredName).HasMaxLength(300);
            attachment.Property(a => a.UploadedBy).HasMaxLength(100);
        });

        modelBuilder.Entity<AfterSalesSettings>(settings =>
        {
            settings.ToTable("BranchSettings");
            settings.HasKey(s => s.BranchId);
            settings.Property(s => s.BranchId).HasMaxLength(50);
            settings.Property(s => s.UpdatedBy).HasMaxLength(100);
            settings.Property(s => s.Version).IsConcurrencyToken();
            settings.OwnsMany(s => s.ServiceLevels, level =>
            {
                level.ToTable("ServiceLevels");
                level.WithOwner().HasForeignKey("BranchId");
                level.Property(l => l.Category).HasConversion<string>().HasMaxLength(20);
                level.Property(l => l.Severity).HasConversion<string>().HasMaxLength(20);
                level.HasKey("BranchId", nameof(ServiceLevel.Category), nameof(ServiceLevel.Severity));
                level.Ignore(l => l.Target);
            });
            settings.Navigation(s => s.ServiceLevels).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        modelBuilder.Entity<SoldSale>(sale =>
        {
            sale.ToTable("Sales");
            sale.HasKey(s => s.EntryId);
            sale.Property(s => s.EntryId).ValueGeneratedNever();
            sale.Property(s => s.BranchId).HasMaxLength(50);
            sale.Property(s => s.Product).HasMaxLength(200);
            sale.Property(s => s.Version).IsConcurrencyToken();
            sale.Ignore(s => s.QuantityLeft);
            sale.Ignore(s => s.AmountLeft);
            sale.HasIndex(s => new { s.BranchId, s.CustomerId });
        });

        modelBuilder.Entity<ProductReturn>(ret =>
        {
            ret.ToTable("Returns");
            ret.HasKey(r => r.Id);
            ret.Property(r => r.Id).ValueGeneratedNever();
            ret.Property(r => r.BranchId).HasMaxLength(50);
            ret.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            ret.Property(r => r.Product).HasMaxLength(200);
            ret.Property(r => r.Reason).HasMaxLength(ProductReturn.ReasonMaxLength);
            ret.Property(r => r.OverrideReason).HasMaxLength(ProductReturn.ReasonMaxLength);
            ret.Property(r => r.ContractNumber).HasMaxLength(50);
            ret.Property(r => r.ApprovedBy).HasMaxLength(100);
            ret.Property(r => r.ApprovedByName).HasMaxLength(100);
            ret.Ignore(r => r.Contract);
            ret.Ignore(r => r.KindName);
            ret.HasIndex(r => new { r.BranchId, r.ApprovedAt });
            ret.HasIndex(r => r.SaleId);
        });

        // The contract terms in force on a sale's date (the return and exchange windows), kept from the contract events.
        modelBuilder.AddContractTermsProjection();

        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyBranchFilters(this);
    }
}

public sealed class SqliteAfterSalesDbContext(DbContextOptions<SqliteAfterSalesDbContext> options, ICurrentUser user)
    : AfterSalesDbContext(options, user);

public sealed class SqlServerAfterSalesDbContext(DbContextOptions<SqlServerAfterSalesDbContext> options, ICurrentUser user)
    : AfterSalesDbContext(options, user);

public sealed class SqliteAfterSalesDesignTimeFactory : SqliteDesignTimeFactory<SqliteAfterSalesDbContext>;

public sealed class SqlServerAfterSalesDesignTimeFactory : SqlServerDesignTimeFactory<SqlServerAfterSalesDbContext>;
