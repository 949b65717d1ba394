namespace Crm.Customers.Model;

/// <summary>
/// A development application (客户开发申请表): a rep asks to develop a prospect; a marketing manager approves it, which
/// opens the customer file with the applicant as its owner, or rejects it with a reason that is kept.
/// </summary>
public sealed class DevelopmentApplication : IBranchOwned
{
    public const int ReasonMaxLength = 2000;

    private DevelopmentApplication() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public CustomerProfile Prospect { get; private set; } = null!;
    public IReadOnlyList<NewContact> Contacts { get; private set; } = [];
    /// <summary>Copied from the prospect for listing and for duplicate detection.</summary>
    public string Name { get; private set; } = "";
    public string Region { get; private set; } = "";
    public string NameKey { get; private set; } = "";
    public string RegionKey { get; private set; } = "";
    public string? TaxNumber { get; private set; }
    /// <summary>Why the rep wants to develop this prospect.</summary>
    public string Reason { get; private set; } = "";
    /// <summary>Files the applicant confirmed this prospect is not, with <see cref="Reason"/> as the explanation.</summary>
    public IReadOnlyList<Guid> ConfirmedNotDuplicateOf { get; private set; } = [];
    public string FiledBy { get; private set; } = "";
    public string FiledByName { get; private set; } = "";
    public DateTimeOffset FiledAt { get; private set; }
    public ApplicationState State { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    /// <summary>The approver's comment, or the reason for the rejection.</summary>
    public string? DecisionNote { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string? CustomerCode { get; private set; }
    public long Version { get; private set; }

    public static DevelopmentApplication File(
        string branchId, CustomerProfile prospect, IReadOnlyList<NewContact> contacts, string reason,
        IReadOnlyList<Guid> confirmedNotDuplicateOf, Actor by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(branchId))
            throw new ForbiddenException("Your token names no branch; an application belongs to a branch.");
        return new DevelopmentApplication
        {
            Id = Guid.CreateVersion7(now), BranchId = branchId, Prospect = prospect, Contacts = contacts,
            Name = prospect.Name, Region = prospect.Region, NameKey = Model.NameKey.ForName(prospect.Name),
            RegionKey = Model.NameKey.ForRegion(prospect.Region), TaxNumber = prospect.TaxNumber, Reason = reason,
            ConfirmedNotDuplicateOf = confirmedNotDuplicateOf, FiledBy = by.Id, FiledByName = by.Name, FiledAt = now,
            State = ApplicationState.Pending, Version = 1,
        };
    }

    public void Approve(Customer customer, Actor by, string? comment, long? expectedVersion, DateTimeOffset now)
    {
        EnsureDecidable(by, expectedVersion);
        State = ApplicationState.Approved;
        CustomerId = customer.Id;
        CustomerCode = customer.Code;
        Decide(by, comment, now);
    }

    public void Reject(Actor by, string reason, long? expectedVersion, DateTimeOffset now)
    {
        EnsureDecidable(by, expectedVersion);
        State = ApplicationState.Rejected;
        Decide(by, reason, now);
    }

    /// <summary>Before anything is created: a decided application, a stale version, or the applicant deciding is refused.</summary>
    public void EnsureDecidable(Actor by, long? expectedVersion)
    {
        if (State != ApplicationState.Pending)
            throw new ConflictException($"The application was already {ApiNames.Of(State)} by {DecidedByName ?? DecidedBy}.", "Wrong state.");
        if (expectedVersion is { } expected) ExpectedVersion.Check("application", Version, expected);
        SeparationOfDuties.EnsureNotFiler(by.Id, "客户开发申请 the development application", FiledBy);
    }

    private void Decide(Actor by, string? note, DateTimeOffset now)
    {
        DecidedBy = by.Id;
        DecidedByName = by.Name;
        DecidedAt = now;
        DecisionNote = note;
        Version++;
    }
}
