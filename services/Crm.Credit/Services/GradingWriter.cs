using System.Globalization;
using Crm.Messaging.Outbox;
using Microsoft.Extensions.Options;

namespace Crm.Credit.Services;

/// <summary>Settings of grading runs (section <c>Grading</c>).</summary>
public sealed class GradingOptions
{
    public const string Section = "Grading";

    /// <summary>
    /// Customers written per transaction: on SQLite about 10–20 ms of write lock each, so a sale recorded meanwhile
    /// waits milliseconds. (With an in-process write gate, the run takes it per chunk and gives it back between chunks.)
    /// </summary>
    public int WriteChunk { get; set; } = 250;

    /// <summary>
    /// How many cores a run may use for its CPU-bound steps: the ledger read (on SQLite, ranges of customers on
    /// connections of their own) and the assessment. 1 runs everything on one thread.
    /// </summary>
    public int Parallelism { get; set; } = Math.Min(2, Environment.ProcessorCount);
}

/// <summary>A customer the run changes: its decision, made once, written as it is.</summary>
public sealed record PlannedGrade(GradedCustomer Customer, GradeDecision Decision);

/// <summary>
/// The write side of a grading run (客户等级评估): short transactions, one per chunk of changed customers. Everything
/// that costs CPU (the grade rows, the events' bodies, the requests) is built before the chunk's transaction begins, so
/// the write lock is held only for the statements: the grades as one upsert that skips a stored row with the same
/// fingerprint (a stored row of the period with another one becomes the previous grade), the events as plain outbox
/// inserts in customer order (no read-back of their sequence numbers), and the few limit requests through their
/// entities. Each chunk commits on its own, so a sale waits for one chunk at most, and a run cut short (a crash, a
/// failed chunk) leaves whole chunks: running it again finds those grades stored with the same fingerprint and writes
/// and publishes only the rest. The explanation is serialised once per grade: inside the event's body when the grade
/// is published (the grade row takes the same text from it), on its own otherwise.
/// </summary>
public sealed class GradingWriter(
    CreditDbContext db, TimeProvider clock, CreditTelemetry telemetry, IOptions<GradingOptions>? options = null, OutboxSignal? outboxSignal = null)
{
    private readonly int _chunk = Math.Max(1, options?.Value.WriteChunk ?? new GradingOptions().WriteChunk);

    private static readonly BulkUpsert GradeUpsert = new(
        ["CustomerId", "Period"], nameof(CustomerGrade.Fingerprint),
        new Dictionary<string, string> { [nameof(CustomerGrade.PreviousGrade)] = nameof(CustomerGrade.Grade), [nameof(CustomerGrade.PreviousScore)] = nameof(CustomerGrade.Score) },
        nameof(CustomerGrade.Version));

    /// <summary>Writes the plan; <paramref name="written"/> hears how many customers each committed chunk held. Returns the limit requests filed.</summary>
    public async Task<int> WriteAsync(
        IReadOnlyList<PlannedGrade> plan, GradingRunInputs inputs, RunContext run, Action<int> written, CancellationToken cancellationToken)
    {
        var modelName = GradingModelVersion.NameOf(run.ModelVersion);
        var grades = new BulkInserter<CustomerGrade>(db, GradeUpsert);
        var outbox = new BulkInserter<OutboxMessage>(db);
        var filed = 0;
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var synchronous = await ChunkCommitsUnsyncedAsync(cancellationToken);
        try
        {
            // The next chunk's rows are built on another thread while this one's are written: the lock is held only for
            // the statements, and the run's CPU work overlaps its writing.
            Task<Prepared> PrepareAt(int offset)
            {
                var chunk = plan.Skip(offset).Take(_chunk).ToList();
                return Task.Run(() => Prepare(chunk, inputs, run, modelName), cancellationToken);
            }
            var next = plan.Count > 0 ? PrepareAt(0) : null;
            for (var offset = 0; offset < plan.Count; offset += _chunk)
            {
                var (chunk, rows, events, requests) = await next!;
                next = offset + _chunk < plan.Count ? PrepareAt(offset + _chunk) : null;
                db.ChangeTracker.Clear();
                using (CreditTelemetry.ActivitySource.StartActivity("grading write chunk"))
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    if (await grades.WriteAsync(rows, cancellationToken) != rows.Count)
                        throw new ConflictException(
                            $"分公司 {run.BranchId} 的 {run.Period} 客户等级评估已被另一次运行写入，请重新运行。Another grading of branch {run.BranchId} for {run.Period} wrote the same grades while this run worked; run it again.",
                            "Grading run collided.");
                    await outbox.WriteAsync(events, cancellationToken);
                    if (requests.Count > 0) filed += await FileRequestsAsync(requests, cancellationToken);
                    using (CreditTelemetry.ActivitySource.StartActivity("grading write commit"))
                        await transaction.CommitAsync(cancellationToken);
                }
                foreach (var change in chunk)
                    if (change.Decision.Publishes) telemetry.GradeChanged(change.Decision.Result.Grade);
                if (events.Count > 0) outboxSignal?.Notify();
                written(chunk.Count);
                // Let a writer that waited for this chunk in before the next one begins.
                await Task.Yield();
            }
            // The run's record commits with the connection's own setting again: its sync makes every chunk before it durable.
            await RestoreSynchronousAsync(synchronous, cancellationToken);
            synchronous = null;
            await RecordRunAsync(run, cancellationToken);
            return filed;
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(
                $"Another grading of branch {run.BranchId} for {run.Period} was saved while this run worked; run it again.", "Grading run collided.");
        }
        finally
        {
            await RestoreSynchronousAsync(synchronous, CancellationToken.None);
            await db.Database.CloseConnectionAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }
    }

    /// <summary>
    /// On SQLite in WAL mode, the chunks commit with <c>synchronous = NORMAL</c> on the run's connection: a commit is
    /// written to the WAL but not flushed to the disk (an fsync per chunk was most of a chunk's time, and a sale waited
    /// for it). The database cannot be corrupted by this, and a crash of the process loses nothing; only an operating
    /// system crash or power loss can take back the latest chunks, which is what a run cut short already is: running it
    /// again writes them again. The first commit with the normal setting — the run's record at the end, any sale or
    /// outbox commit meanwhile — flushes the WAL, and with it every chunk before it. Returns the setting to restore, or
    /// null when nothing was changed (SQL Server, or a SQLite file not in WAL mode).
    /// </summary>
    private async Task<long?> ChunkCommitsUnsyncedAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return null;
        var connection = db.Database.GetDbConnection();
        if (!string.Equals(Convert.ToString(await ScalarAsync(connection, "PRAGMA journal_mode;", cancellationToken), CultureInfo.InvariantCulture), "wal", StringComparison.OrdinalIgnoreCase))
            return null;
        var current = Convert.ToInt64(await ScalarAsync(connection, "PRAGMA synchronous;", cancellationToken), CultureInfo.InvariantCulture);
        if (current <= 1) return null; // already NORMAL or OFF
        await ScalarAsync(connection, "PRAGMA synchronous = NORMAL;", cancellationToken);
        return current;
    }

    private async Task RestoreSynchronousAsync(long? setting, CancellationToken cancellationToken)
    {
        if (setting is not { } value) return;
        await ScalarAsync(db.Database.GetDbConnection(), $"PRAGMA synchronous = {value.ToString(CultureInfo.InvariantCulture)};", cancellationToken);
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>What the run is: branch, period, model, and who ran it when.</summary>
    public sealed record RunContext(string BranchId, YearMonth Period, int ModelVersion, int Graded, int Changed, DateTimeOffset RunAt, string RunBy, string RunByName);

    private sealed record Prepared(List<PlannedGrade> Chunk, List<CustomerGrade> Rows, List<OutboxMessage> Events, List<LimitRequest> Requests);

    /// <summary>Outside the lock: the grade rows, the events and the requests of a chunk.</summary>
    private Prepared Prepare(
        List<PlannedGrade> chunk, GradingRunInputs inputs, RunContext run, string modelName)
    {
        using var _ = CreditTelemetry.ActivitySource.StartActivity("grading write prepare");
        var rows = new List<CustomerGrade>(chunk.Count);
        var events = new List<OutboxMessage>(chunk.Count);
        var requests = new List<LimitRequest>();
        var now = clock.GetUtcNow();
        foreach (var (customer, decision) in chunk)
        {
            if (decision.WritesGrade)
            {
                string explanation;
                if (decision.Publishes)
                {
                    var message = OutboxMessage.For(decision.Event(customer.Id, run.BranchId, run.Period, modelName, run.RunAt), now);
                    events.Add(message);
                    explanation = ExplanationIn(message.Body) ?? CustomerGrade.ExplanationJson(decision.Result.Explanation);
                }
                else explanation = CustomerGrade.ExplanationJson(decision.Result.Explanation);
                rows.Add(CustomerGrade.Of(customer.Id, run.BranchId, run.Period, run.ModelVersion, decision, explanation, run.RunAt, run.RunBy));
            }
            if (decision.FilesRequest)
                requests.Add(LimitRequest.Open(customer.Id, run.BranchId, inputs.Limits.GetValueOrDefault(customer.Id), decision.Result.ProposedLimit,
                    decision.ProposalReason(run.Period, modelName), LimitRequestSource.Grading, run.Period, decision.Result.Grade,
                    run.RunBy, run.RunByName, run.RunAt));
        }
        return new Prepared(chunk, rows, events, requests);
    }

    /// <summary>Files the chunk's requests, re-reading inside the transaction: a request opened since the gather keeps this run from filing another.</summary>
    private async Task<int> FileRequestsAsync(List<LimitRequest> requests, CancellationToken cancellationToken)
    {
        var customers = requests.Select(r => r.CustomerId).ToList();
        var openNow = (await db.LimitRequests.AsNoTracking()
            .Where(r => r.State == LimitRequestState.Pending && customers.Contains(r.CustomerId))
            .Select(r => r.CustomerId)
            .ToListAsync(cancellationToken)).ToHashSet();
        var filed = 0;
        foreach (var request in requests)
        {
            if (openNow.Contains(request.CustomerId)) continue;
            db.LimitRequests.Add(request);
            telemetry.LimitRequestOpened(LimitRequestSource.Grading);
            filed++;
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        return filed;
    }

    private async Task RecordRunAsync(RunContext run, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var periodText = run.Period.ToString();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = await db.GradingRuns.FirstOrDefaultAsync(r => r.BranchId == run.BranchId && r.Period == periodText, cancellationToken);
        if (record is null) db.GradingRuns.Add(record = GradingRun.Start(run.BranchId, run.Period));
        record.Record(run.ModelVersion, run.Graded, run.Changed, run.RunAt, run.RunBy);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The explanation array as the event's body carries it (<c>"explanation":[…]</c>), the very text the grade row
    /// stores, so it is serialised once; null if the body has no such property.
    /// </summary>
    internal static string? ExplanationIn(string body)
    {
        const string Property = "\"explanation\":";
        var start = body.IndexOf(Property, StringComparison.Ordinal);
        if (start < 0) return null;
        start += Property.Length;
        if (start >= body.Length || body[start] != '[') return null;
        var depth = 0;
        var inString = false;
        for (var i = start; i < body.Length; i++)
        {
            var c = body[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (c is '[' or '{') depth++;
            else if ((c is ']' or '}') && --depth == 0) return body[start..(i + 1)];
        }
        return null;
    }
}
