using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Messaging.Persistence;

/// <summary>
/// Lets SQLite itself wait for the write lock (its busy handler sleeps a millisecond, then a few, up to 100) instead
/// of Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms per attempt. Consumers, the outbox dispatcher and requests
/// all write, and under load most of them meet a held lock: the difference is tens of milliseconds against
/// hundreds per event. No effect on SQL Server.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
