namespace Crm.Customers.Apis;

/// <summary>One stop of a route's plan: the customer, its place on the route (路序), and the visit's purpose.</summary>
public sealed record VisitStopInput(Guid? CustomerId, int? Sequence, string? Purpose);

/// <summary>
/// Plan visits (拜访计划) for one day: one customer (<c>customerId</c>) or a route's stops in order (<c>stops</c>).
/// A rep plans their own customers' visits; a manager also plans executive visits (高层拜访) to key customers.
/// </summary>
public sealed record PlanVisitsRequest
{
    public DateOnly? PlannedOn { get; init; }
    /// <summary>visit (拜访, the default) or executive-visit (高层拜访).</summary>
    public VisitPlanKind? Kind { get; init; }
    /// <summary>The route (线路); defaults to each customer's route on the card.</summary>
    public string? Route { get; init; }
    /// <summary>Who makes the visits; defaults to the caller. A rep plans for themselves only.</summary>
    public string? VisitorId { get; init; }
    public string? VisitorName { get; init; }
    public Guid? CustomerId { get; init; }
    public int? Sequence { get; init; }
    public string? Purpose { get; init; }
    public IReadOnlyList<VisitStopInput>? Stops { get; init; }
}

/// <summary>A follow-up action agreed at a meeting: what, who owns it, by when, and for which customer present.</summary>
public sealed record MeetingActionInput(string? Description, string? OwnerId, DateOnly? DueOn, Guid? CustomerId);

/// <summary>Record a meeting with customers (座谈会).</summary>
public sealed record RecordMeetingRequest
{
    public DateOnly? HeldOn { get; init; }
    public string? Title { get; init; }
    public string? Location { get; init; }
    /// <summary>纪要: the minutes.</summary>
    public string? Minutes { get; init; }
    /// <summary>The customers present (出席客户), of the caller's branch.</summary>
    public IReadOnlyList<Guid>? CustomerIds { get; init; }
    /// <summary>Our people present (user ids).</summary>
    public IReadOnlyList<string>? Attendees { get; init; }
    public IReadOnlyList<MeetingActionInput>? Actions { get; init; }
}

public sealed record CompleteActionRequest(DateOnly? CompletedOn, string? Outcome, long? Version);

/// <summary>A rep's development target for a month (客户开发目标): how many new customers to develop.</summary>
public sealed record DevelopmentTargetRequest(int? NewCustomers, string? Note, long? Version);
