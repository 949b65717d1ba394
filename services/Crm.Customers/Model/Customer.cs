namespace Crm.Customers.Model;

/// <summary>A contact to add with a new customer file or to an existing one.</summary>
public sealed record NewContact(ContactDetails Details, bool IsPrimary);

/// <summary>
/// The customer file (客户档案): one per customer, owned by one rep (专人负责) of one branch. Every change goes through
/// a method here, bumps <see cref="Version"/> and leaves a history entry that the DbContext saves with it.
/// </summary>
public sealed class Customer : IBranchOwned
{
    public const string OnePrimaryContactRule = "one-primary-contact";
    public const int MaxContacts = 50;

    private readonly List<Contact> _contacts = [];
    private readonly List<CustomerHistoryEntry> _newHistory = [];

    private Customer() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public string Code { get; private set; } = "";

    // The card (客户档案表): the columns CustomerCard.Fields names (see CardColumns); CustomerProfile says what each field means.
    public string Name { get; private set; } = "";
    public CustomerKind Kind { get; private set; }
    public string Region { get; private set; } = "";
    public string? Route { get; private set; }
    public string? Industry { get; private set; }
    public Ownership? Ownership { get; private set; }
    public BusinessFormat? BusinessFormat { get; private set; }
    public string? LegalRepresentative { get; private set; }
    public decimal? RegisteredCapital { get; private set; }
    public DateOnly? FoundedOn { get; private set; }
    public EnterpriseSize? Size { get; private set; }
    public string? Address { get; private set; }
    public string? Website { get; private set; }
    public string? MarketCoverage { get; private set; }
    public string? ProductsCarried { get; private set; }
    public string? BusinessScope { get; private set; }
    public BankCreditRating? BankCreditRating { get; private set; }
    public decimal? AnnualSales { get; private set; }
    public decimal? OffSeasonSales { get; private set; }
    public decimal? PeakSeasonSales { get; private set; }
    public decimal? MonthlyPurchasingPower { get; private set; }
    public IReadOnlyList<Competitor> Competitors { get; private set; } = [];
    public string? TaxNumber { get; private set; }
    public string? InvoiceBank { get; private set; }
    public string? InvoiceAccount { get; private set; }
    public string? InvoicePhone { get; private set; }
    public string? InvoiceRequirements { get; private set; }
    public CustomerCategory Category { get; private set; }
    public IncomeGroup? IncomeGroup { get; private set; }
    public LocationType? LocationType { get; private set; }
    public DateOnly? ValidUntil { get; private set; }
    public string? Remarks { get; private set; }
    /// <summary>The distributor above this outlet in the channel tree (渠道); see <see cref="Services.ChannelTree"/> for its rules.</summary>
    public Guid? ParentId { get; private set; }
    public OutletTier? OutletTier { get; private set; }

    /// <summary>Duplicate detection keys (see <see cref="Model.NameKey"/>).</summary>
    public string NameKey { get; private set; } = "";
    public string RegionKey { get; private set; } = "";

    /// <summary>Name, code, contact names and phones, width- and case-folded: what the list's <c>search</c> looks in.</summary>
    public string SearchText { get; private set; } = "";

    public CustomerStatus Status { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string? OwnerName { get; private set; }
    /// <summary>When the current owner took the customer on: the start of their week to make contact (一周内联系).</summary>
    public DateTimeOffset OwnerSince { get; private set; }
    /// <summary>The branch's date of <see cref="OwnerSince"/>: visits on or after it count as the owner's contact.</summary>
    public DateOnly OwnerSinceOn { get; private set; }
    public DateOnly EntryDate { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public string RegisteredBy { get; private set; } = "";
    public string? RegisteredByName { get; private set; }

    /// <summary>The grade the credit service gave last (A–E), from <c>crm.customer-graded</c>.</summary>
    public string? Grade { get; private set; }
    public decimal? GradeScore { get; private set; }
    public string? GradePeriod { get; private set; }
    public DateTimeOffset? GradedAt { get; private set; }

    /// <summary>Optimistic concurrency: every change increments it; a stale one is refused.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<Contact> Contacts => _contacts;

    public Contact? PrimaryContact => _contacts.FirstOrDefault(c => c.IsPrimary);

    /// <summary>The card as a profile: the columns <see cref="CustomerCard.Fields"/> name.</summary>
    public CustomerProfile Profile => CardColumns.Read(this);

    /// <summary>
    /// Opens a file. <paramref name="recordedBy"/> is who saves it (the approving manager for a development
    /// application); <paramref name="registeredBy"/> is who registered the customer, first in line if ownership is disputed.
    /// </summary>
    public static Customer Register(
        string branchId, string code, CustomerProfile profile, IReadOnlyList<NewContact> contacts, string ownerId, string? ownerName,
        Actor registeredBy, Actor recordedBy, string? reason, DateTimeOffset now, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(branchId))
            throw new ForbiddenException("Your token names no branch; a customer file belongs to a branch.");
        if (contacts.Count(c => c.IsPrimary) > 1)
            throw new RequestValidationException("contacts", "Only one contact can be the primary contact.");

        var customer = new Customer
        {
            Id = Guid.CreateVersion7(now),
            BranchId = branchId,
            Code = code,
            Status = CustomerStatus.Active,
            OwnerId = ownerId,
            OwnerName = ownerName,
            OwnerSince = now,
            OwnerSinceOn = today,
            EntryDate = today,
            RegisteredAt = now,
            RegisteredBy = registeredBy.Id,
            RegisteredByName = registeredBy.Name,
            Version = 1,
        };
        customer.Apply(profile);
        var changes = profile.AsInitialValues().ToList();
        // Without a choice, the first contact is the primary one.
        var primaryIndex = Math.Max(0, contacts.ToList().FindIndex(c => c.IsPrimary));
        for (var i = 0; i < contacts.Count; i++)
        {
            var contact = new Contact(customer.Id, customer.BranchId, contacts[i].Details, isPrimary: i == primaryIndex, now);
            customer._contacts.Add(contact);
            changes.AddRange(InitialValues(contact));
        }
        changes.Add(new ChangedField("status", null, ApiNames.Of(customer.Status)));
        changes.Add(new ChangedField("ownerId", null, ownerId));
        customer.RefreshSearchText();
        customer.Record(HistoryAction.Registered, recordedBy, reason, changes, now);
        return customer;
    }

    /// <summary>Replaces the card's fields; returns what changed (nothing changed: no new version, no history).</summary>
    public IReadOnlyList<ChangedField> Update(CustomerProfile profile, Actor by, string reason, DateTimeOffset now)
    {
        var changes = Profile.ChangesTo(profile);
        if (changes.Count == 0) return changes;
        if (string.IsNullOrWhiteSpace(reason) && changes.Any(c => CustomerCard.Find(c.Field)?.ReasonRequired == true))
            throw new RequestValidationException("changeReason", "changeReason is required.");
        Apply(profile);
        RefreshSearchText();
        Version++;
        Record(HistoryAction.Updated, by, reason, changes, now);
        return changes;
    }

    public CustomerStatus ChangeStatus(CustomerStatus status, Actor by, string reason, DateTimeOffset now)
    {
        if (status == Status)
            throw new ConflictException($"The customer is already {ApiNames.Of(status)}.", "Wrong state.");
        var previous = Status;
        Status = status;
        Version++;
        Record(HistoryAction.StatusChanged, by, reason, [new ChangedField("status", ApiNames.Of(previous), ApiNames.Of(status))], now);
        return previous;
    }

    /// <summary>Hands the customer to another rep, who gets a fresh week to make contact.</summary>
    public string Reassign(string ownerId, string? ownerName, Actor by, string reason, DateTimeOffset now, DateOnly today)
    {
        if (ownerId == OwnerId)
            throw new ConflictException($"{ownerId} already owns this customer.", "Wrong state.");
        var previous = OwnerId;
        var changes = new List<ChangedField> { new("ownerId", previous, ownerId) };
        if (!string.Equals(OwnerName, ownerName, StringComparison.Ordinal)) changes.Add(new("ownerName", OwnerName, ownerName));
        OwnerId = ownerId;
        OwnerName = ownerName;
        OwnerSince = now;
        OwnerSinceOn = today;
        Version++;
        Record(HistoryAction.OwnerChanged, by, reason, changes, now);
        return previous;
    }

    public Contact AddContact(ContactDetails details, bool isPrimary, Actor by, string? reason, DateTimeOffset now)
    {
        var changes = new List<ChangedField>();
        var makePrimary = isPrimary || _contacts.Count == 0;
        if (makePrimary && PrimaryContact?.SetPrimary(false) is { } demoted) changes.Add(demoted);
        var contact = new Contact(Id, BranchId, details, makePrimary, now);
        _contacts.Add(contact);
        changes.InsertRange(0, InitialValues(contact));
        RefreshSearchText();
        Version++;
        Record(HistoryAction.ContactAdded, by, reason, changes, now);
        return contact;
    }

    public IReadOnlyList<ChangedField> UpdateContact(
        Guid contactId, ContactDetails details, bool isPrimary, long expectedVersion, Actor by, string? reason, DateTimeOffset now)
    {
        var contact = FindContact(contactId);
        ExpectedVersion.Check("contact", contact.Version, expectedVersion);
        if (contact.IsPrimary && !isPrimary)
            throw new BusinessRuleException(OnePrimaryContactRule,
                "A customer with contacts has exactly one primary contact: make another contact primary instead of demoting this one");

        var changes = new List<ChangedField>();
        if (isPrimary && !contact.IsPrimary && PrimaryContact?.SetPrimary(false) is { } demoted) changes.Add(demoted);
        changes.InsertRange(0, contact.Update(details, isPrimary));
        if (changes.Count == 0) return changes;
        RefreshSearchText();
        Version++;
        Record(HistoryAction.ContactUpdated, by, reason, changes, now);
        return changes;
    }

    public IReadOnlyList<ChangedField> RemoveContact(Guid contactId, long expectedVersion, Actor by, string? reason, DateTimeOffset now)
    {
        var contact = FindContact(contactId);
        ExpectedVersion.Check("contact", contact.Version, expectedVersion);
        if (contact.IsPrimary && _contacts.Count > 1)
            throw new BusinessRuleException(OnePrimaryContactRule,
                "The primary contact cannot be removed while the customer has other contacts: make another one primary first");

        var changes = ContactDetails.Fields
            .Select(f => new ChangedField(contact.FieldName(f.Name), f.Render(contact.Details), null))
            .Where(c => c.From is not null)
            .ToList();
        _contacts.Remove(contact);
        RefreshSearchText();
        Version++;
        Record(HistoryAction.ContactRemoved, by, reason, changes, now);
        return changes;
    }

    /// <summary>
    /// Keeps the grade from credit's grading run. An older period (a late redelivery) never overwrites a newer one.
    /// Not a user's edit: the version stays, so nobody's edit in progress is refused because of it.
    /// </summary>
    public bool ApplyGrade(string grade, decimal score, string period, DateTimeOffset gradedAt, Actor by)
    {
        var order = string.CompareOrdinal(period, GradePeriod);
        if (GradePeriod is not null && (order < 0 || (order == 0 && gradedAt <= GradedAt))) return false;

        var changes = new List<ChangedField>();
        if (grade != Grade) changes.Add(new("grade", Grade, grade));
        if (score != GradeScore) changes.Add(new("gradeScore", CustomerProfile.Text(GradeScore), CustomerProfile.Text(score)));
        Grade = grade;
        GradeScore = score;
        GradePeriod = period;
        GradedAt = gradedAt;
        if (changes.Count > 0) Record(HistoryAction.Graded, by, $"Grading of {period}", changes, gradedAt);
        return true;
    }

    /// <summary>The history entries of changes made since the file was loaded, not yet saved.</summary>
    public IReadOnlyList<CustomerHistoryEntry> NewHistory => _newHistory;

    /// <summary>Hands the new history entries over to be saved with the change (the DbContext does, on every save).</summary>
    public IReadOnlyList<CustomerHistoryEntry> TakeNewHistory()
    {
        var entries = _newHistory.ToList();
        _newHistory.Clear();
        return entries;
    }

    private Contact FindContact(Guid contactId) =>
        _contacts.FirstOrDefault(c => c.Id == contactId) ?? throw new NotFoundException("contact", contactId);

    private void Record(HistoryAction action, Actor by, string? reason, IReadOnlyList<ChangedField> changes, DateTimeOffset now) =>
        _newHistory.Add(new CustomerHistoryEntry(this, action, by, reason, changes, now));

    private static IEnumerable<ChangedField> InitialValues(Contact contact) =>
        ContactDetails.Fields
            .Select(f => new ChangedField(contact.FieldName(f.Name), null, f.Render(contact.Details)))
            .Where(c => c.To is not null)
            .Append(new ChangedField(contact.FieldName("isPrimary"), null, Contact.Bool(contact.IsPrimary)));

    private void RefreshSearchText()
    {
        var parts = new List<string?> { Code, Name };
        foreach (var contact in _contacts)
        {
            parts.Add(contact.Name);
            parts.Add(Digits(contact.Phone));
            parts.Add(Digits(contact.Mobile));
        }
        SearchText = Model.NameKey.ForSearch(string.Join(" | ", parts.Where(p => !string.IsNullOrEmpty(p))));
        if (SearchText.Length > SearchTextMaxLength) SearchText = SearchText[..SearchTextMaxLength];
    }

    public const int SearchTextMaxLength = 1000;

    /// <summary>Phones are searched by their digits, however they were typed.</summary>
    public static string? Digits(string? phone) => phone is null ? null : string.Concat(phone.Where(char.IsAsciiDigit));

    private void Apply(CustomerProfile p)
    {
        CardColumns.Write(this, p);
        OutletTier = p.ParentId is null ? null : p.OutletTier ?? Model.OutletTier.Other;
        NameKey = Model.NameKey.ForName(p.Name);
        RegionKey = Model.NameKey.ForRegion(p.Region);
    }
}
