using Crm.Alerts.Model.Rules;

namespace Crm.Alerts.Model;

/// <summary>A rule as it applies in one branch: the branch's saved settings, or the shipped defaults (version 1).</summary>
public sealed record EffectiveRuleSettings(
    AlertRule Rule, string BranchId, int Version, bool Enabled, RuleThresholds Thresholds, decimal EscalateAfterHours,
    string? EscalationAssigneeId, DateTimeOffset? ChangedAt, string? ChangedBy, string? Reason)
{
    public static EffectiveRuleSettings Of(AlertRule rule, string branchId, RuleSettings? saved) => saved is null
        ? new(rule, branchId, RuleSettings.DefaultsVersion, true, rule.DefaultThresholds, (decimal)rule.DefaultEscalateAfter.TotalHours,
            null, null, null, null)
        : new(rule, branchId, saved.Version, saved.Enabled, new RuleThresholds(rule.Thresholds, saved.Thresholds), saved.EscalateAfterHours,
            saved.EscalationAssigneeId, saved.ChangedAt, saved.ChangedBy, saved.Reason);

    public TimeSpan EscalateAfter => TimeSpan.FromHours((double)EscalateAfterHours);

    /// <summary>The named escalation assignee, else the branch's sales-admin-manager role (销售管理部经理).</summary>
    public Assignee EscalationTarget => EscalationAssigneeId is { } person ? Assignee.Person(person) : Assignee.ToRole(CrmRoles.SalesAdminManager);
}
