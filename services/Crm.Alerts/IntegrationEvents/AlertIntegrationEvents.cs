namespace Crm.Alerts.IntegrationEvents;

/// <summary>The events this service publishes about its alerts, for subscribers (crm.alert-*).</summary>
public static class AlertIntegrationEvents
{
    public static AlertRaised Raised(Alert alert) => new AlertRaised
    {
        AlertId = alert.Id,
        Rule = alert.Rule,
        RuleVersion = alert.RuleVersion,
        AssigneeId = alert.AssigneeId ?? "",
        AssigneeRole = alert.AssigneeRole,
        Evidence = [.. alert.Evidence.Select(e => new AlertEvidence(e.Name, e.Value, e.EventId))],
        Summary = alert.Summary,
        Thresholds = alert.Thresholds.ToDictionary(StringComparer.Ordinal),
    }.About(alert.BranchId, alert.CustomerId, alert.RaisedAt);

    public static AlertAcknowledged Acknowledged(Alert alert, string? note) => new AlertAcknowledged
    {
        AlertId = alert.Id,
        Rule = alert.Rule,
        AcknowledgedBy = alert.AcknowledgedBy ?? "",
        Note = note,
    }.About(alert.BranchId, alert.CustomerId, alert.AcknowledgedAt ?? alert.RaisedAt);

    public static AlertEscalated Escalated(Alert alert, Assignee previous, DateTimeOffset now) => new AlertEscalated
    {
        AlertId = alert.Id,
        Rule = alert.Rule,
        PreviousAssigneeId = previous.UserId,
        AssigneeId = alert.AssigneeId ?? "",
        AssigneeRole = alert.AssigneeRole,
        RaisedAt = alert.RaisedAt,
    }.About(alert.BranchId, alert.CustomerId, now);

    /// <summary>The reasons <see cref="AlertReassigned"/> names.</summary>
    public const string OwnerChangedReason = "客户负责人变更 the customer's owner changed or became known";
    public const string EscalatedReason = "超时未确认, 已升级 not acknowledged in time: escalated";

    /// <summary>An open alert changed hands: it followed the customer's new owner, or was escalated.</summary>
    public static AlertReassigned Reassigned(Alert alert, Assignee previous, string reason, DateTimeOffset now) => new AlertReassigned
    {
        AlertId = alert.Id,
        Rule = alert.Rule,
        PreviousAssigneeId = previous.UserId,
        AssigneeId = alert.AssigneeId ?? "",
        AssigneeRole = alert.AssigneeRole,
        Reason = reason,
    }.About(alert.BranchId, alert.CustomerId, now);

    public static AlertResolved Resolved(Alert alert) => new AlertResolved
    {
        AlertId = alert.Id,
        Rule = alert.Rule,
        Cause = alert.Cause ?? "",
        Action = alert.Action ?? "",
        ResolvedBy = alert.ResolvedBy ?? "",
        Automatic = alert.ResolvedAutomatically,
        RaisedAt = alert.RaisedAt,
    }.About(alert.BranchId, alert.CustomerId, alert.ResolvedAt ?? alert.RaisedAt);
}
