using Microsoft.Extensions.Options;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Whether events get out. Degraded, not unhealthy, while the broker is away: the service still takes every write,
/// which waits in the outbox, so a load balancer must not take it out of rotation. Degraded too while the quarantine
/// table holds rows: someone has to replay or discard them.
/// </summary>
public sealed class OutboxHealthCheck(OutboxMetrics outbox, IOptions<OutboxOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["backlog"] = outbox.Backlog, ["oldestAgeSeconds"] = Math.Round(outbox.OldestAge.TotalSeconds), ["quarantined"] = outbox.QuarantineRows,
        };
        if (outbox.FailingSince is { } since)
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                $"Publishing has failed since {since:O}; {outbox.Backlog} events wait in the outbox and go out when the broker answers.", data: data));
        if (outbox.OldestAge > options.Value.DegradedAfter)
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                $"The oldest event has waited {outbox.OldestAge:g} in the outbox.", data: data));
        if (outbox.QuarantineRows > 0)
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                $"{outbox.QuarantineRows} events are in the outbox quarantine; their customers' later events wait behind them (docs/operations.md, The outbox).", data: data));
        return Task.FromResult(HealthCheckResult.Healthy($"{outbox.Backlog} events waiting.", data));
    }
}
