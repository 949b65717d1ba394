using Crm.Messaging.Outbox;
using Crm.Messaging.Sweeps;
using Microsoft.Extensions.Options;

namespace Crm.AfterSales.Services;

/// <summary>
/// The service-level sweep: finds open complaints whose first-response or resolution deadline passed while the clock
/// ran, marks each deadline breached once, records the escalation to the branch's managers on the timeline and stages
/// <c>crm.complaint-sla-breached</c> in the same transaction, so that a deadline is published once, across restarts.
/// </summary>
public sealed partial class ServiceLevelSweep(
    IServiceScopeFactory scopes, AfterSalesTelemetry telemetry, TimeProvider clock, IOptions<AfterSalesOptions> options, ILogger<ServiceLevelSweep> logger)
    : GroupSweep<AfterSalesDbContext>(scopes, "the complaint service-level sweep", logger)
{
    /// <summary>Marks every missed deadline; returns how many deadlines were newly breached.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await CandidatesAsync(db => db.Complaints.AsNoTracking().IgnoreQueryFilters()
            .Where(c => c.State != ComplaintState.Closed && c.PausedSince == null
                && ((!c.FirstResponseBreached && c.FirstRespondedAt == null && c.FirstResponseDue <= now)
                    || (!c.ResolutionBreached && c.State != ComplaintState.Litigation && c.ResolveDue <= now)))
            .Select(c => c.Id), cancellationToken);

        var breaches = 0;
        foreach (var batch in due.Chunk(Math.Max(1, options.Value.SweepBatchSize)))
        {
            try
            {
                breaches += await MarkAsync(batch, now, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone acted on one of them meanwhile: decide each again on its fresh state, one by one.
                foreach (var id in batch)
                {
                    try { breaches += await MarkAsync([id], now, cancellationToken); }
                    catch (DbUpdateConcurrencyException e) { LogConflict(Logger, e, id); }
                }
            }
        }

        telemetry.SetOpen(await Sweep.InScopeAsync((db, _) =>
            db.Complaints.IgnoreQueryFilters().CountAsync(c => c.State != ComplaintState.Closed, cancellationToken)));
        if (breaches > 0) LogBreaches(Logger, breaches, due.Count);
        return breaches;
    }

    private Task<int> MarkAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken) =>
        Sweep.InScopeAsync((db, services) => MarkAsync(db, services.GetRequiredService<ICurrentUser>(), ids, now, cancellationToken));

    private async Task<int> MarkAsync(
        AfterSalesDbContext db, ICurrentUser system, IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var complaints = await db.Complaints.IgnoreQueryFilters().AsSplitQuery().Include(c => c.Timeline)
            .Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var marked = new List<string>();
        foreach (var complaint in complaints)
        {
            foreach (var (deadline, dueAt) in complaint.MarkBreaches(system, now))
            {
                marked.Add(deadline);
                db.AddIntegrationEvent(new ComplaintSlaBreached
                {
                    ComplaintId = complaint.Id,
                    Subject = complaint.Subject,
                    Deadline = deadline,
                    DueAt = dueAt,
                    State = ApiNames.Of(complaint.State),
                    Category = complaint.Category is { } category ? ApiNames.Of(category) : null,
                    Severity = ApiNames.Of(complaint.Severity),
                }.About(complaint.BranchId, complaint.CustomerId, now), clock);
            }
        }
        if (marked.Count == 0) return 0;
        await db.SaveChangesAsync(cancellationToken);
        foreach (var deadline in marked) telemetry.Breached(deadline);
        return marked.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Service-level sweep: {Breaches} deadlines missed among {Candidates} complaints")]
    private static partial void LogBreaches(ILogger logger, int breaches, int candidates);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Complaint {ComplaintId} changed while the sweep marked it; the next sweep looks again")]
    private static partial void LogConflict(ILogger logger, Exception exception, Guid complaintId);
}

/// <summary>Runs the service-level sweep at start and then every interval, on the injected clock.</summary>
public sealed class ServiceLevelScheduler(ServiceLevelSweep sweep, TimeProvider clock, IOptions<AfterSalesOptions> options, ILogger<ServiceLevelScheduler> logger)
    : RecurringJob(clock, logger, "The service-level sweep", options.Value.ScheduleEnabled, options.Value.SweepInterval, sweep.RunAsync);
