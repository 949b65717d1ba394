namespace Crm.Events;

/// <summary>A figure that tripped a rule, and the event it came from when one event stands behind it.</summary>
public sealed record AlertEvidence(string Name, string Value, Guid? EventId = null);

/// <summary>An early-warning alert (预警) was raised.</summary>
[EntityName("crm.alert-raised")]
public sealed record AlertRaised : IntegrationEvent
{
    public Guid AlertId { get; init; }
    /// <summary>over-credit-limit, progress-behind, expense-over-budget, churn, major-incident, not-contacted,
    /// contract-expiring, no-active-contract, complaint-unanswered, grade-drop.</summary>
    public string Rule { get; init; } = "";
    public int RuleVersion { get; init; }
    /// <summary>The person who must act: the owner rep, or the escalation assignee. Empty when a role is assigned.</summary>
    public string AssigneeId { get; init; } = "";
    /// <summary>Set when the alert is assigned to a role of the branch rather than a person (sales-admin-manager).</summary>
    public string? AssigneeRole { get; init; }
    public IReadOnlyList<AlertEvidence> Evidence { get; init; } = [];
    /// <summary>One line a person can read: what tripped, with the figures.</summary>
    public string Summary { get; init; } = "";
    /// <summary>The thresholds of the rule version that raised it, by name.</summary>
    public IReadOnlyDictionary<string, decimal> Thresholds { get; init; } = new Dictionary<string, decimal>();
}

/// <summary>Someone took an alert in hand (已确认): it is being looked into.</summary>
[EntityName("crm.alert-acknowledged")]
public sealed record AlertAcknowledged : IntegrationEvent
{
    public Guid AlertId { get; init; }
    public string Rule { get; init; } = "";
    public string AcknowledgedBy { get; init; } = "";
    public string? Note { get; init; }
}

/// <summary>An alert nobody acknowledged in time went to the branch's escalation assignee (升级).</summary>
[EntityName("crm.alert-escalated")]
public sealed record AlertEscalated : IntegrationEvent
{
    public Guid AlertId { get; init; }
    public string Rule { get; init; } = "";
    public string? PreviousAssigneeId { get; init; }
    /// <summary>The escalation assignee; empty when the alert went to a role.</summary>
    public string AssigneeId { get; init; } = "";
    public string? AssigneeRole { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
}

/// <summary>An alert was resolved, by a person (with cause and action) or because its condition cleared.</summary>
[EntityName("crm.alert-resolved")]
public sealed record AlertResolved : IntegrationEvent
{
    public Guid AlertId { get; init; }
    public string Rule { get; init; } = "";
    public string Cause { get; init; } = "";
    public string Action { get; init; } = "";
    public string ResolvedBy { get; init; } = "";
    public bool Automatic { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
}

/// <summary>An open alert changed hands, e.g. because the customer was reassigned to another rep.</summary>
[EntityName("crm.alert-reassigned")]
public sealed record AlertReassigned : IntegrationEvent
{
    public Guid AlertId { get; init; }
    public string Rule { get; init; } = "";
    public string? PreviousAssigneeId { get; init; }
    public string AssigneeId { get; init; } = "";
    public string? AssigneeRole { get; init; }
    public string Reason { get; init; } = "";
}
