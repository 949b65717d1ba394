using Crm.Messaging.Outbox;

namespace Crm.Customers.Services;

/// <summary>What a new customer file starts with.</summary>
public sealed record NewCustomerFile(
    string BranchId, CustomerProfile Profile, IReadOnlyList<NewContact> Contacts, string OwnerId, string? OwnerName, Actor RegisteredBy, string Source);

/// <summary>
/// Opens customer files: a code per branch, the duplicate check, the history's first entry and
/// <c>crm.customer-registered</c>, all in one transaction.
/// </summary>
public sealed class CustomerRegistration(
    CustomersDbContext db, CustomerAccess access, BusinessCalendar calendar, TimeProvider clock,
    DuplicateDetector duplicates, ContactDeadline deadline, CustomersMetrics metrics, ChannelTree channel)
{
    public const string SourceApi = "api";
    public const string SourceImport = "import";
    public const string SourceDevelopmentApplication = "development-application";

    // One counter per branch for the whole unit of work: an import opens many files before anything is saved.
    private readonly Dictionary<string, BranchCodeCounter> _counters = new(StringComparer.Ordinal);

    public async Task<Customer> RegisterAsync(NewCustomerFile file, bool confirmNotDuplicate, string? reason, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginRegistrationTransactionAsync(cancellationToken);
        var candidates = await duplicates.FindCustomersAsync(file.Profile.Name, file.Profile.Region, file.Profile.TaxNumber, null, cancellationToken);
        var confirmed = duplicates.Settle(candidates, confirmNotDuplicate, reason);
        var note = confirmed.Count > 0 ? DuplicateDetector.ConfirmationNote(confirmed, reason!.Trim()) : DuplicateDetector.Clean(reason);

        var customer = await OpenAsync(file, access.Actor, note, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Registered(file.Source);
        return customer;
    }

    /// <summary>
    /// Stages a new file with its next code and its event (the parent checked unless <paramref name="parentChecked"/>); the caller checks duplicates and saves, inside
    /// <see cref="CustomersDbContext.BeginRegistrationTransactionAsync"/>.
    /// </summary>
    public async Task<Customer> OpenAsync(
        NewCustomerFile file, Actor recordedBy, string? historyNote, CancellationToken cancellationToken, bool parentChecked = false)
    {
        var branch = file.BranchId;
        if (!parentChecked) await channel.EnsureParentAsync(null, branch, file.Profile.ParentId, cancellationToken);
        if (!_counters.TryGetValue(branch, out var counter))
        {
            counter = await db.BranchCodeCounters.FirstOrDefaultAsync(c => c.BranchId == branch, cancellationToken);
            if (counter is null) db.BranchCodeCounters.Add(counter = new BranchCodeCounter(branch));
            _counters[branch] = counter;
        }

        var now = clock.GetUtcNow();
        var customer = Customer.Register(
            branch, counter.Next(), file.Profile, file.Contacts, file.OwnerId, file.OwnerName, file.RegisteredBy, recordedBy,
            historyNote, now, calendar.Today);
        db.Customers.Add(customer);
        db.AddIntegrationEvent(CustomerIntegrationEvents.Registered(customer, file.Source, deadline.DueOn(customer), now), clock);
        return customer;
    }
}
