namespace Crm.Customers.Model;

/// <summary>
/// A planned visit (拜访计划) to one customer on one day, by route and stop (路序). A visit recorded by the visitor for
/// that customer on that day closes it; a day that passes without one makes it missed (未拜访), published once.
/// </summary>
public sealed class VisitPlan : IBranchOwned
{
    public const int PurposeMaxLength = 1000;
    public const string AlreadyDecidedRule = "visit-plan-closed";

    private VisitPlan() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public string CustomerName { get; private set; } = "";
    public DateOnly PlannedOn { get; private set; }
    public VisitPlanKind Kind { get; private set; }
    public string? Route { get; private set; }
    public int? Sequence { get; private set; }
    public string VisitorId { get; private set; } = "";
    public string? VisitorName { get; private set; }
    public string? Purpose { get; private set; }
    /// <summary>The customer's owner rep when the visit was planned.</summary>
    public string OwnerId { get; private set; } = "";
    public string PlannedBy { get; private set; } = "";
    public string PlannedByName { get; private set; } = "";
    public DateTimeOffset PlannedAt { get; private set; }
    public VisitPlanState State { get; private set; }
    public Guid? VisitId { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset? MissedAt { get; private set; }
    public long Version { get; private set; }

    /// <summary>Visits are planned from today on.</summary>
    public static ValidationErrors ValidatePlannedOn(ValidationErrors errors, DateOnly? plannedOn, DateOnly today) =>
        errors.When(plannedOn < today, "plannedOn", "plannedOn cannot be in the past: plan visits from today on.");

    public static VisitPlan Plan(
        Customer customer, DateOnly plannedOn, VisitPlanKind kind, string? route, int? sequence, string visitorId, string? visitorName,
        string? purpose, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        BranchId = customer.BranchId,
        CustomerId = customer.Id,
        CustomerName = customer.Name,
        PlannedOn = plannedOn,
        Kind = kind,
        Route = route ?? customer.Route,
        Sequence = sequence,
        VisitorId = visitorId,
        VisitorName = visitorName,
        Purpose = purpose,
        OwnerId = customer.OwnerId,
        PlannedBy = by.Id,
        PlannedByName = by.Name,
        PlannedAt = now,
        State = VisitPlanState.Planned,
        Version = 1,
    };

    /// <summary>A visit made closes the plan, even one recorded after the day was marked missed (the miss stays published).</summary>
    public void CloseBy(Visit visit, DateTimeOffset now)
    {
        if (State == VisitPlanState.Done)
            throw new ConflictException($"The visit plan of {PlannedOn:yyyy-MM-dd} is already closed by a visit.", "Wrong state.");
        State = VisitPlanState.Done;
        VisitId = visit.Id;
        ClosedAt = now;
        Version++;
    }

    /// <summary>The day passed without a visit: missed, once.</summary>
    public bool MarkMissed(DateOnly today, DateTimeOffset now)
    {
        if (State != VisitPlanState.Planned || PlannedOn >= today) return false;
        State = VisitPlanState.Missed;
        MissedAt = now;
        Version++;
        return true;
    }

    public string StateName => ApiNames.Of(State);
}

/// <summary>
/// A meeting with customers (座谈会): who came, the minutes, and the follow-up actions agreed, each with an owner and a
/// due date. An action not completed by its due date is overdue, published once.
/// </summary>
public sealed class Meeting : IBranchOwned
{
    public const int TitleMaxLength = 200;
    public const int MinutesMaxLength = 20_000;
    public const int MaxCustomers = 100;
    public const int MaxActions = 100;

    private readonly List<MeetingAction> _actions = [];

    private Meeting() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public DateOnly HeldOn { get; private set; }
    public string Title { get; private set; } = "";
    public string? Location { get; private set; }
    public string Minutes { get; private set; } = "";
    public IReadOnlyList<Guid> CustomerIds { get; private set; } = [];
    /// <summary>Our people present (user ids).</summary>
    public IReadOnlyList<string> Attendees { get; private set; } = [];
    public string RecordedBy { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public long Version { get; private set; }

    public IReadOnlyList<MeetingAction> Actions => _actions;

    /// <summary>A meeting is recorded once it has been held.</summary>
    public static ValidationErrors ValidateHeldOn(ValidationErrors errors, DateOnly? heldOn, DateOnly today) =>
        errors.When(heldOn > today, "heldOn", "heldOn cannot be in the future: record a meeting once it has been held.");

    public static Meeting Record(
        string branchId, DateOnly heldOn, string title, string? location, string minutes, IReadOnlyList<Guid> customerIds,
        IReadOnlyList<string> attendees, IReadOnlyList<(string Description, string OwnerId, DateOnly DueOn, Guid? CustomerId)> actions,
        Actor by, DateTimeOffset now)
    {
        var meeting = new Meeting
        {
            Id = Guid.CreateVersion7(now), BranchId = branchId, HeldOn = heldOn, Title = title, Location = location, Minutes = minutes,
            CustomerIds = customerIds, Attendees = attendees, RecordedBy = by.Id, RecordedByName = by.Name, RecordedAt = now, Version = 1,
        };
        foreach (var (description, ownerId, dueOn, customerId) in actions)
            meeting._actions.Add(new MeetingAction(meeting, description, ownerId, dueOn, customerId ?? customerIds[0], now));
        return meeting;
    }
}

/// <summary>A follow-up action agreed at a meeting (座谈会跟进事项).</summary>
public sealed class MeetingAction : IBranchOwned
{
    public const int DescriptionMaxLength = 1000;

    private MeetingAction() { }

    internal MeetingAction(Meeting meeting, string description, string ownerId, DateOnly dueOn, Guid customerId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        MeetingId = meeting.Id;
        BranchId = meeting.BranchId;
        CustomerId = customerId;
        Description = description;
        OwnerId = ownerId;
        DueOn = dueOn;
        Version = 1;
    }

    public Guid Id { get; private set; }
    public Guid MeetingId { get; private set; }
    public string BranchId { get; private set; } = "";
    /// <summary>The customer of the meeting the action is for (the first customer present unless named).</summary>
    public Guid CustomerId { get; private set; }
    public string Description { get; private set; } = "";
    public string OwnerId { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public DateOnly? CompletedOn { get; private set; }
    public string? CompletedBy { get; private set; }
    public string? Outcome { get; private set; }
    public DateTimeOffset? OverdueAt { get; private set; }
    public long Version { get; private set; }

    public bool IsOverdue(DateOnly today) => CompletedOn is null && DueOn < today;

    /// <summary>An action is completed today or on a day past, not ahead.</summary>
    public static ValidationErrors ValidateCompletedOn(ValidationErrors errors, DateOnly? completedOn, DateOnly today) =>
        errors.When(completedOn > today, "completedOn", "completedOn cannot be in the future.");

    public void Complete(DateOnly on, string? outcome, Actor by, long expectedVersion)
    {
        ExpectedVersion.Check("action", Version, expectedVersion);
        if (CompletedOn is not null)
            throw new ConflictException($"The action was already completed on {CompletedOn:yyyy-MM-dd}.", "Wrong state.");
        CompletedOn = on;
        CompletedBy = by.Id;
        Outcome = outcome;
        Version++;
    }

    /// <summary>Past its due date and not done: overdue, once.</summary>
    public bool MarkOverdue(DateOnly today, DateTimeOffset now)
    {
        if (OverdueAt is not null || !IsOverdue(today)) return false;
        OverdueAt = now;
        Version++;
        return true;
    }
}

/// <summary>A rep's development target for a month (客户开发目标): new customers to develop.</summary>
public sealed class DevelopmentTarget : IBranchOwned
{
    public const int NoteMaxLength = 1000;
    public const int MaxNewCustomers = 10_000;

    private DevelopmentTarget() { }

    public string BranchId { get; private set; } = "";
    public string OwnerId { get; private set; } = "";
    /// <summary>yyyy-MM.</summary>
    public string Month { get; private set; } = "";
    public int NewCustomers { get; private set; }
    public string? Note { get; private set; }
    public string SetBy { get; private set; } = "";
    public DateTimeOffset SetAt { get; private set; }
    public long Version { get; private set; }

    public static DevelopmentTarget Set(string branchId, string ownerId, YearMonth month, int newCustomers, string? note, Actor by, DateTimeOffset now) => new()
    {
        BranchId = branchId, OwnerId = ownerId, Month = month.ToString(), NewCustomers = newCustomers, Note = note, SetBy = by.Id, SetAt = now, Version = 1,
    };

    public void Change(int newCustomers, string? note, long expectedVersion, Actor by, DateTimeOffset now)
    {
        ExpectedVersion.Check("development target", Version, expectedVersion);
        NewCustomers = newCustomers;
        Note = note;
        SetBy = by.Id;
        SetAt = now;
        Version++;
    }
}
