namespace Crm.Alerts.Model.Rules;

/// <summary>
/// 拜访未完成预警: planned visits (拜访计划) whose day passed without the visit (<c>crm.visit-missed</c>). Trips when a
/// customer has at least <see cref="MissedVisits"/> missed visits (1 by default: alert on each) among those planned in
/// the last <see cref="WindowDays"/> days that no later visit made good. The alert goes to the visitor who missed the
/// latest one (a rep, or the manager of an executive visit), not to the owner, and stays with them when the customer
/// changes hands. It clears when late visits bring the count under the threshold; a person resolves it otherwise.
/// </summary>
public sealed class VisitMissedRule() : AlertRule(
    RuleName,
    "拜访未完成预警 Planned visit missed",
    "N planned visits to the customer missed within the last D days (default: every miss); assigned to the visitor; clears when late visits make them good.",
    typeof(VisitMissed), typeof(CustomerContacted))
{
    public const string RuleName = "visit-missed";

    public static readonly Threshold MissedVisits = new(
        "missedVisits", 1m, 1m, 20m, "visits", "Missed planned visits to the customer, within the window, that raise the alert (1: every miss) (未拜访次数).");

    public static readonly Threshold WindowDays = new(
        "windowDays", 30m, 1m, 365m, "days", "The days back from today whose planned visits count (统计天数).");

    public override IReadOnlyList<Threshold> Thresholds { get; } = [MissedVisits, WindowDays];
    public override FactNeeds Needs => FactNeeds.MissedVisits;
    public override bool FollowsOwner => false;

    public override string? AssigneeOf(CustomerFacts facts) =>
        facts.Trigger is VisitMissed missed ? missed.VisitorId : Counted(facts, null).LastOrDefault()?.VisitorId;

    public override RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds)
    {
        // A contact that made no missed visit good says nothing about misses.
        if (facts.Trigger is CustomerContacted contacted && contacted.PlanId is null) return RuleOutcome.Unchanged;
        var counted = Counted(facts, thresholds);
        if (counted.Count < thresholds[MissedVisits])
            return RuleOutcome.Cleared(counted.Count == 0
                ? "Every missed visit in the window was made good by a later visit (已补访)."
                : $"{counted.Count} missed visit(s) left in the window, under the threshold of {Figures.Of(thresholds[MissedVisits])}.");

        var findings = counted.Select(m => $"{m.Kind} by {m.VisitorId} planned on {Figures.Of(m.PlannedOn!.Value)}").ToList();
        return RuleOutcome.Tripped(
            $"{counted.Count} planned visit(s) missed in the last {Figures.Of(thresholds[WindowDays])} days: {Figures.Joined(findings)} (计划拜访未完成).",
            counted.SelectMany(m => new[]
            {
                new Figure("planId", m.PlanId.ToString(), m.MissedEventId),
                new Figure("plannedOn", Figures.Of(m.PlannedOn!.Value), m.MissedEventId),
                new Figure("kind", m.Kind, m.MissedEventId),
                new Figure("visitorId", m.VisitorId, m.MissedEventId),
            }).Append(new Figure("missedVisits", Figures.Of(counted.Count))));
    }

    private static List<MissedVisit> Counted(CustomerFacts facts, RuleThresholds? thresholds)
    {
        var window = (int)(thresholds?[WindowDays] ?? WindowDays.Default);
        var since = facts.Today.AddDays(-window);
        return facts.MissedVisits
            .Where(m => m.IsOutstanding && m.PlannedOn is { } on && on >= since)
            .OrderBy(m => m.PlannedOn).ThenBy(m => m.PlanId)
            .ToList();
    }
}
