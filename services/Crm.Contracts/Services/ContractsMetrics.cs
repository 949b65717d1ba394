using System.Diagnostics.Metrics;
using Crm.Contracts.Model;
using Crm.ServiceDefaults;

namespace Crm.Contracts.Services;

/// <summary>The contracts service's business metrics (Meter <c>Crm.Contracts</c>).</summary>
public sealed class ContractsMetrics : IDisposable
{
    public const string Name = "Crm.Contracts";

    private readonly Meter _meter;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _approvals;
    private readonly Counter<long> _reads;
    private readonly Counter<long> _reminders;

    public ContractsMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _transitions = _meter.CreateCounter<long>("crm.contracts.transitions", "{transition}", "Contract lifecycle transitions, by action (created, submitted, approved, rejected, signed, activated, amended, auto-renewed, renewed, expired, terminated, archived)");
        _approvals = _meter.CreateCounter<long>("crm.contracts.approvals", "{decision}", "Approval step decisions, by step role and decision");
        _reads = _meter.CreateCounter<long>("crm.contracts.access_log.reads", "{read}", "Reads of a contract's contents written to the access log, by what was read (card, document)");
        _reminders = _meter.CreateCounter<long>("crm.contracts.reminders.sent", "{reminder}", "Expiry reminders published (crm.contract-expiring), by reminder day");
    }

    public void Transition(string action) => _transitions.Add(1, new KeyValuePair<string, object?>("crm.contract.action", action));

    public void Decision(string role, StepDecision decision) => _approvals.Add(1,
        new KeyValuePair<string, object?>("crm.step.role", role), new KeyValuePair<string, object?>("crm.step.decision", ApiNames.Of(decision)));

    public void Read(string what) => _reads.Add(1, new KeyValuePair<string, object?>("crm.contract.read", what));

    public void ReminderSent(int days) => _reminders.Add(1, new KeyValuePair<string, object?>("crm.reminder.days", days));

    public void Dispose() => _meter.Dispose();
}
