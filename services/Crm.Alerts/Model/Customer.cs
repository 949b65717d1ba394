namespace Crm.Alerts.Model;

/// <summary>
/// What this service knows of a customer, kept from the other services' events (it never asks them). Each group of
/// facts keeps the position of the event it came from and only a newer event replaces it, so the projection ends in
/// the same state whatever order the events arrive in. A customer may be seen first through a sale or a payment,
/// before its registration arrives: then it exists with its branch only, and the rest fills in later.
/// </summary>
public sealed class Customer : ICustomerReference
{
    public const string LostStatus = "lost";
    public const int RegionMaxLength = CustomerReferences.RegionLength;

    private Customer() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>The customer file's version the name was taken from (registration is version 1).</summary>
    public long NameVersion { get; private set; }

    /// <summary>The region (地区) of the customer file, for exclusive territories (总经销区域); empty until an event names it.</summary>
    public string Region { get; private set; } = "";
    /// <summary>The customer file's version the region was taken from (registration is version 1).</summary>
    public long RegionVersion { get; private set; }

    /// <summary>The responsible rep (专人负责); empty until an event names one.</summary>
    public string OwnerId { get; private set; } = "";
    public DateTimeOffset? OwnerAt { get; private set; }
    public Guid? OwnerEventId { get; private set; }

    /// <summary>active, inactive or lost.</summary>
    public string Status { get; private set; } = "active";
    public DateTimeOffset? StatusAt { get; private set; }
    public Guid? StatusEventId { get; private set; }

    public DateTimeOffset? RegisteredAt { get; private set; }
    public Guid? RegisteredEventId { get; private set; }

    public DateOnly? LastContactOn { get; private set; }
    public DateTimeOffset? LastContactAt { get; private set; }
    public Guid? LastContactEventId { get; private set; }

    /// <summary>The outstanding balance (欠款) and credit limit of the newest ledger entry seen.</summary>
    public decimal? Balance { get; private set; }
    public decimal? CreditLimit { get; private set; }
    public DateTimeOffset? AccountAt { get; private set; }
    public Guid? AccountEventId { get; private set; }

    public string? Grade { get; private set; }
    public string? PreviousGrade { get; private set; }
    public string? GradePeriod { get; private set; }
    public DateTimeOffset? GradeAt { get; private set; }
    public Guid? GradeEventId { get; private set; }

    public DateOnly? LastPurchaseOn { get; private set; }
    public Guid? LastPurchaseEventId { get; private set; }
    /// <summary>The median number of days between purchases; null until there are enough purchases to tell.</summary>
    public decimal? UsualPurchaseIntervalDays { get; private set; }

    /// <summary>
    /// Optimistic concurrency: every change of the projection, and every alert decision taken for the customer, moves
    /// it on, so two evaluations of one customer can never both commit decisions made on the same facts.
    /// </summary>
    public long Version { get; private set; }

    public bool IsRegistered => RegisteredAt is not null;
    public bool IsLost => Status == LostStatus;

    public FactPosition? AccountPosition => FactPosition.Stored(AccountAt, AccountEventId);

    public static Customer FirstSeenIn(IntegrationEvent integrationEvent) => new()
    {
        Id = integrationEvent.CustomerId,
        BranchId = integrationEvent.BranchId,
        Version = 1,
    };

    public void Register(CustomerRegistered registered)
    {
        var position = FactPosition.Of(registered);
        if (!IsRegistered)
        {
            Code = registered.Code;
            RegisteredAt = registered.OccurredAt;
            RegisteredEventId = registered.EventId;
            RenameFrom(1, registered.Name);
            MoveTo(1, registered.Region);
            Touch();
        }
        ObserveOwner(position, registered.OwnerId);
        ObserveStatus(position, registered.Status);
    }

    /// <summary>Takes the name of a newer version of the customer file.</summary>
    public void RenameFrom(long fileVersion, string name)
    {
        if (fileVersion <= NameVersion || string.IsNullOrWhiteSpace(name)) return;
        Name = name;
        NameVersion = fileVersion;
        Touch();
    }

    /// <summary>Takes the region of a newer version of the customer file; returns true when it changed.</summary>
    public bool MoveTo(long fileVersion, string region)
    {
        if (fileVersion <= RegionVersion || string.IsNullOrWhiteSpace(region)) return false;
        var value = region.Trim();
        if (value.Length > RegionMaxLength) value = value[..RegionMaxLength];
        var changed = Region != value;
        Region = value;
        RegionVersion = fileVersion;
        Touch();
        return changed;
    }

    /// <summary>Returns true when the owner changed.</summary>
    public bool ObserveOwner(FactPosition position, string ownerId)
    {
        if (string.IsNullOrWhiteSpace(ownerId) || !position.Supersedes(FactPosition.Stored(OwnerAt, OwnerEventId))) return false;
        var changed = OwnerId != ownerId;
        OwnerId = ownerId;
        (OwnerAt, OwnerEventId) = (position.At, position.EventId);
        Touch();
        return changed;
    }

    public void ObserveStatus(FactPosition position, string status)
    {
        if (string.IsNullOrWhiteSpace(status) || !position.Supersedes(FactPosition.Stored(StatusAt, StatusEventId))) return;
        Status = status;
        (StatusAt, StatusEventId) = (position.At, position.EventId);
        Touch();
    }

    public void ObserveContact(FactPosition position, DateOnly on)
    {
        if (!position.Supersedes(FactPosition.Stored(LastContactAt, LastContactEventId))) return;
        LastContactOn = on;
        (LastContactAt, LastContactEventId) = (position.At, position.EventId);
        Touch();
    }

    /// <summary>A balance snapshot from the credit ledger (a sale, a payment, a limit change); the newest one wins.</summary>
    public void ObserveAccount(FactPosition position, decimal balance, decimal creditLimit)
    {
        if (!position.Supersedes(AccountPosition)) return;
        Balance = balance;
        CreditLimit = creditLimit;
        (AccountAt, AccountEventId) = (position.At, position.EventId);
        Touch();
    }

    /// <summary>A grading result; a later period wins, and within a period the newest run.</summary>
    public void ObserveGrade(FactPosition position, string period, string grade, string? previousGrade)
    {
        var kept = FactPosition.Stored(GradeAt, GradeEventId);
        var newer = GradePeriod is null
            || string.CompareOrdinal(period, GradePeriod) > 0
            || (period == GradePeriod && position.Supersedes(kept));
        if (!newer) return;
        Grade = grade;
        PreviousGrade = previousGrade;
        GradePeriod = period;
        (GradeAt, GradeEventId) = (position.At, position.EventId);
        Touch();
    }

    public void ObservePurchases(PurchaseRhythm rhythm)
    {
        if (LastPurchaseOn == rhythm.LastPurchaseOn && LastPurchaseEventId == rhythm.LastPurchaseEventId
            && UsualPurchaseIntervalDays == rhythm.UsualIntervalDays) return;
        LastPurchaseOn = rhythm.LastPurchaseOn;
        LastPurchaseEventId = rhythm.LastPurchaseEventId;
        UsualPurchaseIntervalDays = rhythm.UsualIntervalDays;
        Touch();
    }

    public void Touch() => Version++;

    /// <summary>A detached copy, to apply an event to and run the rules on before the customer itself is changed.</summary>
    public Customer Copy() => (Customer)MemberwiseClone();
}
