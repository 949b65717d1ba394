using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Alerts.Services;

public static class AlertsDiagnostics
{
    public const string Name = "Crm.Alerts";

    public static ActivitySource ActivitySource { get; } = new(Name);
}

/// <summary>
/// The early-warning figures on the dashboard: alerts raised, resolved (by a person or by themselves), escalated and
/// given new evidence, per rule; and the open alerts by rule and age.
/// </summary>
public sealed class AlertMetrics : ServiceMetrics
{
    public static readonly (TimeSpan Below, string Name)[] AgeBands =
    [
        (TimeSpan.FromDays(1), "under-1d"),
        (TimeSpan.FromDays(3), "1d-3d"),
        (TimeSpan.FromDays(7), "3d-7d"),
        (TimeSpan.FromDays(30), "7d-30d"),
        (TimeSpan.MaxValue, "over-30d"),
    ];

    private readonly Counter<long> _raised;
    private readonly Counter<long> _resolved;
    private readonly Counter<long> _escalated;
    private readonly Counter<long> _acknowledged;
    private readonly Counter<long> _evidenceAdded;
    private readonly Counter<long> _readAhead;
    private IReadOnlyList<Measurement<long>> _open = [];

    public AlertMetrics(IMeterFactory meters) : base(meters, AlertsDiagnostics.Name)
    {
        _raised = Counter("crm.alerts.raised", "{alert}", "Alerts raised, per rule");
        _resolved = Counter("crm.alerts.resolved", "{alert}", "Alerts resolved, per rule and by whom (a person, or automatically)");
        _escalated = Counter("crm.alerts.escalated", "{alert}", "Alerts escalated for want of an acknowledgement, per rule");
        _acknowledged = Counter("crm.alerts.acknowledged", "{alert}", "Alerts acknowledged, per rule");
        _evidenceAdded = Counter("crm.alerts.evidence_added", "{alert}", "New evidence added to open alerts, per rule");
        _readAhead = Counter("crm.alerts.sales_read_ahead", "{event}",
            "Sales whose reads ran before their turn at the SQLite write lock: applied as read, or read again because the customer's facts changed meanwhile");
        Meter.CreateObservableGauge("crm.alerts.open", () => Volatile.Read(ref _open), "{alert}", "Open alerts, per rule and age band");
    }

    public void Record(string rule, AlertChange change)
    {
        var ruleTag = Tag("crm.alert.rule", rule);
        switch (change)
        {
            case AlertChange.Raised: _raised.Add(1, ruleTag); break;
            case AlertChange.EvidenceAdded: _evidenceAdded.Add(1, ruleTag); break;
            case AlertChange.Acknowledged: _acknowledged.Add(1, ruleTag); break;
            case AlertChange.Escalated: _escalated.Add(1, ruleTag); break;
            case AlertChange.ResolvedByPerson: _resolved.Add(1, ruleTag, new("crm.alert.resolution", "person")); break;
            case AlertChange.ResolvedAutomatically: _resolved.Add(1, ruleTag, new("crm.alert.resolution", "automatic")); break;
        }
    }

    /// <summary>A sale read ahead of its turn at the write lock was applied as read, or read again.</summary>
    public void ReadAhead(bool applied) => _readAhead.Add(1, Tag("crm.alerts.read_ahead", applied ? "applied" : "read-again"));

    /// <summary>Replaces the open-alerts snapshot the gauge reports (refreshed by the schedule).</summary>
    public void SetOpenAlerts(IEnumerable<(string Rule, DateTimeOffset RaisedAt)> open, DateTimeOffset now)
    {
        var measurements = open
            .GroupBy(a => (a.Rule, Band: BandOf(now - a.RaisedAt)))
            .Select(g => new Measurement<long>(g.Count(),
                Tag("crm.alert.rule", g.Key.Rule),
                Tag("crm.alert.age", g.Key.Band)))
            .ToList();
        Volatile.Write(ref _open, measurements);
    }

    public static string BandOf(TimeSpan age) => AgeBands.First(b => age < b.Below).Name;
}

/// <summary>
/// Counts alert changes once they are committed, never for a unit of work that rolls back (a retried message would
/// otherwise count twice). Changes saved inside a transaction wait for its commit.
/// </summary>
public sealed class AlertMetricsInterceptor(AlertMetrics metrics) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<(string Rule, AlertChange Change)>> _awaitingCommit = new();

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Collect(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Publish(eventData.Context);

    // A context reused after a transaction that was disposed without a commit must not carry its changes over.
    public ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Discard(eventData.Context);
        return result;
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Discard(eventData.Context);

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        // The alerts record their own changes: no change detection needed to find them.
        var changes = context.ChangeTracker.TrackedEntriesOf<Alert>()
            .SelectMany(entry => entry.Entity.TakeChanges().Select(change => (entry.Entity.Rule, change)))
            .ToList();
        if (changes.Count == 0) return;
        if (context.Database.CurrentTransaction is null)
        {
            foreach (var (rule, change) in changes) metrics.Record(rule, change);
            return;
        }
        lock (_awaitingCommit) _awaitingCommit.GetOrCreateValue(context).AddRange(changes);
    }

    private void Publish(DbContext? context)
    {
        if (context is null) return;
        List<(string Rule, AlertChange Change)>? changes;
        lock (_awaitingCommit)
        {
            if (!_awaitingCommit.TryGetValue(context, out changes)) return;
            _awaitingCommit.Remove(context);
        }
        foreach (var (rule, change) in changes) metrics.Record(rule, change);
    }

    private void Discard(DbContext? context)
    {
        if (context is null) return;
        lock (_awaitingCommit) _awaitingCommit.Remove(context);
    }
}
