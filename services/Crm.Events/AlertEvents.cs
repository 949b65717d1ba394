using MassTransit;

namespace Crm.Events;

/// <summary>A figure that tripped a rule.</summary>
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
    public string AssigneeId { get; init; } = "";
    public IReadOnlyList<AlertEvidence> Evidence { get; init; } = [];
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
}
