using Crm.Events;

namespace Crm.Customers.IntegrationEvents;

/// <summary>The field-work events this service publishes (visit planned and missed, meeting follow-up overdue).</summary>
public static class FieldWorkIntegrationEvents
{
    public static VisitPlanned Planned(VisitPlan plan, DateTimeOffset now) => new VisitPlanned
    {
        PlanId = plan.Id,
        PlannedOn = plan.PlannedOn,
        Kind = ApiNames.Of(plan.Kind),
        Route = plan.Route,
        Sequence = plan.Sequence,
        VisitorId = plan.VisitorId,
        PlannedBy = plan.PlannedBy,
        Purpose = plan.Purpose,
        OwnerId = plan.OwnerId,
    }.About(plan.BranchId, plan.CustomerId, now);

    public static VisitMissed Missed(VisitPlan plan, DateTimeOffset now) => new VisitMissed
    {
        PlanId = plan.Id,
        PlannedOn = plan.PlannedOn,
        Kind = ApiNames.Of(plan.Kind),
        VisitorId = plan.VisitorId,
        OwnerId = plan.OwnerId,
    }.About(plan.BranchId, plan.CustomerId, now);

    public static MeetingFollowUpOverdue Overdue(Meeting meeting, MeetingAction action, DateTimeOffset now) => new MeetingFollowUpOverdue
    {
        MeetingId = meeting.Id,
        ActionId = action.Id,
        Action = action.Description,
        ActionOwnerId = action.OwnerId,
        DueOn = action.DueOn,
        MeetingOn = meeting.HeldOn,
    }.About(action.BranchId, action.CustomerId, now);
}
