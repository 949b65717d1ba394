namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>Development applications (客户开发申请表): the prospect and its contacts as JSON, keys for duplicate detection.</summary>
public sealed class DevelopmentApplicationConfiguration : IEntityTypeConfiguration<DevelopmentApplication>
{
    public void Configure(EntityTypeBuilder<DevelopmentApplication> application)
    {
        application.HasKey(a => a.Id);
        application.Property(a => a.Prospect).HasJsonConversion();
        application.Property(a => a.Contacts).HasJsonConversion();
        application.Property(a => a.ConfirmedNotDuplicateOf).HasJsonConversion();
        application.Property(a => a.Name).HasMaxLength(CustomerProfile.NameMaxLength);
        application.Property(a => a.Region).HasMaxLength(CustomerProfile.RegionMaxLength);
        application.Property(a => a.NameKey).HasMaxLength(CustomerProfile.NameMaxLength);
        application.Property(a => a.RegionKey).HasMaxLength(CustomerProfile.RegionMaxLength);
        application.Property(a => a.TaxNumber).HasMaxLength(30);
        application.Property(a => a.Reason).HasMaxLength(DevelopmentApplication.ReasonMaxLength);
        application.Property(a => a.FiledByName).HasMaxLength(100);
        application.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        application.Property(a => a.DecidedByName).HasMaxLength(100);
        application.Property(a => a.DecisionNote).HasMaxLength(DevelopmentApplication.ReasonMaxLength);
        application.Property(a => a.CustomerCode).HasMaxLength(30);
        application.Property(a => a.Version).IsConcurrencyToken();
        application.HasIndex(a => new { a.BranchId, a.State, a.FiledAt });
        application.HasIndex(a => new { a.BranchId, a.FiledBy, a.FiledAt });
        application.HasIndex(a => new { a.RegionKey, a.NameKey });
        application.HasIndex(a => a.TaxNumber);
    }
}
