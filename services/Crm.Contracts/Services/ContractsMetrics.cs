using System.Diagnostics.Metrics;

namespace Crm.Contracts.Services;

/// <summary>The contracts service's business metrics (Meter <c>Crm.Contracts</c>).</summary>
public sealed class ContractsMetrics(IMeterFactory meters) : ServiceMetrics(meters, Name)
{
    public const string Name = "Crm.Contracts";

    private readonly Counter<long> _transitions = meters.Counter(Name, "crm.contracts.transitions", "{transition}", "Contract lifecycle transitions, by action (created, submitted, approved, rejected, signed, activated, amended, auto-renewed, renewed, expired, terminated, archived)");
    private readonly Counter<long> _approvals = meters.Counter(Name, "crm.contracts.approvals", "{decision}", "Approval step decisions, by step role and decision");
    private readonly Counter<long> _reads = meters.Counter(Name, "crm.contracts.access_log.reads", "{read}", "Reads of a contract's contents written to the access log, by what was read (card, document)");
    private readonly Counter<long> _reminders = meters.Counter(Name, "crm.contracts.reminders.sent", "{reminder}", "Expiry reminders published (crm.contract-expiring), by reminder day");

    public void Transition(string action) => _transitions.Add(1, Tag("crm.contract.action", action));

    public void Decision(string role, StepDecision decision) => _approvals.Add(1, Tag("crm.step.role", role), Tag("crm.step.decision", ApiNames.Of(decision)));

    public void Read(string what) => _reads.Add(1, Tag("crm.contract.read", what));

    public void ReminderSent(int days) => _reminders.Add(1, Tag("crm.reminder.days", days));
}
