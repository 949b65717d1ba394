using Crm.Messaging.Outbox;

namespace Crm.Customers.Services;

/// <summary>
/// A customer's contacts (联系人), changed by its owner rep or inside sales: one primary among them, each change in the
/// history and in <c>crm.customer-changed</c>.
/// </summary>
public sealed class CustomerContacts(CustomersDbContext db, CustomerAccess access, BusinessCalendar calendar, TimeProvider clock)
{
    public async Task<(Customer Customer, Contact Contact)> AddContactAsync(
        Guid id, ContactRequest request, long expectedVersion, CancellationToken cancellationToken)
    {
        var customer = await db.LoadCustomerAsync(id, cancellationToken);
        access.EnsureCanManageContacts(customer);
        var errors = new ValidationErrors().MaxLength("changeReason", request.ChangeReason, CustomerHistoryEntry.ReasonMaxLength);
        var details = request.ToDetails(errors, calendar.Today);
        errors.When(customer.Contacts.Count >= Customer.MaxContacts, "name", $"A customer has at most {Customer.MaxContacts} contacts.").ThrowIfAny();
        db.CheckVersion(customer, expectedVersion);

        var now = clock.GetUtcNow();
        var contact = customer.AddContact(details, request.IsPrimary, access.Actor, CustomerProfile.Clean(request.ChangeReason), now);
        await SaveAsync(customer, now, cancellationToken);
        return (customer, contact);
    }

    public async Task<(Customer Customer, Contact Contact)> UpdateContactAsync(
        Guid id, Guid contactId, ContactRequest request, long expectedVersion, CancellationToken cancellationToken)
    {
        var customer = await db.LoadCustomerAsync(id, cancellationToken);
        access.EnsureCanManageContacts(customer);
        var errors = new ValidationErrors().MaxLength("changeReason", request.ChangeReason, CustomerHistoryEntry.ReasonMaxLength);
        var details = request.ToDetails(errors, calendar.Today);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow();
        var changes = customer.UpdateContact(contactId, details, request.IsPrimary, expectedVersion, access.Actor, CustomerProfile.Clean(request.ChangeReason), now);
        if (changes.Count > 0) await SaveAsync(customer, now, cancellationToken);
        return (customer, customer.Contacts.Single(c => c.Id == contactId));
    }

    public async Task<Customer> RemoveContactAsync(Guid id, Guid contactId, long expectedVersion, string? reason, CancellationToken cancellationToken)
    {
        var customer = await db.LoadCustomerAsync(id, cancellationToken);
        access.EnsureCanManageContacts(customer);
        new ValidationErrors().MaxLength("changeReason", reason, CustomerHistoryEntry.ReasonMaxLength).ThrowIfAny();

        var now = clock.GetUtcNow();
        customer.RemoveContact(contactId, expectedVersion, access.Actor, CustomerProfile.Clean(reason), now);
        await SaveAsync(customer, now, cancellationToken);
        return customer;
    }

    private async Task SaveAsync(Customer customer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The history entry the model just recorded holds the change; the event carries the same fields.
        foreach (var entry in customer.NewHistory)
            db.AddIntegrationEvent(CustomerIntegrationEvents.Changed(customer, entry.Changes, entry.Reason, access.Actor, now), clock);
        await db.SaveChangesAsync(cancellationToken);
    }
}
