using Crm.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Crm.Messaging.Inbox;

/// <summary>The inbox's housekeeping, in the <c>Messaging</c> section.</summary>
public sealed class InboxPruningOptions
{
    /// <summary>
    /// How long a handled event's id is kept. A redelivery older than this would be handled again, so it must be far
    /// longer than any redelivery (retries take seconds; a message parked in <c>_error</c> is redelivered by hand
    /// within days, see docs/operations.md).
    /// </summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the pruning job runs (it also runs once at start).</summary>
    public TimeSpan InboxPruneInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Rows deleted per statement, so that no delete holds the database's write lock for long.</summary>
    public int InboxPruneBatchSize { get; set; } = 1000;

    public bool InboxPruningEnabled { get; set; } = true;
}

/// <summary>
/// Deletes the ids of events handled longer ago than <see cref="InboxPruningOptions.InboxRetention"/>, in batches, on
/// the injected clock; without it the inbox grows by one row per event handled, forever.
/// </summary>
public sealed partial class InboxPruning<TContext>(
    IServiceScopeFactory scopes, IOptions<InboxPruningOptions> options, InboxMetrics metrics, TimeProvider clock,
    ILogger<InboxPruning<TContext>> logger)
    : ScheduledJob(clock, logger)
    where TContext : DbContext, IMessagingDbContext
{
    private readonly TimeProvider _clock = clock;
    private readonly ILogger _logger = logger;

    protected override string JobName => "The inbox pruning job";

    protected override bool Enabled => options.Value.InboxPruningEnabled;

    protected override TimeSpan Interval => options.Value.InboxPruneInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var pruned = await PruneAsync(cancellationToken);
        if (pruned > 0) LogPruned(_logger, pruned, options.Value.InboxRetention);
    }

    /// <summary>Deletes every expired id, one batch per statement and transaction; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = _clock.GetUtcNow() - options.Value.InboxRetention;
        var batchSize = options.Value.InboxPruneBatchSize;
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var deleted = await db.InboxMessages
                .Where(m => m.ProcessedAt < cutoff)
                .OrderBy(m => m.ProcessedAt)
                .Take(batchSize)
                .ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            metrics.Pruned(deleted);
            if (deleted < batchSize) break;
        }
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} inbox rows older than {Retention}")]
    private static partial void LogPruned(ILogger logger, int count, TimeSpan retention);
}
