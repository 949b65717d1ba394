using System.Diagnostics.Metrics;

namespace Crm.Customers.Services;

/// <summary>The business counters of customer profiles, on the meter <c>Crm.Customers</c>.</summary>
public sealed class CustomersMetrics(IMeterFactory meters) : ServiceMetrics(meters, MeterName)
{
    public const string MeterName = "Crm.Customers";

    private readonly Counter<long> _registered = meters.Counter(MeterName, "crm.customers.registered", "{customer}", "Customer files opened, by source");
    private readonly Counter<long> _updated = meters.Counter(MeterName, "crm.customers.updated", "{change}", "Edits of customer files");
    private readonly Counter<long> _duplicatesFlagged = meters.Counter(MeterName, "crm.customers.duplicates.flagged", "{check}", "Possible duplicates found, by what matched");
    private readonly Counter<long> _duplicatesConfirmed = meters.Counter(MeterName, "crm.customers.duplicates.confirmed", "{check}", "Possible duplicates the caller confirmed were different customers");
    private readonly Counter<long> _statusChanged = meters.Counter(MeterName, "crm.customers.status_changed", "{change}", "Status changes, by new status");
    private readonly Counter<long> _reassigned = meters.Counter(MeterName, "crm.customers.reassigned", "{change}", "Owner reassignments, by whether the contact deadline was missed");
    private readonly Counter<long> _visits = meters.Counter(MeterName, "crm.customers.visits", "{visit}", "Visits and contacts recorded, by kind");
    private readonly Counter<long> _incidents = meters.Counter(MeterName, "crm.customers.incidents", "{incident}", "Major incidents reported, by kind");
    private readonly Counter<long> _violations = meters.Counter(MeterName, "crm.customers.violations", "{violation}", "Violations recorded, by type");
    private readonly Counter<long> _evaluations = meters.Counter(MeterName, "crm.customers.evaluations", "{evaluation}", "Scorecard evaluations recorded");
    private readonly Counter<long> _applications = meters.Counter(MeterName, "crm.customers.development_applications", "{application}", "Development applications, by outcome");
    private readonly Counter<long> _importRows = meters.Counter(MeterName, "crm.customers.import.rows", "{row}", "CSV rows read, by outcome");
    private readonly Counter<long> _registrationLocks = meters.Counter(MeterName, "crm.customers.updated.registration_lock", "{change}", "Edits of customer files that took the group-wide registration lock for a duplicate check (renamed, moved or a new tax number)");

    public void Registered(string source, int count = 1) => _registered.Add(count, Tag("crm.source", source));
    public void Updated() => _updated.Add(1);
    public void UpdateTookRegistrationLock() => _registrationLocks.Add(1);
    public void DuplicateFlagged(string matchedOn) => _duplicatesFlagged.Add(1, Tag("crm.matched_on", matchedOn));
    public void DuplicateConfirmed() => _duplicatesConfirmed.Add(1);
    public void StatusChanged(string status) => _statusChanged.Add(1, Tag("crm.status", status));
    public void Reassigned(bool contactDeadlineMissed) => _reassigned.Add(1, Tag("crm.contact_deadline_missed", contactDeadlineMissed));
    public void Visit(string kind) => _visits.Add(1, Tag("crm.kind", kind));
    public void Incident(string kind) => _incidents.Add(1, Tag("crm.kind", kind));
    public void Violation(string type) => _violations.Add(1, Tag("crm.type", type));
    public void Evaluation() => _evaluations.Add(1);
    public void Application(string outcome) => _applications.Add(1, Tag("crm.outcome", outcome));
    public void ImportRows(string outcome, int count) => _importRows.Add(count, Tag("crm.outcome", outcome));
}
