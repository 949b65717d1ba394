using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Crm.Messaging.Persistence;

/// <summary>
/// The queue in front of one SQLite file's write lock, shared by every connection of the process to that file. A writer
/// waits here, asynchronously and in arrival order, and is woken the moment the previous writer commits, instead of
/// meeting <c>SQLITE_BUSY</c> and sleeping in SQLite's busy handler (1, 2, 5 … up to 100 ms a step, however soon the
/// lock is free). <c>PRAGMA busy_timeout</c> stays set for what the gate cannot see (another process, raw ADO.NET).
/// </summary>
public sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    private SqliteWriteGate(string file) => File = file;

    /// <summary>The database file this gate guards (its full path).</summary>
    public string File { get; }

    /// <summary>The one gate of a database file in this process; null for an in-memory database (no file to share).</summary>
    public static SqliteWriteGate? For(SqliteConnection connection)
    {
        var file = connection.DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:") return null;
        return Gates.GetOrAdd(Path.GetFullPath(file), path => new SqliteWriteGate(path));
    }

    internal async ValueTask EnterAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _semaphore.WaitAsync(timeout, cancellationToken)) throw Busy(timeout);
    }

    internal void Enter(TimeSpan timeout)
    {
        if (!_semaphore.Wait(timeout)) throw Busy(timeout);
    }

    internal void Exit() => _semaphore.Release();

    // What SQLite itself answers when its busy timeout runs out, so that callers handle one failure, not two.
    private SqliteException Busy(TimeSpan timeout) =>
        new($"database is locked: no turn at the write lock of {Path.GetFileName(File)} within {timeout.TotalSeconds:0.#} s", 5);
}

/// <summary>
/// Puts every EF write to a SQLite file through its <see cref="SqliteWriteGate"/>: a transaction takes the gate before
/// its <c>BEGIN IMMEDIATE</c> and gives it back at its commit or rollback; a write statement outside a transaction (a
/// single-row <c>SaveChanges</c>, <c>ExecuteDelete</c>, <c>ExecuteUpdate</c>, raw SQL) takes it for that statement only.
/// Reads take nothing (WAL: readers never wait). A connection that closes or is disposed gives back whatever it holds,
/// and a transaction disposed without commit or rollback (which EF reports to no interceptor) is noticed at the
/// connection's next command or close. Attached by <c>AddServiceDatabase</c> on SQLite only: SQL Server has row locks
/// and needs no gate.
/// </summary>
public sealed class SqliteWriteGateInterceptor(SqliteWriteGateMetrics? metrics = null, TimeSpan? timeout = null)
    : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    /// <summary>As long as SQLite's own busy timeout: a writer gives up after the same wait as before.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _timeout = timeout ?? DefaultTimeout;
    private readonly ConditionalWeakTable<DbConnection, Holding> _holdings = new();
    private readonly ConditionalWeakTable<DbTransaction, DbConnection> _connections = new();

    private enum Held { Nothing, Transaction, Statement }

    private sealed class Holding(SqliteWriteGate gate)
    {
        public SqliteWriteGate Gate { get; } = gate;
        public Held Held { get; set; }
    }

    // Transactions: the gate from before BEGIN to the end.

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default) =>
        TakeAsync(FreeHoldingOf(connection), Held.Transaction, result, cancellationToken);

    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) =>
        Take(FreeHoldingOf(connection), Held.Transaction, result);

    // A completed SqliteTransaction forgets its connection: remember it when the transaction starts.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        _connections.AddOrUpdate(result, connection);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        _connections.AddOrUpdate(result, connection);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(ConnectionOf(transaction));

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ReleasedAsync(ConnectionOf(transaction));

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(ConnectionOf(transaction));

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        ReleasedAsync(ConnectionOf(transaction));

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(ConnectionOf(transaction));

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        ReleasedAsync(ConnectionOf(transaction));

    // Statements: a write outside a transaction holds the gate while it runs.

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Take(Prepare(command), Held.Statement, result);

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        TakeAsync(Prepare(command), Held.Statement, result, cancellationToken);

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Take(Prepare(command), Held.Statement, result);

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        TakeAsync(Prepare(command), Held.Statement, result, cancellationToken);

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Take(Prepare(command), Held.Statement, result);

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        TakeAsync(Prepare(command), Held.Statement, result, cancellationToken);

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) =>
        StatementDone(command, result);

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(StatementDone(command, result));

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result) =>
        StatementDone(command, result);

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(StatementDone(command, result));

    // A reader's statement (INSERT … RETURNING) keeps the lock until the reader is closed.
    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result) =>
        StatementDone(command, result);

    public ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(StatementDone(command, result));

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result) =>
        StatementDone(command, result);

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ReleaseStatement(command.Connection);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default) =>
        StatementDoneAsync(command);

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => ReleaseStatement(command.Connection);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default) =>
        StatementDoneAsync(command);

    // Connections: whatever is still held goes back when the connection closes (SQLite rolls back an open transaction).

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        Released(connection, result);

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(Released(connection, result));

    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        Released(connection, result);

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(Released(connection, result));

    // Every interception point passes EF's result on unchanged: these take or give back the turn, then hand it on.

    private T Take<T>(Holding? holding, Held held, T result)
    {
        if (holding is not null)
        {
            var started = Stopwatch.GetTimestamp();
            holding.Gate.Enter(_timeout);
            metrics?.Waited(Stopwatch.GetElapsedTime(started));
            holding.Held = held;
        }
        return result;
    }

    private async ValueTask<T> TakeAsync<T>(Holding? holding, Held held, T result, CancellationToken cancellationToken)
    {
        if (holding is not null)
        {
            var started = Stopwatch.GetTimestamp();
            await holding.Gate.EnterAsync(_timeout, cancellationToken);
            metrics?.Waited(Stopwatch.GetElapsedTime(started));
            holding.Held = held;
        }
        return result;
    }

    private T StatementDone<T>(DbCommand command, T result)
    {
        ReleaseStatement(command.Connection);
        return result;
    }

    private Task StatementDoneAsync(DbCommand command)
    {
        ReleaseStatement(command.Connection);
        return Task.CompletedTask;
    }

    private T Released<T>(DbConnection? connection, T result)
    {
        Release(connection);
        return result;
    }

    private Task ReleasedAsync(DbConnection? connection)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    /// <summary>The holding to enter for this command, or null when it needs no turn (a read, or already inside one).</summary>
    private Holding? Prepare(DbCommand command)
    {
        if (command.Connection is not { } connection || HoldingOf(connection) is not { } holding) return null;
        if (command.Transaction is not null) return null; // inside a transaction: it took the gate at its start
        // No transaction on the command, yet the gate is held for one: that transaction ended without commit or
        // rollback (disposed), and SQLite rolled it back. Give the turn back.
        if (holding.Held == Held.Transaction) Release(connection);
        return holding.Held == Held.Nothing && Writes(command.CommandText) ? holding : null;
    }

    /// <summary>
    /// Whether a statement outside a transaction may write: anything but a plain read. <c>PRAGMA</c>s are settings of
    /// the connection (the busy timeout, WAL at start) and a <c>WITH</c> may end in either, so it counts as a write.
    /// </summary>
    internal static bool Writes(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        while (text.StartsWith("--"))
        {
            var end = text.IndexOf('\n');
            if (end < 0) return false;
            text = text[(end + 1)..].TrimStart();
        }
        return !(text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("EXPLAIN", StringComparison.OrdinalIgnoreCase));
    }

    private DbConnection? ConnectionOf(DbTransaction transaction) =>
        _connections.TryGetValue(transaction, out var connection) ? connection : transaction.Connection;

    private Holding? HoldingOf(DbConnection connection) =>
        connection is SqliteConnection sqlite
            ? _holdings.TryGetValue(connection, out var known) ? known : Create(sqlite)
            : null;

    private Holding? FreeHoldingOf(DbConnection connection) =>
        HoldingOf(connection) is { Held: Held.Nothing } holding ? holding : null;

    private Holding? Create(SqliteConnection connection)
    {
        if (SqliteWriteGate.For(connection) is not { } gate) return null;
        return _holdings.GetValue(connection, _ => new Holding(gate));
    }

    private void ReleaseStatement(DbConnection? connection)
    {
        if (connection is not null && _holdings.TryGetValue(connection, out var holding) && holding.Held == Held.Statement)
        {
            holding.Held = Held.Nothing;
            holding.Gate.Exit();
        }
    }

    /// <summary>
    /// Gives back whatever <paramref name="connection"/> holds, its unit of work being over with no transaction left on it
    /// (a pooled context going back to its pool keeps its connection open: no close tells the gate).
    /// </summary>
    internal void Ended(DbConnection connection) => Release(connection);

    private void Release(DbConnection? connection)
    {
        if (connection is not null && _holdings.TryGetValue(connection, out var holding) && holding.Held != Held.Nothing)
        {
            holding.Held = Held.Nothing;
            holding.Gate.Exit();
        }
    }
}

/// <summary>How long writers waited for their turn at the SQLite write gate (meter <c>Crm.Messaging</c>).</summary>
public sealed class SqliteWriteGateMetrics : MessagingMetrics
{
    private readonly Histogram<double> _wait;

    public SqliteWriteGateMetrics(IMeterFactory meters) : base(meters)
    {
        _wait = Meter.CreateHistogram<double>("crm.sqlite.write_gate.wait", "ms", "Time a writer waited for its turn at the SQLite write lock");
    }

    internal void Waited(TimeSpan wait) => _wait.Record(wait.TotalMilliseconds);
}
