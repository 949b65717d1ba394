using System.Diagnostics;
using Crm.Messaging.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows in sequence order once the bus is healthy, waiting for each broker confirm
/// (with a timeout) and deleting a row only after its confirm. A failed round stops at the failed row, keeps it and
/// every later one, and backs off exponentially. On SQL Server the round's rows are locked with
/// <c>UPDLOCK, ROWLOCK, READPAST</c> for the duration of the round, so replicas never send the same row; SQLite is
/// one process's file, so there the round reads without a long transaction and does not block writers.
/// Delivery is at least once: a crash after a confirm and before the delete resends the row, and the inbox absorbs it.
/// </summary>
public sealed partial class OutboxDispatcher<TContext> : BackgroundService
    where TContext : DbContext, IMessagingDbContext
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IBusControl _bus;
    private readonly OutboxSignal _signal;
    private readonly OutboxMetrics _metrics;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _backoff;
    private string? _lockingSelect;
    private DateTimeOffset _lastBacklogRefresh;

    public OutboxDispatcher(
        IServiceScopeFactory scopes, IBusControl bus, OutboxSignal signal, OutboxMetrics metrics, IOptions<OutboxOptions> options,
        TimeProvider clock, ILogger<OutboxDispatcher<TContext>> logger)
    {
        _scopes = scopes;
        _bus = bus;
        _signal = signal;
        _metrics = metrics;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _backoff = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.FirstRetryDelay,
                MaxDelay = _options.MaxRetryDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    _metrics.RoundFailed();
                    LogRoundFailed(_logger, args.Outcome.Exception, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.DispatcherEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await _backoff.ExecuteAsync(DispatchRoundAsync, stoppingToken);
                _metrics.RoundSucceeded();
                if (published < _options.BatchSize)
                    await _signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>One round: fetch up to a batch, publish in order, delete what the broker confirmed. Returns the count published.</summary>
    public async ValueTask<int> DispatchRoundAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var lockRows = db.Database.IsSqlServer();
        await using var transaction = lockRows ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

        var batch = await FetchBatchAsync(db, lockRows, cancellationToken);
        await RefreshBacklogAsync(db, batch, cancellationToken);
        if (batch.Count == 0) return 0;

        if (_bus.CheckHealth().Status == BusHealthStatus.Unhealthy)
            throw new BrokerUnavailableException($"The bus is unhealthy; {batch.Count}+ outbox rows wait.");

        var confirmed = new List<long>(batch.Count);
        Exception? failure = null;
        foreach (var row in batch)
        {
            try
            {
                await PublishAsync(row, cancellationToken);
                confirmed.Add(row.SequenceNumber);
                _metrics.Published(row, _clock.GetUtcNow());
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure = e;
                break; // later rows must not overtake this one
            }
        }

        if (_options.TestSeamHaltAfterConfirm && confirmed.Count > 0)
        {
            await Console.Out.WriteLineAsync($"outbox-test-seam: confirmed {string.Join(',', confirmed)}");
            await Console.Out.FlushAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        // Not cancellable: during shutdown, what the broker confirmed must still be deleted, or it is sent again.
        if (confirmed.Count > 0)
            await db.OutboxMessages.Where(m => confirmed.Contains(m.SequenceNumber)).ExecuteDeleteAsync(CancellationToken.None);
        if (transaction is not null)
            await transaction.CommitAsync(CancellationToken.None);

        if (failure is not null)
            throw new OutboxPublishException($"Publishing outbox row {batch[confirmed.Count].SequenceNumber} failed after {confirmed.Count} confirmed.", failure);
        return confirmed.Count;
    }

    private async Task<List<OutboxMessage>> FetchBatchAsync(TContext db, bool lockRows, CancellationToken cancellationToken)
    {
        if (!lockRows)
        {
            return await db.OutboxMessages.AsNoTracking()
                .OrderBy(m => m.SequenceNumber)
                .Take(_options.BatchSize)
                .ToListAsync(cancellationToken);
        }

        _lockingSelect ??= LockingSelect(db);
        return await db.OutboxMessages
            .FromSqlRaw(_lockingSelect, _options.BatchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
    }

    // Rows another replica holds are skipped (READPAST), not waited for; the ones this round takes stay locked
    // (UPDLOCK) until its transaction ends, after their deletion.
    internal static string LockingSelect(TContext db)
    {
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var sequence = sql.DelimitIdentifier(nameof(OutboxMessage.SequenceNumber));
        return "SELECT TOP ({0}) * FROM " + table + " WITH (UPDLOCK, ROWLOCK, READPAST) ORDER BY " + sequence;
    }

    private async Task PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(row.TraceParent, row.TraceState, out var parent);
        using var activity = MessagingDiagnostics.ActivitySource.StartActivity(
            $"outbox publish {row.MessageType}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", row.MessageType);
        activity?.SetTag("messaging.message.id", row.MessageId.ToString());
        activity?.SetTag("crm.outbox.sequence", row.SequenceNumber);

        var integrationEvent = row.ToEvent();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        try
        {
            await _bus.Publish(integrationEvent, integrationEvent.GetType(), Pipe.Execute<PublishContext>(context =>
            {
                context.MessageId = row.MessageId;
                context.Durable = true;
            }), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm outbox row {row.SequenceNumber} within {_options.PublishTimeout}.");
        }
    }

    // At most once a second: a COUNT on every round would be wasted work under load.
    private async Task RefreshBacklogAsync(TContext db, List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (batch.Count == 0)
        {
            _metrics.SetBacklog(0, null);
            return;
        }
        if (now - _lastBacklogRefresh < TimeSpan.FromSeconds(1)) return;
        _lastBacklogRefresh = now;
        var count = batch.Count < _options.BatchSize ? batch.Count : await CountBacklogAsync(db, cancellationToken);
        _metrics.SetBacklog(count, batch[0].CreatedAt);
    }

    /// <summary>
    /// The backlog for the gauge and the health check. On SQL Server a <c>COUNT(*)</c> under READ COMMITTED waits
    /// behind every uncommitted insert (a big import holding thousands of outbox rows, or a lock escalated to the
    /// table), which would stall the dispatcher's round and the health answer with it. READPAST would not help once
    /// the inserter's locks escalate to the table, so SQL Server reads the row count the storage engine keeps in
    /// <c>sys.partitions</c>: metadata, never blocked by row or table locks, approximate (it includes rows not yet
    /// committed), which is all a gauge needs. SQLite has one writer and readers that never wait, so it counts exactly.
    /// </summary>
    public static async Task<long> CountBacklogAsync(TContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlServer())
            return await db.OutboxMessages.LongCountAsync(cancellationToken);
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var table = db.GetService<ISqlGenerationHelper>().DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        return await db.Database
            .SqlQueryRaw<long>("SELECT COALESCE(SUM(CAST([rows] AS bigint)), 0) AS [Value] FROM sys.partitions WHERE [object_id] = OBJECT_ID({0}) AND [index_id] IN (0, 1)", table)
            .SingleAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox round failed (attempt {Attempt}); next try in {Delay}")]
    private static partial void LogRoundFailed(ILogger logger, Exception? exception, int attempt, TimeSpan delay);
}

public sealed class BrokerUnavailableException(string message) : Exception(message);

public sealed class OutboxPublishException(string message, Exception inner) : Exception(message, inner);
