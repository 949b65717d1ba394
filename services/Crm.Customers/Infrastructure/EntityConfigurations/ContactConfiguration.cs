namespace Crm.Customers.Infrastructure.EntityConfigurations;

/// <summary>A contact of a customer; the model assigns its id.</summary>
public sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.HasKey(c => c.Id);
        // The model assigns the id: a contact added to a loaded customer is then known to be new, not an update.
        contact.Property(c => c.Id).ValueGeneratedNever();
        contact.Property(c => c.Name).HasMaxLength(ContactDetails.NameMaxLength);
        contact.Property(c => c.Department).HasMaxLength(100);
        contact.Property(c => c.Title).HasMaxLength(100);
        contact.Property(c => c.Phone).HasMaxLength(40);
        contact.Property(c => c.Fax).HasMaxLength(40);
        contact.Property(c => c.Mobile).HasMaxLength(40);
        contact.Property(c => c.Email).HasMaxLength(200);
        contact.Property(c => c.PersonalNotes).HasMaxLength(CustomerProfile.MediumTextMaxLength);
        contact.Ignore(c => c.Details);
        contact.HasIndex(c => c.CustomerId);
    }
}
