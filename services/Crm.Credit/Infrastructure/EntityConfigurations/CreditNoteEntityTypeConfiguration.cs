namespace Crm.Credit.Infrastructure.EntityConfigurations;

internal sealed class CreditNoteEntityTypeConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> note)
    {
        // The returned product and quantity share the sale's columns: one "Product" column for every kind that has one.
        note.Property(n => n.Product).HasColumnName(nameof(Sale.Product)).HasMaxLength(Sale.ProductMaxLength);
        note.Property(n => n.Quantity).HasColumnName(nameof(Sale.Quantity));
        note.HasIndex(n => n.ReturnId).IsUnique();
        note.HasIndex(n => n.CreditsEntryId);
        note.HasIndex(n => new { n.RebateContractId, n.RebateDate });
    }
}
