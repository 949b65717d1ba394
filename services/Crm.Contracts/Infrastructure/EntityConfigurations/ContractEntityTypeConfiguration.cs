using static Crm.Contracts.Infrastructure.ColumnLengths;

namespace Crm.Contracts.Infrastructure.EntityConfigurations;

internal sealed class ContractEntityTypeConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> contract)
    {
        contract.HasAssignedKey(c => c.Id);
        contract.Property(c => c.Number).HasMaxLength(30);
        contract.Property(c => c.Title).HasMaxLength(Contract.TitleMaxLength);
        contract.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        contract.Property(c => c.Level).HasConversion<string>().HasMaxLength(20);
        contract.Property(c => c.AuthorId).HasMaxLength(UserLength);
        contract.Property(c => c.AuthorName).HasMaxLength(200);
        contract.Property(c => c.AwaitingRole).HasMaxLength(50);
        contract.Property(c => c.RejectionReason).HasMaxLength(Contract.ReasonMaxLength);
        contract.Property(c => c.TerminationReason).HasMaxLength(Contract.ReasonMaxLength);
        contract.Property(c => c.ArchiveNumber).HasMaxLength(50);
        contract.Property(c => c.ArchiveLocation).HasMaxLength(200);
        contract.Property(c => c.Category).HasMaxLength(50);
        contract.Property(c => c.CustodianId).HasMaxLength(UserLength);
        contract.Property(c => c.CustodianName).HasMaxLength(200);
        contract.Property(c => c.Sections).HasJsonConversion();
        contract.Property(c => c.Territories).HasJsonConversion();
        contract.Property(c => c.ProductLines).HasJsonConversion();
        contract.Property(c => c.Version).IsConcurrencyToken();
        contract.Ignore(c => c.CurrentStep);
        contract.Ignore(c => c.NoticeDeadline);
        contract.Ignore(c => c.RightsPeriod);
        // Steps and timeline live and change with their contract: one JSON column each beside it.
        contract.OwnsMany(c => c.Steps, step =>
        {
            step.ToJson("Steps");
            step.Property(s => s.Decision).HasConversion<string>();
        });
        contract.Navigation(c => c.Steps).HasField("_steps").UsePropertyAccessMode(PropertyAccessMode.Field);
        contract.OwnsMany(c => c.Timeline, entry => entry.ToJson("Timeline"));
        contract.Navigation(c => c.Timeline).HasField("_timeline").UsePropertyAccessMode(PropertyAccessMode.Field);
        contract.HasIndex(c => c.Number).IsUnique();
        contract.HasIndex(c => new { c.CustomerId, c.EffectiveOn });
        contract.HasIndex(c => new { c.BranchId, c.State, c.ExpiresOn });
        contract.HasIndex(c => new { c.Level, c.State });
    }
}
