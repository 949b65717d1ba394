namespace Crm.Alerts.Model.Rules;

/// <summary>
/// 座谈会跟进逾期预警: a follow-up action agreed at a meeting with customers (座谈会) passed its due date undone
/// (<c>crm.meeting-follow-up-overdue</c>, published once per action). Every overdue action trips it, for the customer the
/// action is for; a second one while the alert is open is added to it as evidence. The alert goes to the action's owner
/// and stays with them. No event reports an action completed late, so a person resolves it (cause and action).
/// </summary>
public sealed class FollowUpOverdueRule() : AlertRule(
    RuleName,
    "座谈会跟进逾期预警 Meeting follow-up overdue",
    "Raised on every meeting follow-up action past its due date undone; assigned to the action's owner; resolved by a person.",
    typeof(MeetingFollowUpOverdue))
{
    public const string RuleName = "follow-up-overdue";

    public override bool FollowsOwner => false;

    public override string? AssigneeOf(CustomerFacts facts) => (facts.Trigger as MeetingFollowUpOverdue)?.ActionOwnerId;

    public override RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds)
    {
        if (facts.Trigger is not MeetingFollowUpOverdue overdue) return RuleOutcome.Unchanged;
        return RuleOutcome.Tripped(
            $"Follow-up \"{overdue.Action}\" of the meeting on {Figures.Of(overdue.MeetingOn)} was due on {Figures.Of(overdue.DueOn)} " +
            $"and is not done; owner {overdue.ActionOwnerId} (座谈会跟进事项逾期).",
            new Figure("meetingId", overdue.MeetingId.ToString(), overdue.EventId),
            new Figure("actionId", overdue.ActionId.ToString(), overdue.EventId),
            new Figure("action", overdue.Action, overdue.EventId),
            new Figure("actionOwnerId", overdue.ActionOwnerId, overdue.EventId),
            new Figure("dueOn", Figures.Of(overdue.DueOn), overdue.EventId),
            new Figure("meetingOn", Figures.Of(overdue.MeetingOn), overdue.EventId));
    }
}
