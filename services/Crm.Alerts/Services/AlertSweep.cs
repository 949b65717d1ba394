using Crm.ServiceDefaults.Identity;
using Crm.Alerts.Infrastructure;
using Crm.Alerts.IntegrationEvents;
using Crm.Alerts.Model;
using Crm.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Alerts.Services;

/// <summary>
/// The schedule's work: the time-based rules over every customer (no purchase for N days, not contacted within a
/// week, behind the month's plan), and the escalation of alerts nobody acknowledged in time. Each customer is decided
/// in its own unit of work; one that an event changed meanwhile is decided again on the fresh facts.
/// </summary>
public sealed partial class AlertSweep(
    IServiceScopeFactory scopes, AlertMetrics metrics, TimeProvider clock, IOptions<AlertsOptions> options, ILogger<AlertSweep> logger)
{
    /// <summary>The group-wide work this is: it acts for every branch, by name (no caller to take a branch from).</summary>
    private const string Purpose = "the alert sweep (预警)";

    /// <summary>Runs the time-based rules over every customer; returns how many alert changes it made.</summary>
    public async Task<int> EvaluateTimeBasedRulesAsync(CancellationToken cancellationToken)
    {
        List<Guid> customerIds;
        await using (var scope = scopes.CreateSystemScope(Purpose))
        {
            var db = scope.ServiceProvider.GetRequiredService<AlertsDbContext>();
            customerIds = await db.Customers.AsNoTracking()
                .Where(c => c.RegisteredAt != null || c.LastPurchaseOn != null)
                .Select(c => c.Id)
                .ToListAsync(cancellationToken);
        }

        var changes = 0;
        foreach (var batch in customerIds.Chunk(Math.Max(1, options.Value.SweepBatchSize)))
        {
            await using var scope = scopes.CreateSystemScope(Purpose);
            var db = scope.ServiceProvider.GetRequiredService<AlertsDbContext>();
            var engine = scope.ServiceProvider.GetRequiredService<AlertEngine>();
            foreach (var id in batch)
                changes += await EvaluateCustomerAsync(db, engine, id, cancellationToken);
        }
        LogSwept(logger, customerIds.Count, changes);
        return changes;
    }

    private async Task<int> EvaluateCustomerAsync(AlertsDbContext db, AlertEngine engine, Guid customerId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
                if (customer is null) return 0;
                var changes = await engine.EvaluateScheduledAsync(customer, cancellationToken);
                if (changes > 0) await db.SaveChangesAsync(cancellationToken);
                return changes;
            }
            catch (DbUpdateException e) when (attempt < 3)
            {
                // An event for this customer committed first (its version moved on, or it raised the same alert):
                // forget what this attempt decided and decide again on the facts as they are now.
                LogRetried(logger, e, customerId, attempt);
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException e)
            {
                LogGaveUp(logger, e, customerId);
                db.ChangeTracker.Clear();
                return 0;
            }
        }
    }

    /// <summary>Escalates every raised alert that waited longer than its rule's setting; refreshes the open-alerts gauge.</summary>
    public async Task<int> EscalateOverdueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateSystemScope(Purpose);
        var db = scope.ServiceProvider.GetRequiredService<AlertsDbContext>();
        var settings = scope.ServiceProvider.GetRequiredService<RuleSettingsReader>();
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
                LogConflict(logger, e, alert.Id);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer {CustomerId} kept changing during its evaluation; the next sweep decides it")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, Guid customerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert {AlertId} changed while it was being escalated; the next round looks again")]
    private static partial void LogConflict(ILogger logger, Exception exception, Guid alertId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Customer {CustomerId} changed during its evaluation (attempt {Attempt}); deciding again")]
    private static partial void LogRetried(ILogger logger, Exception exception, Guid customerId, int attempt);
}

/// <summary>Runs the sweep and the escalations on their intervals, on the injected clock.</summary>
public sealed partial class AlertScheduler(AlertSweep sweep, TimeProvider clock, IOptions<AlertsOptions> options, ILogger<AlertScheduler> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ScheduleEnabled) return Task.CompletedTask;
        return Task.WhenAll(
            RepeatAsync("escalation", options.Value.EscalationInterval, sweep.EscalateOverdueAsync, stoppingToken),
            RepeatAsync("sweep", options.Value.SweepInterval, sweep.EvaluateTimeBasedRulesAsync, stoppingToken));
    }

    private async Task RepeatAsync(string job, TimeSpan interval, Func<CancellationToken, Task<int>> work, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                await work(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e, job);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The alerts {Job} failed; it runs again at its next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);
}
