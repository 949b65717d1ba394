namespace Crm.Events;

/// <summary>A visit was planned (拜访计划): by a rep for their own customers, or by a manager as an executive visit to a
/// key customer (主管领导拜访计划, 高层拜访大客户).</summary>
[EntityName("crm.visit-planned")]
public sealed record VisitPlanned : IntegrationEvent
{
    public Guid PlanId { get; init; }
    public DateOnly PlannedOn { get; init; }
    /// <summary>visit (拜访) or executive-visit (高层拜访).</summary>
    public string Kind { get; init; } = "";
    /// <summary>The route (路线) and the stop's place on it (路序), when planned by route.</summary>
    public string? Route { get; init; }
    public int? Sequence { get; init; }
    /// <summary>Who is to make the visit.</summary>
    public string VisitorId { get; init; } = "";
    public string PlannedBy { get; init; } = "";
    public string? Purpose { get; init; }
    /// <summary>The owner rep of the customer at the time.</summary>
    public string? OwnerId { get; init; }
}

/// <summary>A planned visit's day passed without a visit recorded against it (未完成拜访).</summary>
[EntityName("crm.visit-missed")]
public sealed record VisitMissed : IntegrationEvent
{
    public Guid PlanId { get; init; }
    public DateOnly PlannedOn { get; init; }
    public string Kind { get; init; } = "";
    public string VisitorId { get; init; } = "";
    public string? OwnerId { get; init; }
}

/// <summary>A follow-up action agreed at a meeting (座谈会) passed its due date unfinished.</summary>
[EntityName("crm.meeting-follow-up-overdue")]
public sealed record MeetingFollowUpOverdue : IntegrationEvent
{
    public Guid MeetingId { get; init; }
    public Guid ActionId { get; init; }
    public string Action { get; init; } = "";
    /// <summary>Who owns the action.</summary>
    public string ActionOwnerId { get; init; } = "";
    public DateOnly DueOn { get; init; }
    public DateOnly MeetingOn { get; init; }
}

/// <summary>A promotion or advertising plan (促销/广告计划) was approved by a manager and may now run (公司批准后方可执行).</summary>
[EntityName("crm.promotion-approved")]
public sealed record PromotionApproved : IntegrationEvent
{
    public Guid PromotionId { get; init; }
    /// <summary>promotion, advertising, staff-support, vehicle-support, other.</summary>
    public string Kind { get; init; } = "";
    public string Title { get; init; } = "";
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; init; }
    public decimal Budget { get; init; }
    public string? ExpectedEffect { get; init; }
    public string RequestedBy { get; init; } = "";
    public string ApprovedBy { get; init; } = "";
}
