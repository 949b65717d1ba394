using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Crm.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows once the bus is healthy, many at once (up to <see cref="OutboxOptions.MaxInFlight"/>
/// confirms pending) but at most one per customer: a customer's rows go out one after the other in sequence order, each
/// only after the broker confirmed the one before. Rows without a customer go out freely. The next batch is fetched
/// while confirms are pending; a batch's confirmed rows are deleted, in ranges of consecutive sequence numbers, once
/// every row of it is settled. A row that fails is retried in the next pass (with exponential backoff); after
/// <see cref="OutboxOptions.MaxAttempts"/> failures counted against it, it is moved to the quarantine table, and its
/// customer's later rows wait behind it until it is replayed or discarded (operations runbook), while every other
/// customer's events keep flowing. A failure counts against a row when the row cannot be read back into its event, or
/// when the broker confirmed other rows after it failed (so the broker is not the cause).
/// On SQL Server each batch's rows are locked with <c>UPDLOCK, ROWLOCK, READPAST</c> until the batch's deletes commit, so
/// replicas never send the same row; SQLite is one process's file, so there batches are read without a long transaction.
/// Delivery is at least once: a crash after a confirm and before the delete resends the row, and the inbox absorbs it.
/// </summary>
public sealed partial class OutboxDispatcher<TContext> : BackgroundService
    where TContext : DbContext, IMessagingDbContext
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IBusControl _bus;
    private readonly OutboxPublisher _publisher;
    private readonly OutboxSignal _signal;
    private readonly OutboxMetrics _metrics;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _backoff;
    private readonly Dictionary<long, int> _attempts = [];
    private string? _lockingSelect;
    private DateTimeOffset _lastBacklogRefresh;
    private bool _quarantineCounted; // once after start: rows quarantined before a restart hold customers too

    public OutboxDispatcher(
        IServiceScopeFactory scopes, IBusControl bus, OutboxPublisher publisher, OutboxSignal signal, OutboxMetrics metrics, IOptions<OutboxOptions> options,
        TimeProvider clock, ILogger<OutboxDispatcher<TContext>> logger)
    {
        _scopes = scopes;
        _bus = bus;
        _publisher = publisher;
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
                var fetched = await _backoff.ExecuteAsync(DispatchRoundAsync, stoppingToken);
                _metrics.RoundSucceeded();
                if (fetched == 0)
                    await _signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>
    /// One pass over the outbox: batch after batch, as long as the last fetch came back full, publishing with confirms
    /// pending and deleting what the broker confirmed. Returns the count of rows fetched (0: the outbox was empty).
    /// Throws when a row failed and was not quarantined, so that the next pass waits (backoff) before retrying it.
    /// </summary>
    public async ValueTask<int> DispatchRoundAsync(CancellationToken cancellationToken)
    {
        var first = await FetchBatchAsync(0, cancellationToken);
        await RefreshBacklogAsync(first, cancellationToken);
        if (first.Rows.Count == 0)
        {
            await first.DisposeAsync();
            return 0;
        }
        if (_bus.CheckHealth().Status == BusHealthStatus.Unhealthy)
        {
            await first.DisposeAsync();
            throw new BrokerUnavailableException($"The bus is unhealthy; {first.Rows.Count}+ outbox rows wait.");
        }
        OutboxPublisher.Link link;
        try
        {
            link = await _publisher.OpenAsync(cancellationToken);
        }
        catch
        {
            await first.DisposeAsync();
            throw;
        }

        var pass = new Pass(this, link, cancellationToken);
        var failures = await pass.RunAsync(first);
        if (failures.Count == 0) return pass.Fetched;

        var kept = 0;
        foreach (var failure in failures)
        {
            var charged = failure.Error is OutboxRowUnreadableException || pass.Confirmed > failure.ConfirmedBefore;
            var attempts = _attempts.GetValueOrDefault(failure.Row.SequenceNumber) + (charged ? 1 : 0);
            _attempts[failure.Row.SequenceNumber] = attempts;
            if (attempts >= _options.MaxAttempts && await QuarantineAsync(failure.Row, attempts, failure.Error))
                continue;
            kept++;
            LogRowFailed(_logger, failure.Error, failure.Row.SequenceNumber, failure.Row.MessageType, attempts, _options.MaxAttempts);
        }
        if (kept > 0)
        {
            var row = failures[0].Row;
            throw new OutboxPublishException(
                $"{kept} outbox row(s) failed, the first {row.SequenceNumber} ({row.MessageType}); {pass.Confirmed} others were confirmed.", failures[0].Error);
        }
        return pass.Fetched;
    }

    /// <summary>
    /// Moves the row to the quarantine table: deleted from the outbox and inserted there in one transaction, only if it
    /// is still in the outbox (another replica may have sent it meanwhile). Not cancellable, like the deletes.
    /// </summary>
    private async Task<bool> QuarantineAsync(OutboxMessage row, int attempts, Exception error)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var moved = await db.OutboxMessages.Where(m => m.SequenceNumber == row.SequenceNumber).ExecuteDeleteAsync(CancellationToken.None);
        if (moved == 1)
        {
            db.Set<QuarantinedOutboxMessage>().Add(QuarantinedOutboxMessage.From(row, attempts, error, _clock.GetUtcNow()));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
        _attempts.Remove(row.SequenceNumber);
        if (moved == 1)
        {
            _metrics.Quarantined(row);
            LogQuarantined(_logger, error, row.SequenceNumber, row.MessageType, row.MessageId, row.CustomerId, attempts);
        }
        return true;
    }

    /// <summary>
    /// Up to a batch of rows after <paramref name="after"/>, in sequence order, leaving out the rows of customers who have
    /// a row in quarantine (they wait behind it). On SQL Server the batch holds its rows locked in its own transaction.
    /// </summary>
    private async Task<Batch> FetchBatchAsync(long after, CancellationToken cancellationToken)
    {
        var scope = _scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var lockRows = db.Database.IsSqlServer();
            var transaction = lockRows ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            List<OutboxMessage> rows;
            if (!lockRows)
            {
                var quarantine = db.Set<QuarantinedOutboxMessage>();
                rows = await db.OutboxMessages.AsNoTracking()
                    .Where(m => m.SequenceNumber > after && (m.CustomerId == null || !quarantine.Any(q => q.CustomerId == m.CustomerId)))
                    .OrderBy(m => m.SequenceNumber)
                    .Take(_options.BatchSize)
                    .ToListAsync(cancellationToken);
            }
            else
            {
                _lockingSelect ??= LockingSelect(db);
                rows = await db.OutboxMessages.FromSqlRaw(_lockingSelect, _options.BatchSize, after).AsNoTracking().ToListAsync(cancellationToken);
            }
            return new Batch(scope, db, transaction, rows);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    // Rows another replica holds are skipped (READPAST), not waited for; the ones this batch takes stay locked
    // (UPDLOCK) until its transaction ends, after their deletion. {0}: the batch size, {1}: the last sequence fetched.
    internal static string LockingSelect(TContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var outbox = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var quarantine = db.Model.FindEntityType(typeof(QuarantinedOutboxMessage))!;
        var table = sql.DelimitIdentifier(outbox.GetTableName()!, outbox.GetSchema());
        var quarantineTable = sql.DelimitIdentifier(quarantine.GetTableName()!, quarantine.GetSchema());
        var sequence = sql.DelimitIdentifier(nameof(OutboxMessage.SequenceNumber));
        var customer = sql.DelimitIdentifier(nameof(OutboxMessage.CustomerId));
        return $"SELECT TOP ({{0}}) * FROM {table} AS o WITH (UPDLOCK, ROWLOCK, READPAST) WHERE o.{sequence} > {{1}} AND (o.{customer} IS NULL OR " +
               $"NOT EXISTS (SELECT 1 FROM {quarantineTable} AS q WHERE q.{customer} = o.{customer})) ORDER BY o.{sequence}";
    }

    /// <summary>
    /// Deletes the batch's confirmed rows: one <c>BETWEEN</c> per run of consecutive sequence numbers (every number in
    /// it confirmed, so no other row can be caught), the rest by key. Then commits the batch's transaction (SQL Server).
    /// </summary>
    private async Task FinishBatchAsync(Batch batch)
    {
        try
        {
            if (batch.Confirmed.Count > 0)
            {
                if (_options.TestSeamHaltAfterConfirm)
                {
                    await Console.Out.WriteLineAsync($"outbox-test-seam: confirmed {string.Join(',', batch.Confirmed.Order())}");
                    await Console.Out.FlushAsync();
                    await Task.Delay(Timeout.Infinite, batch.Stopping);
                }
                // Not cancellable: during shutdown, what the broker confirmed must still be deleted, or it is sent again.
                foreach (var (sql, parameters) in RangeDeletes(batch.Db, batch.Confirmed))
                    await batch.Db.Database.ExecuteSqlRawAsync(sql, parameters, CancellationToken.None);
            }
            if (batch.Transaction is not null)
                await batch.Transaction.CommitAsync(CancellationToken.None);
        }
        finally
        {
            await batch.DisposeAsync();
        }
    }

    internal static IEnumerable<(string Sql, object[] Parameters)> RangeDeletes(DbContext db, List<long> confirmed)
    {
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var helper = db.GetService<ISqlGenerationHelper>();
        var table = helper.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var sequence = helper.DelimitIdentifier(nameof(OutboxMessage.SequenceNumber));
        confirmed.Sort();
        var ranges = new List<(long From, long To)>();
        foreach (var number in confirmed)
        {
            if (ranges.Count > 0 && ranges[^1].To + 1 == number) ranges[^1] = (ranges[^1].From, number);
            else ranges.Add((number, number));
        }
        // At most 400 ranges a statement: well under SQL Server's 2,100 parameters.
        foreach (var chunk in ranges.Chunk(400))
        {
            var sql = new StringBuilder("DELETE FROM ").Append(table).Append(" WHERE ");
            var parameters = new List<object>(chunk.Length * 2);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (i > 0) sql.Append(" OR ");
                var (from, to) = chunk[i];
                if (from == to)
                {
                    sql.Append(sequence).Append(" = {").Append(parameters.Count).Append('}');
                    parameters.Add(from);
                }
                else
                {
                    sql.Append(sequence).Append(" BETWEEN {").Append(parameters.Count).Append("} AND {").Append(parameters.Count + 1).Append('}');
                    parameters.Add(from);
                    parameters.Add(to);
                }
            }
            yield return (sql.ToString(), parameters.ToArray());
        }
    }

    /// <summary>
    /// Publishes one row under a producer span that continues the row's trace, and completes on the broker's confirm.
    /// <paramref name="deadline"/> cancels when the publish has waited <see cref="OutboxOptions.PublishTimeout"/> (or the
    /// host stops: <paramref name="stopping"/>).
    /// </summary>
    private async Task PublishAsync(OutboxPublisher.Link link, OutboxMessage row, CancellationToken deadline, CancellationToken stopping)
    {
        ActivityContext.TryParse(row.TraceParent, row.TraceState, out var parent);
        using var activity = MessagingDiagnostics.ActivitySource.StartActivity(
            $"outbox publish {row.MessageType}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", row.MessageType);
        activity?.SetTag("messaging.message.id", row.MessageId.ToString());
        activity?.SetTag("crm.outbox.sequence", row.SequenceNumber);

        var integrationEvent = row.ToEvent(); // a row that cannot be read back is never sent
        try
        {
            await _publisher.PublishAsync(link, row, integrationEvent.GetType(), activity?.Id ?? row.TraceParent, deadline);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm outbox row {row.SequenceNumber} within {_options.PublishTimeout}.");
        }
        catch (JsonException e)
        {
            throw new OutboxRowUnreadableException($"Outbox row {row.SequenceNumber} is not JSON: {e.Message}", e);
        }
    }

    // At most once a second: a COUNT on every pass would be wasted work under load.
    private async Task RefreshBacklogAsync(Batch batch, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (batch.Rows.Count == 0 && _metrics.QuarantineRows == 0 && _quarantineCounted)
        {
            _metrics.SetBacklog(0, null);
            return;
        }
        if (now - _lastBacklogRefresh < TimeSpan.FromSeconds(1))
        {
            if (batch.Rows.Count == 0) _metrics.SetBacklog(_metrics.Backlog, null);
            return;
        }
        _lastBacklogRefresh = now;
        // With rows in quarantine, their customers' later rows wait in the outbox without being fetched: count them too.
        var count = batch.Rows.Count < _options.BatchSize && _metrics.QuarantineRows == 0 && _quarantineCounted
            ? batch.Rows.Count
            : await CountBacklogAsync(batch.Db, cancellationToken);
        _metrics.SetBacklog(count, batch.Rows.Count > 0 ? batch.Rows[0].CreatedAt : null);
        _metrics.SetQuarantined(await batch.Db.Set<QuarantinedOutboxMessage>().LongCountAsync(cancellationToken));
        _quarantineCounted = true;
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

    /// <summary>Rows fetched in one go, with the scope (and on SQL Server the transaction holding their locks) they were read in.</summary>
    private sealed class Batch(AsyncServiceScope scope, TContext db, IDbContextTransaction? transaction, List<OutboxMessage> rows) : IAsyncDisposable
    {
        public TContext Db { get; } = db;
        public IDbContextTransaction? Transaction { get; } = transaction;
        public List<OutboxMessage> Rows { get; } = rows;
        public List<long> Confirmed { get; } = [];
        public int Unsettled { get; set; } = rows.Count;
        public CancellationToken Stopping { get; set; }

        public async ValueTask DisposeAsync()
        {
            if (Transaction is not null) await Transaction.DisposeAsync();
            await scope.DisposeAsync();
        }
    }

    private sealed record Failure(OutboxMessage Row, Exception Error, long ConfirmedBefore);

    private sealed record Entry(OutboxMessage Row, Batch Batch);

    /// <summary>
    /// The state of one pass, driven by one loop that reacts to completions (fetches, publishes, batch deletes) posted
    /// to a channel: no locks, because only the loop touches it.
    /// </summary>
    private sealed class Pass(OutboxDispatcher<TContext> dispatcher, OutboxPublisher.Link link, CancellationToken cancellationToken)
    {
        // Publishes started within one slice share a deadline, PublishTimeout to PublishTimeout + slice after they
        // started: one timer per slice instead of one per publish.
        private const long DeadlineSliceMs = 100;
        private readonly Queue<(long Started, CancellationTokenSource Source)> _deadlines = new();
        private CancellationTokenSource? _deadline;
        private long _deadlineStarted;
        private readonly Channel<object> _completions = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Queue<Entry> _ready = new();
        private readonly Dictionary<Guid, Queue<Entry>> _behind = []; // a customer is here while one of its rows is in flight
        private readonly HashSet<Guid> _stalled = [];                 // customers whose row failed in this pass
        private readonly List<Failure> _failures = [];
        private readonly OutboxOptions _options = dispatcher._options;
        private long _cursor;
        private bool _more;
        private bool _fetching;
        private int _buffered;
        private int _inFlight;
        private int _finishing;
        private int _open;
        private Exception? _fault;

        public int Fetched { get; private set; }
        public long Confirmed { get; private set; }

        public async Task<List<Failure>> RunAsync(Batch first)
        {
            Accept(first);
            while (true)
            {
                var stopping = cancellationToken.IsCancellationRequested || _fault is not null;
                while (!stopping && _inFlight < _options.MaxInFlight && _ready.TryDequeue(out var entry))
                {
                    _buffered--;
                    _inFlight++;
                    _ = PublishAsync(entry);
                }
                if (!stopping && !_fetching && _more && _buffered < _options.BatchSize && _open < _options.MaxOpenBatches)
                {
                    _fetching = true;
                    _ = FetchAsync(_cursor);
                }
                if (!_fetching && _inFlight == 0 && _finishing == 0 && (stopping || (!_more && _buffered == 0)))
                    break;

                switch (await _completions.Reader.ReadAsync(CancellationToken.None))
                {
                    case Batch batch:
                        _fetching = false;
                        Accept(batch);
                        break;
                    case Published published:
                        _inFlight--;
                        OnPublished(published);
                        break;
                    case Finished finished:
                        _finishing--;
                        _open--;
                        if (finished.Error is not null) _fault ??= finished.Error;
                        break;
                    case Exception fetchFailed:
                        _fetching = false;
                        _fault ??= fetchFailed;
                        break;
                }
            }

            while (_deadlines.TryDequeue(out var deadline)) deadline.Source.Dispose(); // every publish has completed

            // Stopped early (shutdown, or a fetch or delete failed): rows still waiting are left for the next pass.
            foreach (var queue in _behind.Values)
                while (queue.TryDequeue(out var waiting)) Settle(waiting.Batch);
            while (_ready.TryDequeue(out var waiting)) Settle(waiting.Batch);
            while (_finishing > 0)
            {
                if (await _completions.Reader.ReadAsync(CancellationToken.None) is Finished finished)
                {
                    _finishing--;
                    if (finished.Error is not null) _fault ??= finished.Error;
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (_fault is not null) throw new OutboxPublishException($"An outbox pass stopped after {Confirmed} rows were confirmed.", _fault);
            return _failures;
        }

        private void Accept(Batch batch)
        {
            batch.Stopping = cancellationToken;
            _open++;
            Fetched += batch.Rows.Count;
            _more = batch.Rows.Count == _options.BatchSize;
            if (batch.Rows.Count > 0) _cursor = batch.Rows[^1].SequenceNumber;
            foreach (var row in batch.Rows)
            {
                var entry = new Entry(row, batch);
                if (row.CustomerId is not { } customer)
                {
                    _ready.Enqueue(entry);
                    _buffered++;
                }
                else if (_stalled.Contains(customer))
                    batch.Unsettled--; // stays in the outbox, behind its customer's failed row
                else if (_behind.TryGetValue(customer, out var queue))
                {
                    queue.Enqueue(entry);
                    _buffered++;
                }
                else
                {
                    _behind[customer] = new Queue<Entry>();
                    _ready.Enqueue(entry);
                    _buffered++;
                }
            }
            if (batch.Unsettled == 0) Finish(batch);
        }

        private void OnPublished(Published published)
        {
            var (entry, error) = (published.Entry, published.Error);
            var customer = entry.Row.CustomerId;
            if (error is null)
            {
                entry.Batch.Confirmed.Add(entry.Row.SequenceNumber);
                Confirmed++;
                dispatcher._metrics.Published(entry.Row, dispatcher._clock.GetUtcNow());
                dispatcher._attempts.Remove(entry.Row.SequenceNumber);
                if (customer is { } c)
                {
                    if (_behind[c].TryDequeue(out var next)) _ready.Enqueue(next);
                    else _behind.Remove(c);
                }
            }
            else
            {
                if (!cancellationToken.IsCancellationRequested) _failures.Add(new Failure(entry.Row, error, Confirmed));
                if (customer is { } c)
                {
                    // Its later rows must not overtake it: they stay in the outbox for the next pass.
                    _stalled.Add(c);
                    foreach (var waiting in _behind[c])
                    {
                        _buffered--;
                        Settle(waiting.Batch);
                    }
                    _behind.Remove(c);
                }
            }
            Settle(entry.Batch);
        }

        private void Settle(Batch batch)
        {
            if (--batch.Unsettled == 0) Finish(batch);
        }

        private void Finish(Batch batch)
        {
            _finishing++;
            _ = FinishAsync(batch);
        }

        private async Task FinishAsync(Batch batch)
        {
            Exception? error = null;
            try { await dispatcher.FinishBatchAsync(batch); }
            catch (Exception e) { error = e; }
            _completions.Writer.TryWrite(new Finished(error));
        }

        private async Task FetchAsync(long after)
        {
            try { _completions.Writer.TryWrite(await dispatcher.FetchBatchAsync(after, cancellationToken)); }
            catch (Exception e) { _completions.Writer.TryWrite(e); }
        }

        private CancellationToken Deadline()
        {
            var now = Environment.TickCount64;
            if (_deadline is null || now - _deadlineStarted >= DeadlineSliceMs)
            {
                // Those that fired long ago are done with: whatever used them has been cancelled.
                var expired = (long)_options.PublishTimeout.TotalMilliseconds + 2 * DeadlineSliceMs;
                while (_deadlines.TryPeek(out var oldest) && now - oldest.Started > expired)
                    _deadlines.Dequeue().Source.Dispose();
                _deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _deadline.CancelAfter(_options.PublishTimeout + TimeSpan.FromMilliseconds(DeadlineSliceMs));
                _deadlines.Enqueue((now, _deadline));
                _deadlineStarted = now;
            }
            return _deadline.Token;
        }

        private async Task PublishAsync(Entry entry)
        {
            Exception? error = null;
            try { await dispatcher.PublishAsync(link, entry.Row, Deadline(), cancellationToken); }
            catch (Exception e) { error = e; }
            _completions.Writer.TryWrite(new Published(entry, error));
        }

        private sealed record Published(Entry Entry, Exception? Error);

        private sealed record Finished(Exception? Error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox round failed (attempt {Attempt}); next try in {Delay}")]
    private static partial void LogRoundFailed(ILogger logger, Exception? exception, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {Sequence} ({MessageType}) failed; {Attempts} of {MaxAttempts} attempts counted against it")]
    private static partial void LogRowFailed(ILogger logger, Exception exception, long sequence, string messageType, int attempts, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {Sequence} ({MessageType}, event {MessageId}, customer {CustomerId}) moved to the quarantine table after {Attempts} failed attempts; the customer's later events wait behind it. Replay or discard it (docs/operations.md, The outbox)")]
    private static partial void LogQuarantined(ILogger logger, Exception exception, long sequence, string messageType, Guid messageId, Guid? customerId, int attempts);
}

public sealed class BrokerUnavailableException(string message) : Exception(message);

public sealed class OutboxPublishException(string message, Exception inner) : Exception(message, inner);
