namespace Crm.Alerts.Model.Rules;

/// <summary>
/// 客诉未答复预警: never leave a complaint without an answer (最忌讳投诉没有下文). Trips when the after-sales service
/// reports a complaint of at least the minimum severity past a service-level deadline
/// (<c>crm.complaint-sla-breached</c>). A first-response breach clears when the complaint is answered (初步判断) or
/// closed; a resolution breach only when it is closed. A breach is already an escalation: the alert goes straight to
/// the branch's managers (the rule's escalation assignee, else the sales-admin-manager role), not to the owner rep.
/// </summary>
public sealed class ComplaintUnansweredRule() : AlertRule(
    RuleName,
    "客诉未答复预警 Complaint left without an answer",
    "A complaint missed its first-response or resolution deadline; clears when it is answered (first response) or closed (either).",
    typeof(ComplaintSlaBreached), typeof(ComplaintAnswered), typeof(ComplaintResolved))
{
    public const string RuleName = "complaint-unanswered";

    public static readonly Threshold MinimumSeverity = new(
        "minimumSeverity", 1m, 1m, 4m, "level", "The lowest severity that raises the alert: 1 low, 2 medium, 3 high, 4 critical (起报严重程度).");

    public override IReadOnlyList<Threshold> Thresholds { get; } = [MinimumSeverity];
    public override FactNeeds Needs => FactNeeds.Complaints;
    public override bool RaisesEscalated => true;
    public override TimeSpan DefaultEscalateAfter => TimeSpan.FromHours(4);

    public override RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds)
    {
        var minimum = thresholds[MinimumSeverity];
        var unanswered = facts.BreachedComplaints
            .Where(c => c.IsUnanswered && Complaint.RankOf(c.Severity) >= minimum)
            .OrderBy(c => c.FirstResponseDueAt ?? c.ResolutionDueAt)
            .ThenBy(c => c.Id)
            .ToList();
        if (unanswered.Count == 0) return RuleOutcome.Cleared(CauseOfClearing(facts));

        var summaries = new List<string>();
        var evidence = new List<Figure>();
        foreach (var complaint in unanswered)
        {
            if (complaint.AwaitsFirstResponse)
            {
                summaries.Add($"Complaint \"{complaint.Subject}\" ({complaint.Severity}) has had no first response since {At(complaint.FirstResponseDueAt)}");
                evidence.AddRange(Breach(complaint, Complaint.FirstResponse, complaint.FirstResponseBreachEventId, complaint.FirstResponseDueAt, complaint.FirstResponseBreachState));
            }
            if (complaint.AwaitsResolution)
            {
                summaries.Add($"Complaint \"{complaint.Subject}\" ({complaint.Severity}) is not resolved since {At(complaint.ResolutionDueAt)}");
                evidence.AddRange(Breach(complaint, Complaint.Resolution, complaint.ResolutionBreachEventId, complaint.ResolutionDueAt, complaint.ResolutionBreachState));
            }
        }
        return RuleOutcome.Tripped(Figures.Joined(summaries) + " (客诉超时未答复).", evidence);
    }

    private static IEnumerable<Figure> Breach(Complaint complaint, string deadline, Guid? eventId, DateTimeOffset? dueAt, string? state) =>
    [
        new Figure("complaintId", complaint.Id.ToString(), eventId),
        new Figure("subject", complaint.Subject, eventId),
        new Figure("deadline", deadline, eventId),
        new Figure("dueAt", dueAt?.ToString("O") ?? "", eventId),
        new Figure("severity", complaint.Severity, eventId),
        new Figure("state", state ?? "", eventId),
    ];

    private static string At(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "its deadline";

    private static string CauseOfClearing(CustomerFacts facts) => facts.Trigger switch
    {
        ComplaintAnswered answered => $"The complaint was answered: assessed as {answered.Category} (初步判断, event {answered.EventId}).",
        ComplaintResolved resolved => $"The complaint was closed ({resolved.ClosedBy}, event {resolved.EventId}).",
        _ => "Every complaint past its service level has been answered or closed.",
    };
}
