namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class LedgerEntryEntityTypeConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> entry)
    {
        entry.HasAssignedKey(e => e.Id);
        entry.HasDiscriminator<string>("Kind").HasValue<Sale>("sale").HasValue<Payment>("payment").HasValue<CreditNote>("credit-note");
        entry.Property("Kind").HasMaxLength(20);
        entry.Property(e => e.Note).HasMaxLength(LedgerEntry.NoteMaxLength);
        entry.Ignore(e => e.BalanceEffect);
        entry.Ignore(e => e.IsReversal);
        entry.HasIndex(e => new { e.CustomerId, e.Number }).IsUnique();
        entry.HasIndex(e => new { e.BranchId, e.CustomerId, e.Date });
        entry.HasIndex(e => new { e.BranchId, e.Date });
        entry.HasIndex(e => e.ReversesEntryId).IsUnique();
    }
}
