namespace Crm.Credit.Model;

/// <summary>
/// What this service knows of a customer, kept from the customers service's events: who it is, where, who owns it,
/// its status and its latest scorecard. Events of different kinds travel on different queues and may arrive out of
/// order, so each part is only replaced by a newer fact (a higher file version, a later instant). An event that
/// overtakes the registration (after a big import, changes and scorecards come in thousands) creates the customer as a
/// placeholder with its branch only, as the alerts service does; the registration fills in the rest. Until then the
/// customer is not registered here: no sale, payment, plan or grade is taken for it.
/// </summary>
public sealed class Customer : ICustomerReference
{
    private Customer() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Region { get; private set; } = "";
    public string? Route { get; private set; }
    public string? Category { get; private set; }
    /// <summary>active, inactive, lost.</summary>
    public string Status { get; private set; } = "active";
    public string OwnerId { get; private set; } = "";
    public string? OwnerName { get; private set; }
    /// <summary>When the registration happened; null while the customer is a placeholder (seen only in later events).</summary>
    public DateTimeOffset? RegisteredAt { get; private set; }

    /// <summary>The distributor this outlet hangs under in the channel tree (渠道); null for a top-level customer.</summary>
    public Guid? ParentId { get; private set; }

    /// <summary>An outlet's tier: wholesaler (二批), retail (零售终端) or other; null when not an outlet.</summary>
    public string? OutletTier { get; private set; }

    /// <summary>The file's entry date (建档日期): when an outlet counts as opened under its distributor.</summary>
    public DateOnly? RegisteredOn { get; private set; }

    /// <summary>The customer file's version the profile fields come from (0 before any event named them).</summary>
    public long ProfileVersion { get; private set; }
    public DateTimeOffset OwnerChangedAt { get; private set; }
    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>The latest scorecard's weighted score (客户评价, 0–100), an input of grading.</summary>
    public decimal? ScorecardScore { get; private set; }
    public DateTimeOffset? ScorecardAt { get; private set; }
    public Guid? ScorecardId { get; private set; }

    /// <summary>
    /// Optimistic concurrency: every change moves it on, so two events about one customer handled at once (they come on
    /// different queues) cannot both commit on the same row; the loser fails, is retried, and applies on the new state.
    /// </summary>
    public long Version { get; private set; }

    public bool IsRegistered => RegisteredAt is not null;
    public bool IsLost => Status == "lost";

    /// <summary>A customer first seen in an event that is not its registration: its branch only, until the registration arrives.</summary>
    public static Customer FirstSeenIn(IntegrationEvent integrationEvent) => new()
    {
        Id = integrationEvent.CustomerId,
        BranchId = integrationEvent.BranchId,
        OwnerChangedAt = DateTimeOffset.MinValue,
        StatusChangedAt = DateTimeOffset.MinValue,
        Version = 1,
    };

    /// <summary>
    /// The registration: fills in what no newer event has told already. A second registration changes nothing. An event
    /// without an entry date is dated by the branches' calendar, never by UTC (a registration at 01:00 in Shanghai is that day's).
    /// </summary>
    public void Register(CustomerRegistered registered, BusinessCalendar calendar)
    {
        if (IsRegistered) return;
        Code = registered.Code;
        RegisteredAt = registered.OccurredAt;
        RegisteredOn = registered.EntryDate == default ? calendar.DateOf(registered.OccurredAt) : registered.EntryDate;
        OutletTier = string.IsNullOrWhiteSpace(registered.OutletTier) ? null : registered.OutletTier.Trim();
        if (ProfileVersion < 1)
        {
            ProfileVersion = 1;
            Name = registered.Name;
            Region = registered.Region;
            Route = registered.Route;
            Category = registered.Category;
            ParentId = registered.ParentId;
        }
        if (registered.OccurredAt >= OwnerChangedAt)
        {
            OwnerChangedAt = registered.OccurredAt;
            OwnerId = registered.OwnerId;
            OwnerName = registered.OwnerName;
        }
        if (registered.OccurredAt >= StatusChangedAt)
        {
            StatusChangedAt = registered.OccurredAt;
            Status = string.IsNullOrEmpty(registered.Status) ? "active" : registered.Status;
        }
        Version++;
    }

    public void Apply(CustomerChanged changed)
    {
        if (changed.Version <= ProfileVersion) return;
        ProfileVersion = changed.Version;
        Name = changed.Name;
        Region = changed.Region;
        Route = changed.Route;
        Category = changed.Category;
        ParentId = changed.ParentId;
        Version++;
    }

    public void Apply(CustomerOwnerChanged changed)
    {
        if (changed.OccurredAt < OwnerChangedAt) return;
        OwnerChangedAt = changed.OccurredAt;
        OwnerId = changed.OwnerId;
        OwnerName = changed.OwnerName;
        Version++;
    }

    public void Apply(CustomerStatusChanged changed)
    {
        if (changed.OccurredAt < StatusChangedAt) return;
        StatusChangedAt = changed.OccurredAt;
        Status = changed.Status;
        Version++;
    }

    public void Apply(CustomerEvaluated evaluated)
    {
        if (ScorecardAt is { } latest && evaluated.OccurredAt < latest) return;
        ScorecardAt = evaluated.OccurredAt;
        ScorecardScore = evaluated.WeightedScore;
        ScorecardId = evaluated.EvaluationId;
        Version++;
    }
}

/// <summary>
/// A complaint (客诉) against a customer, kept for grading from after-sales' events: <c>crm.complaint-opened</c> (when),
/// <c>crm.complaint-answered</c> and <c>crm.complaint-resolved</c> (its category, quality or not, and for quality its
/// root cause). The events travel on different queues, so any of them may come first: each fills what it knows.
/// </summary>
public sealed class Complaint : IBranchOwned
{
    public const int SubjectMaxLength = 200;
    public const int CodeMaxLength = 30;
    public const string Quality = "quality";

    private Complaint() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public string Subject { get; private set; } = "";

    /// <summary>quality or non-quality, once assessed; null before.</summary>
    public string? Category { get; private set; }
    public string? Severity { get; private set; }

    /// <summary>For quality complaints: people, machine, material, method, environment, measurement (人机料法环测).</summary>
    public string? RootCause { get; private set; }
    public string? Resolution { get; private set; }

    /// <summary>customer-satisfied or litigation, once closed.</summary>
    public string? ClosedBy { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    public bool IsQuality => Category == Quality;

    public static Complaint From(ComplaintOpened opened)
    {
        var complaint = new Complaint { Id = opened.ComplaintId, CustomerId = opened.CustomerId, BranchId = opened.BranchId };
        complaint.Apply(opened);
        return complaint;
    }

    public static Complaint From(ComplaintAnswered answered)
    {
        var complaint = new Complaint { Id = answered.ComplaintId, CustomerId = answered.CustomerId, BranchId = answered.BranchId, OpenedAt = answered.OccurredAt };
        complaint.Apply(answered);
        return complaint;
    }

    public static Complaint From(ComplaintResolved resolved)
    {
        var complaint = new Complaint { Id = resolved.ComplaintId, CustomerId = resolved.CustomerId, BranchId = resolved.BranchId };
        complaint.Apply(resolved);
        return complaint;
    }

    public void Apply(ComplaintOpened opened)
    {
        OpenedAt = opened.OccurredAt;
        Subject = Cut(opened.Subject, SubjectMaxLength) ?? "";
        Severity ??= Cut(opened.Severity, CodeMaxLength);
    }

    /// <summary>The first answer's category; a resolution, which comes later in the procedure, is not overwritten by it.</summary>
    public void Apply(ComplaintAnswered answered)
    {
        if (ResolvedAt is not null) return;
        Category = Cut(answered.Category, CodeMaxLength);
        Severity = Cut(answered.Severity, CodeMaxLength);
    }

    public void Apply(ComplaintResolved resolved)
    {
        if (Subject.Length == 0) OpenedAt = resolved.OpenedAt; // the opening has not arrived: the resolution says when it was
        Category = Cut(resolved.Category, CodeMaxLength);
        Severity = Cut(resolved.Severity, CodeMaxLength);
        RootCause = Cut(resolved.RootCause, CodeMaxLength);
        Resolution = Cut(resolved.Resolution, CodeMaxLength);
        ClosedBy = Cut(resolved.ClosedBy, CodeMaxLength);
        ResolvedAt = resolved.OccurredAt;
    }

    private static string? Cut(string? value, int length) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var trimmed && trimmed.Length > length ? trimmed[..length] : value.Trim();
}
