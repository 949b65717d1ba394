using System.Diagnostics.Metrics;

namespace Crm.Customers.Services;

/// <summary>The field-work counters (拜访计划, 座谈会, 开发目标) on the meter <c>Crm.Customers</c>.</summary>
public sealed class FieldWorkMetrics(IMeterFactory meters) : ServiceMetrics(meters, CustomersMetrics.MeterName)
{
    // The factory hands out the one meter of this name, which CustomersMetrics also uses.
    private readonly Counter<long> _visitsPlanned = meters.Counter(CustomersMetrics.MeterName, "crm.customers.visits.planned", "{visit}", "Visits planned, by kind (visit, executive-visit)");
    private readonly Counter<long> _plansClosed = meters.Counter(CustomersMetrics.MeterName, "crm.customers.visits.plans_closed", "{visit}", "Visit plans closed by a recorded visit, by whether the day had been marked missed");
    private readonly Counter<long> _visitsMissed = meters.Counter(CustomersMetrics.MeterName, "crm.customers.visits.missed", "{visit}", "Planned visits whose day passed without a visit, by kind");
    private readonly Counter<long> _meetings = meters.Counter(CustomersMetrics.MeterName, "crm.customers.meetings", "{meeting}", "Meetings with customers (座谈会) recorded");
    private readonly Counter<long> _actionsCompleted = meters.Counter(CustomersMetrics.MeterName, "crm.customers.meetings.actions_completed", "{action}", "Meeting follow-up actions completed");
    private readonly Counter<long> _actionsOverdue = meters.Counter(CustomersMetrics.MeterName, "crm.customers.meetings.actions_overdue", "{action}", "Meeting follow-up actions that passed their due date undone");
    private readonly Counter<long> _targetsSet = meters.Counter(CustomersMetrics.MeterName, "crm.customers.development_targets.set", "{target}", "Development targets set or changed");

    public void VisitPlanned(string kind, int count = 1) => _visitsPlanned.Add(count, Tag("crm.kind", kind));
    public void PlanClosed(bool late) => _plansClosed.Add(1, Tag("crm.late", late));
    public void VisitMissed(string kind) => _visitsMissed.Add(1, Tag("crm.kind", kind));
    public void Meeting() => _meetings.Add(1);
    public void ActionCompleted() => _actionsCompleted.Add(1);
    public void ActionOverdue() => _actionsOverdue.Add(1);
    public void TargetSet() => _targetsSet.Add(1);
}
