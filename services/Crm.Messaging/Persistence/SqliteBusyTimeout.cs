using System.Data.Common;
using SQLitePCL;

namespace Crm.Messaging.Persistence;

/// <summary>
/// What every SQLite connection of a service's DbContext gets, once per context rather than once per query:
/// <list type="bullet">
/// <item>SQLite itself waits for the write lock (its busy handler sleeps a millisecond, then a few, up to 100) instead
/// of Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms per attempt. Consumers, the outbox dispatcher and requests
/// all write, and under load most of them meet a held lock: the difference is tens of milliseconds against hundreds per
/// event. Set through the C API on the handle (no statement to prepare).</item>
/// <item>The connection stays open from the context's first query to its disposal (the end of the request or unit of
/// work). EF Core opens and closes the connection around every query; on SQLite each open takes the pool's lock and
/// registers EF's SQL functions on the handle again, which cost more than a query by key. An open SQLite connection
/// outside a transaction holds no lock, so keeping it open changes nothing for other connections.</item>
/// </list>
/// No effect on SQL Server.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 30_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite) SetBusyTimeout(sqlite);
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection sqlite) SetBusyTimeout(sqlite);
        return Task.CompletedTask;
    }

    // EF Core then counts the connection as opened by someone else, and leaves it open until the context is disposed,
    // which closes it (it owns it) and returns it to the pool.
    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        connection is SqliteConnection ? InterceptionResult.Suppress() : result;

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        new(ConnectionClosing(connection, eventData, result));

    private static void SetBusyTimeout(SqliteConnection connection)
    {
        var rc = raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
    }
}
