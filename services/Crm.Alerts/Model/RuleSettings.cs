using Crm.Alerts.Model.Rules;

namespace Crm.Alerts.Model;

/// <summary>What a branch's settings of one rule say: the current settings and each saved revision hold the same.</summary>
public abstract class RuleSettingsValues : IBranchOwned
{
    public string BranchId { get; protected set; } = "";
    public string Rule { get; protected set; } = "";
    public int Version { get; protected set; }
    public bool Enabled { get; protected set; }
    public IReadOnlyDictionary<string, decimal> Thresholds { get; protected set; } = new Dictionary<string, decimal>();
    public decimal EscalateAfterHours { get; protected set; }
    /// <summary>The person alerts escalate to; null means the branch's sales-admin-manager role (销售管理部经理).</summary>
    public string? EscalationAssigneeId { get; protected set; }
    public DateTimeOffset ChangedAt { get; protected set; }
    public string ChangedBy { get; protected set; } = "";
    public string? Reason { get; protected set; }
}

/// <summary>
/// A branch's settings of one rule: on or off, its thresholds, and whom an unacknowledged alert escalates to, and
/// when. Version 1 is the shipped defaults, which a branch has until a manager first changes them; each change makes
/// the next version and keeps a revision, and every alert records the version and thresholds that raised it.
/// </summary>
public sealed class RuleSettings : RuleSettingsValues
{
    public const int DefaultsVersion = 1;
    public const int ReasonMaxLength = 500;
    public const int AssigneeMaxLength = 100;
    public const decimal MaxEscalateAfterHours = 24 * 90;

    private RuleSettings() { }

    /// <summary>The first change a branch makes to a rule's defaults: version 2.</summary>
    public static RuleSettings FirstChange(string branchId, AlertRule rule, RuleSettingsChange change, string by, DateTimeOffset now)
    {
        var settings = new RuleSettings { BranchId = branchId, Rule = rule.Name, Version = DefaultsVersion };
        settings.Apply(rule, change, by, now);
        return settings;
    }

    public void Change(AlertRule rule, RuleSettingsChange change, string by, DateTimeOffset now) => Apply(rule, change, by, now);

    public RuleSettingsRevision ToRevision() => new(this);

    private void Apply(AlertRule rule, RuleSettingsChange change, string by, DateTimeOffset now)
    {
        change.Validate(rule);
        Version++;
        Enabled = change.Enabled;
        Thresholds = change.Thresholds.ToDictionary(StringComparer.Ordinal);
        EscalateAfterHours = change.EscalateAfterHours;
        EscalationAssigneeId = string.IsNullOrWhiteSpace(change.EscalationAssigneeId) ? null : change.EscalationAssigneeId.Trim();
        ChangedAt = now;
        ChangedBy = by;
        Reason = string.IsNullOrWhiteSpace(change.Reason) ? null : change.Reason.Trim();
    }
}

/// <summary>What a manager sends to change a rule's settings; every threshold of the rule, each within its range.</summary>
public sealed record RuleSettingsChange(
    bool Enabled, IReadOnlyDictionary<string, decimal> Thresholds, decimal EscalateAfterHours, string? EscalationAssigneeId, string? Reason)
{
    public void Validate(AlertRule rule)
    {
        var errors = new ValidationErrors();
        var known = rule.Thresholds.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var name in Thresholds.Keys.Where(k => !known.ContainsKey(k)))
            errors.Add($"thresholds.{name}", $"{rule.Name} has no threshold '{name}'; its thresholds are: {Names(rule)}.");
        foreach (var threshold in rule.Thresholds)
        {
            var field = $"thresholds.{threshold.Name}";
            if (!Thresholds.TryGetValue(threshold.Name, out var value))
                errors.Add(field, $"{field} is required ({threshold.Description}).");
            else
                errors.Range(field, value, threshold.Min, threshold.Max);
        }
        errors
            .Range("escalateAfterHours", EscalateAfterHours, 0.25m, RuleSettings.MaxEscalateAfterHours)
            .MaxLength("escalationAssigneeId", EscalationAssigneeId, RuleSettings.AssigneeMaxLength)
            .MaxLength("reason", Reason, RuleSettings.ReasonMaxLength)
            .ThrowIfAny();
    }

    private static string Names(AlertRule rule) => rule.Thresholds.Count == 0 ? "none" : string.Join(", ", rule.Thresholds.Select(t => t.Name));
}

/// <summary>A saved version of a branch's rule settings, kept for audit (who changed what, when and why).</summary>
public sealed class RuleSettingsRevision : RuleSettingsValues
{
    private RuleSettingsRevision() { }

    internal RuleSettingsRevision(RuleSettings settings)
    {
        BranchId = settings.BranchId;
        Rule = settings.Rule;
        Version = settings.Version;
        Enabled = settings.Enabled;
        Thresholds = settings.Thresholds.ToDictionary(StringComparer.Ordinal);
        EscalateAfterHours = settings.EscalateAfterHours;
        EscalationAssigneeId = settings.EscalationAssigneeId;
        ChangedAt = settings.ChangedAt;
        ChangedBy = settings.ChangedBy;
        Reason = settings.Reason;
    }

    public long Id { get; private set; }
}
