using Crm.Messaging.Outbox;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Services;

/// <summary>
/// The daily field-work sweep: planned visits whose day passed without a visit become missed (未拜访) and meeting
/// follow-up actions past their due date undone become overdue; each is marked and its event staged in the outbox in
/// one transaction, so that it is published once, across restarts and replicas (a concurrent mark loses on the version).
/// Days are the branches' days (<see cref="BusinessCalendar"/>).
/// </summary>
public sealed partial class FieldWorkSweep(
    IServiceScopeFactory scopes, FieldWorkMetrics metrics, BusinessCalendar calendar, TimeProvider clock, ILogger<FieldWorkSweep> logger)
{
    public const int BatchSize = 200;

    /// <summary>Marks what is due; returns (visits missed, actions overdue).</summary>
    public async Task<(int Missed, int Overdue)> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = calendar.DateOf(now);
        var missed = await InBatchesAsync(() => MarkMissedAsync(today, now, cancellationToken));
        var overdue = await InBatchesAsync(() => MarkOverdueAsync(today, now, cancellationToken));
        if (missed + overdue > 0) LogSwept(logger, missed, overdue);
        return (missed, overdue);
    }

    /// <summary>Marks batch after batch until one is not full; returns how many were marked.</summary>
    private static async Task<int> InBatchesAsync(Func<Task<int>> markBatch)
    {
        var total = 0;
        while (true)
        {
            var marked = await markBatch();
            total += marked;
            if (marked < BatchSize) return total;
        }
    }

    /// <summary>Saves a batch; false when one of them changed meanwhile (the next run looks again at what is still due).</summary>
    private async Task<bool> TrySaveAsync(CustomersDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException e)
        {
            LogConflict(logger, e);
            return false;
        }
    }

    private async Task<int> MarkMissedAsync(DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        // The service itself, outside a request: every branch's plans, each published with its own branch.
        var plans = await db.VisitPlans.IgnoreQueryFilters()
            .Where(p => p.State == VisitPlanState.Planned && p.PlannedOn < today)
            .OrderBy(p => p.PlannedOn).ThenBy(p => p.Id).Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var plan in plans.Where(p => p.MarkMissed(today, now)))
            db.AddIntegrationEvent(FieldWorkIntegrationEvents.Missed(plan, now), clock);
        // A visit may close one of them meanwhile: the next run looks again at whatever is still planned.
        if (plans.Count == 0 || !await TrySaveAsync(db, cancellationToken)) return 0;
        foreach (var plan in plans) metrics.VisitMissed(ApiNames.Of(plan.Kind));
        return plans.Count;
    }

    private async Task<int> MarkOverdueAsync(DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var actions = await db.MeetingActions.IgnoreQueryFilters()
            .Where(a => a.CompletedOn == null && a.OverdueAt == null && a.DueOn < today)
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id).Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (actions.Count == 0) return 0;
        var meetingIds = actions.Select(a => a.MeetingId).Distinct().ToList();
        var meetings = await db.Meetings.IgnoreQueryFilters().AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        foreach (var action in actions.Where(a => a.MarkOverdue(today, now)))
            db.AddIntegrationEvent(FieldWorkIntegrationEvents.Overdue(meetings[action.MeetingId], action, now), clock);
        if (!await TrySaveAsync(db, cancellationToken)) return 0;
        foreach (var _ in actions) metrics.ActionOverdue();
        return actions.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Field-work sweep: {Missed} planned visits missed, {Overdue} meeting actions overdue")]
    private static partial void LogSwept(ILogger logger, int missed, int overdue);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A visit plan or meeting action changed while the sweep marked it; the next run looks again")]
    private static partial void LogConflict(ILogger logger, Exception exception);
}

/// <summary>Runs the field-work sweep at start and then every interval (hourly by default, so a day's misses go out early the next day).</summary>
public sealed class FieldWorkScheduler(FieldWorkSweep sweep, TimeProvider clock, IOptions<CustomersOptions> options, ILogger<FieldWorkScheduler> logger)
    : RecurringJob(clock, logger, "The field-work sweep", options.Value.FieldWorkSweepEnabled, options.Value.FieldWorkSweepInterval, sweep.RunAsync);
