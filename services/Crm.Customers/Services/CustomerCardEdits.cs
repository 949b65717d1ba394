using Crm.Messaging.Outbox;

namespace Crm.Customers.Services;

/// <summary>
/// Edits of the archive card (修改客户档案): who may edit, the sensitive fields kept from those not entitled to them,
/// the duplicate check of a renamed or moved file, the history entry and <c>crm.customer-changed</c>, saved once.
/// </summary>
public sealed class CustomerCardEdits(
    CustomersDbContext db, CustomerAccess access, BusinessCalendar calendar, TimeProvider clock, DuplicateDetector duplicates,
    CustomersMetrics metrics, ChannelTree channel)
{
    public async Task<Customer> UpdateAsync(Guid id, UpdateCustomerRequest request, long expectedVersion, CancellationToken cancellationToken)
    {
        var customer = await db.LoadCustomerAsync(id, cancellationToken);
        access.EnsureCanEdit(customer);

        var draft = request.ToDraft();
        var stored = customer.Profile;
        var seesSensitive = access.SeesSensitiveDataOf(customer.OwnerId);
        // Someone not entitled sees the sensitive fields masked: they may leave them out or send back what they read
        // (a 403 otherwise), and the stored values are kept.
        if (!seesSensitive)
        {
            CustomerCard.EnsureSensitiveUnchanged(draft, stored);
            draft = CustomerCard.WithSensitiveFrom(draft, CustomerProfile.Empty);
        }
        var errors = new ValidationErrors().Required("changeReason", request.ChangeReason, CustomerHistoryEntry.ReasonMaxLength);
        var profile = CustomerProfile.Complete(draft, request.KindGiven, errors, calendar.Today);
        errors.ThrowIfAny();
        ExpectedVersion.Check("customer", customer.Version, expectedVersion);
        if (!seesSensitive) profile = CustomerCard.WithSensitiveFrom(profile!, stored);

        var reason = request.ChangeReason!.Trim();
        if (profile!.ParentId != customer.ParentId)
            await channel.EnsureParentAsync(customer.Id, customer.BranchId, profile.ParentId, cancellationToken);
        // Only a file renamed, moved or given another tax number is checked for duplicates like a new one, and only that
        // check needs the group-wide registration lock; any other edit is guarded by the card's version alone (the row's
        // concurrency token: a change committed since it was read fails the save with 409).
        var needsDuplicateCheck = NameKey.ForName(profile.Name) != customer.NameKey
            || NameKey.ForRegion(profile.Region) != customer.RegionKey || profile.TaxNumber != customer.TaxNumber;
        await using var transaction = needsDuplicateCheck ? await db.BeginRegistrationTransactionAsync(cancellationToken) : null;
        if (needsDuplicateCheck)
        {
            metrics.UpdateTookRegistrationLock();
            var candidates = await duplicates.FindCustomersAsync(profile.Name, profile.Region, profile.TaxNumber, customer.Id, cancellationToken);
            var confirmed = duplicates.Settle(candidates, request.ConfirmNotDuplicate, reason);
            if (confirmed.Count > 0) reason = DuplicateDetector.ConfirmationNote(confirmed, reason);
        }

        var now = clock.GetUtcNow();
        var changes = customer.Update(profile, access.Actor, reason, now);
        if (changes.Count > 0)
        {
            db.AddIntegrationEvent(CustomerIntegrationEvents.Changed(customer, changes, reason, access.Actor, now), clock);
            metrics.Updated();
        }
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return customer;
    }
}
