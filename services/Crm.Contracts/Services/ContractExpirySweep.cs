using Crm.Messaging.Outbox;
using Crm.Messaging.Sweeps;
using Microsoft.Extensions.Options;

namespace Crm.Contracts.Services;

/// <summary>What one run of the expiry job did.</summary>
public sealed record SweepResult(int Contracts, int Activated, int Reminders, int AutoRenewed, int Expired);

/// <summary>
/// The expiry job (到期管理), on the branch calendar's "today": signed contracts whose effective date has come become
/// active; reminders (<c>crm.contract-expiring</c>) go out at the branch's reminder days, each once per term (what was
/// sent is recorded, so a restart sends nothing twice); past the expiry date a contract renews automatically (when
/// agreed, no notice given and no signed successor; <c>crm.contract-amended</c>, reason auto-renewal) or expires
/// (<c>crm.contract-expired</c>). Each contract is one unit of work; everything it does is idempotent.
/// </summary>
public sealed partial class ContractExpirySweep(
    IServiceScopeFactory scopes, BusinessCalendar calendar, TimeProvider clock, ContractsMetrics metrics, IOptions<ContractsOptions> options,
    ILogger<ContractExpirySweep> logger)
    : GroupSweep<ContractsDbContext>(scopes, "the contract expiry job (到期管理)", logger)
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = calendar.DateOf(now);
        var ids = await Sweep.InScopeAsync(async (db, _) =>
        {
            var longest = (await db.Settings.AsNoTracking().Select(s => s.ReminderDays).ToListAsync(cancellationToken))
                .SelectMany(d => d).Append(BranchSettings.DefaultReminderDays.Max()).Max();
            var horizon = today.AddDays(longest);
            return await db.Contracts.AsNoTracking()
                .Where(c => (c.State == ContractState.Signed || c.State == ContractState.Active)
                    && ((c.State == ContractState.Signed && c.EffectiveOn <= today) || c.ExpiresOn <= horizon))
                .Select(c => c.Id)
                .ToListAsync(cancellationToken);
        });

        var total = new SweepResult(ids.Count, 0, 0, 0, 0);
        await Sweep.ForEachBatchAsync(ids, options.Value.SweepBatchSize, async (db, services, batch) =>
        {
            var settings = services.GetRequiredService<SettingsReader>();
            foreach (var id in batch)
            {
                // Someone may change the contract meanwhile (an amendment, a termination, another replica's sweep): decide again.
                var done = await Sweep.DecideAsync(db, "Contract", id, () => ProcessAsync(db, settings, id, today, now, cancellationToken),
                    gaveUp: new SweepResult(1, 0, 0, 0, 0));
                total = total with
                {
                    Activated = total.Activated + done.Activated,
                    Reminders = total.Reminders + done.Reminders,
                    AutoRenewed = total.AutoRenewed + done.AutoRenewed,
                    Expired = total.Expired + done.Expired,
                };
            }
        });
        LogSwept(Logger, today, total.Contracts, total.Activated, total.Reminders, total.AutoRenewed, total.Expired);
        return total;
    }

    private async Task<SweepResult> ProcessAsync(
        ContractsDbContext db, SettingsReader settings, Guid id, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await DecideAsync(db, settings, id, today, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        if (result.Activated > 0) metrics.Transition("activated");
        for (var i = 0; i < result.AutoRenewed; i++) metrics.Transition("auto-renewed");
        if (result.Expired > 0) metrics.Transition("expired");
        return result;
    }

    private async Task<SweepResult> DecideAsync(
        ContractsDbContext db, SettingsReader settings, Guid id, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null || contract.State is not (ContractState.Signed or ContractState.Active)) return new SweepResult(1, 0, 0, 0, 0);
        var activated = contract.Activate(today, now) ? 1 : 0;
        var successorSigned = contract.RenewedByContractId is { } successor
            && await db.Contracts.AnyAsync(c => c.Id == successor && Contract.InForceStates.Contains(c.State), cancellationToken);

        var renewed = 0;
        var expired = 0;
        while (contract.State is ContractState.Signed or ContractState.Active && contract.ExpiresOn < today)
        {
            if (contract.RenewsAutomatically(successorSigned))
            {
                var version = contract.RenewAutomatically(now);
                db.ContractVersions.Add(version);
                db.AddIntegrationEvent(ContractIntegrationEvents.Amended(contract, version, now), clock);
                renewed++;
                contract.Activate(today, now);
            }
            else
            {
                contract.Expire(now);
                db.AddIntegrationEvent(ContractIntegrationEvents.Expired(contract, now), clock);
                expired++;
            }
        }

        var reminders = 0;
        if (contract.State is ContractState.Signed or ContractState.Active && !successorSigned)
        {
            var daysLeft = contract.ExpiresOn!.Value.DayNumber - today.DayNumber;
            var branchSettings = await settings.ForBranchAsync(contract.BranchId, cancellationToken);
            var due = branchSettings.ReminderDays.Where(d => daysLeft <= d).ToList();
            if (due.Count > 0)
            {
                var expiresOn = contract.ExpiresOn.Value;
                var sent = await db.ExpiryReminders.Where(r => r.ContractId == id && r.ExpiresOn == expiresOn).Select(r => r.Days).ToListAsync(cancellationToken);
                var unsent = due.Except(sent).ToList();
                if (unsent.Count > 0)
                {
                    // A job that missed a day sends only the nearest reminder; the ones it passed are recorded as superseded.
                    var nearest = due.Min();
                    if (unsent.Contains(nearest))
                    {
                        var owner = await db.Customers.IgnoreQueryFilters().Where(c => c.Id == contract.CustomerId).Select(c => c.OwnerId).FirstOrDefaultAsync(cancellationToken);
                        db.AddIntegrationEvent(ContractIntegrationEvents.Expiring(contract, nearest, owner ?? "", now), clock);
                        metrics.ReminderSent(nearest);
                        reminders++;
                    }
                    foreach (var days in unsent) db.ExpiryReminders.Add(new ExpiryReminder(contract, days, now));
                }
            }
        }
        return new SweepResult(1, activated, reminders, renewed, expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expiry job for {Today}: {Contracts} contracts looked at; {Activated} activated, {Reminders} reminders, {Renewed} auto-renewed, {Expired} expired")]
    private static partial void LogSwept(ILogger logger, DateOnly today, int contracts, int activated, int reminders, int renewed, int expired);
}

/// <summary>Runs the contract expiry job at start and then every interval, on the injected clock.</summary>
public sealed class ContractExpiryScheduler(ContractExpirySweep sweep, TimeProvider clock, IOptions<ContractsOptions> options, ILogger<ContractExpiryScheduler> logger)
    : RecurringJob(clock, logger, "The contract expiry job", options.Value.ScheduleEnabled, options.Value.SweepInterval, sweep.RunAsync);
