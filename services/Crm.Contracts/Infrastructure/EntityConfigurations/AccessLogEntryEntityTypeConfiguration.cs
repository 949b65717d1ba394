using static Crm.Contracts.Infrastructure.ColumnLengths;

namespace Crm.Contracts.Infrastructure.EntityConfigurations;

internal sealed class AccessLogEntryEntityTypeConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> entry)
    {
        entry.ToTable("AccessLog");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).ValueGeneratedOnAdd();
        entry.Property(e => e.UserId).HasMaxLength(UserLength);
        entry.Property(e => e.UserName).HasMaxLength(200);
        entry.Property(e => e.Roles).HasMaxLength(300);
        entry.Property(e => e.What).HasMaxLength(20);
        entry.HasIndex(e => new { e.ContractId, e.At });
    }
}
