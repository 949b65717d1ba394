using Microsoft.Extensions.Options;

namespace Crm.Customers.Services;

/// <summary>
/// A new customer must be contacted by its rep within a week, or a manager may reassign it (一周内联系, 否则可转给他人).
/// Made concrete: the owner has <see cref="CustomersOptions.ContactWithinDays"/> days from the day they took the
/// customer on (registration or reassignment); a visit the owner records dated that day or later meets the rule.
/// Past the due date without one, the file is "contact overdue": the list can filter on it, and a reassignment says so.
/// </summary>
public sealed class ContactDeadline(IOptions<CustomersOptions> options, BusinessCalendar calendar)
{
    public int Days => options.Value.ContactWithinDays;

    public DateOnly DueOn(Customer customer) => customer.OwnerSinceOn.AddDays(Days);

    /// <summary>Files whose owner took them on before this date are overdue unless contacted.</summary>
    public DateOnly OverdueWhenOwnerSinceBefore => calendar.Today.AddDays(-Days);

    public Task<DateOnly?> FirstContactByOwnerAsync(CustomersDbContext db, Customer customer, CancellationToken cancellationToken) =>
        FirstContactQuery(db, customer.Id, customer.OwnerId, customer.OwnerSinceOn, cancellationToken);

    // Read on every card: compiled once.
    private static readonly Func<CustomersDbContext, Guid, string, DateOnly, CancellationToken, Task<DateOnly?>> FirstContactQuery =
        EF.CompileAsyncQuery((CustomersDbContext db, Guid customerId, string ownerId, DateOnly since, CancellationToken _) =>
            db.Visits.Where(v => v.CustomerId == customerId && v.ContactedBy == ownerId && v.On >= since)
                .OrderBy(v => v.On).Select(v => (DateOnly?)v.On).FirstOrDefault());

    public bool IsOverdue(Customer customer, DateOnly? firstContactByOwner) =>
        firstContactByOwner is null && calendar.Today > DueOn(customer);
}
