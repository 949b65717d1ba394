using Crm.Messaging.Outbox;
using Crm.Messaging.Sweeps;
using Microsoft.Extensions.Options;

namespace Crm.Alerts.Services;

/// <summary>
/// The schedule's work: the time-based rules over every customer (no purchase for N days, not contacted within a
/// week, behind the month's plan), and the escalation of alerts nobody acknowledged in time. Each customer is decided
/// in its own unit of work; one that an event changed meanwhile is decided again on the fresh facts.
/// </summary>
public sealed partial class AlertSweep(
    IServiceScopeFactory scopes, AlertMetrics metrics, TimeProvider clock, IOptions<AlertsOptions> options, ILogger<AlertSweep> logger)
    : GroupSweep<AlertsDbContext>(scopes, "the alert sweep (预警)", logger)
{
    /// <summary>Runs the time-based rules over every customer; returns how many alert changes it made.</summary>
    public async Task<int> EvaluateTimeBasedRulesAsync(CancellationToken cancellationToken)
    {
        var customerIds = await CandidatesAsync(db => db.Customers.AsNoTracking()
            .Where(c => c.RegisteredAt != null || c.LastPurchaseOn != null)
            .Select(c => c.Id), cancellationToken);

        var changes = 0;
        await Sweep.ForEachBatchAsync(customerIds, options.Value.SweepBatchSize, async (db, services, batch) =>
        {
            var engine = services.GetRequiredService<AlertEngine>();
            foreach (var id in batch)
                changes += await Sweep.DecideAsync(db, "Customer", id, () => EvaluateCustomerAsync(db, engine, id, cancellationToken), gaveUp: 0);
        });
        LogSwept(Logger, customerIds.Count, changes);
        return changes;
    }

    // An event for this customer may commit first (its version moved on, or it raised the same alert): the sweep then
    // forgets what this attempt decided and decides again on the facts as they are now.
    private static async Task<int> EvaluateCustomerAsync(AlertsDbContext db, AlertEngine engine, Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null) return 0;
        var changes = await engine.EvaluateScheduledAsync(customer, cancellationToken);
        if (changes > 0) await db.SaveChangesAsync(cancellationToken);
        return changes;
    }

    /// <summary>Escalates every raised alert that waited longer than its rule's setting; refreshes the open-alerts gauge.</summary>
    public Task<int> EscalateOverdueAsync(CancellationToken cancellationToken) =>
        Sweep.InScopeAsync((db, services) => EscalateOverdueAsync(db, services.GetRequiredService<RuleSettingsReader>(), cancellationToken));

    private async Task<int> EscalateOverdueAsync(AlertsDbContext db, RuleSettingsReader settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        var waiting = await db.Alerts.AsNoTracking()
            .Where(a => a.State == AlertState.Raised && !a.Escalated)
            .Select(a => new { a.Id, a.BranchId, a.Rule, a.RaisedAt })
            .ToListAsync(cancellationToken);
        var escalated = 0;
        foreach (var candidate in waiting)
        {
            var ruleSettings = (await settings.ForBranchAsync(candidate.BranchId, cancellationToken)).GetValueOrDefault(candidate.Rule);
            if (ruleSettings is null || now - candidate.RaisedAt < ruleSettings.EscalateAfter) continue;
            var alert = await db.Alerts.FirstOrDefaultAsync(
                a => a.Id == candidate.Id && a.State == AlertState.Raised && !a.Escalated, cancellationToken);
            if (alert is null) continue;
            var previous = alert.Assignee;
            alert.Escalate(ruleSettings.EscalationTarget, now);
            db.AddIntegrationEvent(AlertIntegrationEvents.Escalated(alert, previous, now), clock);
            db.AddIntegrationEvent(AlertIntegrationEvents.Reassigned(alert, previous, AlertIntegrationEvents.EscalatedReason, now), clock);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                escalated++;
            }
            catch (DbUpdateConcurrencyException e)
            {
                // Acknowledged or changed meanwhile: the next round looks at it again.
                LogConflict(Logger, e, alert.Id);
                db.ChangeTracker.Clear();
            }
        }

        var open = await db.Alerts.AsNoTracking()
            .Where(a => a.State != AlertState.Resolved)
            .Select(a => new { a.Rule, a.RaisedAt })
            .ToListAsync(cancellationToken);
        metrics.SetOpenAlerts(open.Select(a => (a.Rule, a.RaisedAt)), now);
        return escalated;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Time-based rules evaluated over {Customers} customers; {Changes} alert changes")]
    private static partial void LogSwept(ILogger logger, int customers, int changes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert {AlertId} changed while it was being escalated; the next round looks again")]
    private static partial void LogConflict(ILogger logger, Exception exception, Guid alertId);
}

/// <summary>Runs the sweep on its interval, on the injected clock; the first run waits one interval.</summary>
public sealed class AlertSweepScheduler(AlertSweep sweep, TimeProvider clock, IOptions<AlertsOptions> options, ILogger<AlertSweepScheduler> logger)
    : RecurringJob(clock, logger, "The alerts sweep", options.Value.ScheduleEnabled, options.Value.SweepInterval, sweep.EvaluateTimeBasedRulesAsync, runsAtStart: false);

/// <summary>Runs the escalations on their interval, on the injected clock; the first run waits one interval.</summary>
public sealed class AlertEscalationScheduler(AlertSweep sweep, TimeProvider clock, IOptions<AlertsOptions> options, ILogger<AlertEscalationScheduler> logger)
    : RecurringJob(clock, logger, "The alerts escalation", options.Value.ScheduleEnabled, options.Value.EscalationInterval, sweep.EscalateOverdueAsync, runsAtStart: false);
