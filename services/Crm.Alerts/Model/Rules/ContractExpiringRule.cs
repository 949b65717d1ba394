namespace Crm.Alerts.Model.Rules;

/// <summary>
/// 合同到期预警: the contracts service reminded that a contract expires (<c>crm.contract-expiring</c>, at 30, 15 and 7
/// days by default) and the reminder is N days or fewer before the expiry (30 by default). Clears when the contract is
/// taken care of: renewed (a signed contract that renews it, 续签), followed by a new signed contract in force the day
/// after the expiry, its expiry moved later by an automatic renewal or an amendment, or terminated before it. The
/// owner rep acts, as the reminder names them.
/// </summary>
public sealed class ContractExpiringRule() : AlertRule(
    RuleName,
    "合同到期预警 Contract expiring",
    "A contract expires within N days and is not renewed; clears with a renewal, a new contract from the day after, an automatic renewal, or a termination.",
    typeof(ContractExpiring), typeof(ContractSigned), typeof(ContractAmended), typeof(ContractTerminated))
{
    public const string RuleName = "contract-expiring";

    public static readonly Threshold DaysLeft = new(
        "daysLeft", 30m, 1m, 365m, "days", "Raise at a reminder this many days or fewer before the expiry (到期提醒天数).");

    public override IReadOnlyList<Threshold> Thresholds { get; } = [DaysLeft];
    public override FactNeeds Needs => FactNeeds.Contracts;

    public override RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds)
    {
        if (facts.ContractReminders.Count == 0) return RuleOutcome.Unchanged;
        var reminded = facts.ContractReminders.Where(r => r.DaysLeft <= thresholds[DaysLeft]).OrderBy(r => r.ExpiresOn).ThenBy(r => r.Number, StringComparer.Ordinal).ToList();
        if (reminded.Count == 0)
            return RuleOutcome.Cleared($"No contract's reminder is {Figures.Of(thresholds[DaysLeft])} days or fewer before its expiry.");

        var expiring = new List<ContractReminder>();
        var settled = new List<string>();
        foreach (var reminder in reminded)
        {
            if (SettledBy(reminder, facts.Contracts) is { } cause) settled.Add(cause);
            else expiring.Add(reminder);
        }
        if (expiring.Count == 0) return RuleOutcome.Cleared(string.Join(" ", settled.Take(3)) + TriggerNote(facts.Trigger));

        var evidence = expiring.SelectMany(r => new[]
        {
            new Figure("contract", r.Number, r.EventId),
            new Figure("expiresOn", Figures.Of(r.ExpiresOn), r.EventId),
            new Figure("daysLeft", Figures.Of(r.DaysLeft), r.EventId),
        });
        var summary = Figures.Joined([.. expiring.Select(r =>
            $"Contract {r.Number} expires on {Figures.Of(r.ExpiresOn)} ({r.DaysLeft} days left at the reminder) and is not renewed")]);
        return RuleOutcome.Tripped(summary + " (合同即将到期, 请续签).", evidence);
    }

    /// <summary>What took care of an expiring contract, or null when nothing has yet.</summary>
    private static string? SettledBy(ContractReminder reminder, IReadOnlyList<ProjectedContract> contracts)
    {
        if (contracts.FirstOrDefault(c => c.RenewsContractId == reminder.ContractId && c.Signed) is { } renewal)
            return $"Contract {reminder.Number} was renewed by {renewal.Number} (续签).";
        var contract = contracts.FirstOrDefault(c => c.Id == reminder.ContractId);
        if (contract is { ExpiresOn: { } expiresOn } && expiresOn > reminder.ExpiresOn)
        {
            var reason = contract.Versions.FirstOrDefault(v => v.Version == contract.LatestVersion)?.Reason ?? "amendment";
            return $"Contract {reminder.Number} now runs to {Figures.Of(expiresOn)} by its version {contract.LatestVersion} ({reason}).";
        }
        if (ContractTermsRules.InForce(contracts.Where(c => c.Id != reminder.ContractId), reminder.ExpiresOn.AddDays(1)) is { } successor)
            return $"Contract {successor.Contract.Number} is in force from the day after {reminder.Number} expires.";
        if (contract is { EndedOn: { } ended } && ended < reminder.ExpiresOn)
            return $"Contract {reminder.Number} ended early, its last day {Figures.Of(ended)}.";
        return null;
    }

    private static string TriggerNote(Crm.Events.IntegrationEvent? trigger) => trigger is null ? "" : $" (event {trigger.EventId})";
}
