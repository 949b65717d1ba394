using System.Security.Cryptography;

namespace Crm.Messaging.Persistence.Backups;

/// <summary>One SQLite database copied with SQLite's online backup API, and the facts a manifest records about it.</summary>
public static class SqliteBackup
{
    /// <summary>
    /// Copies the live database <paramref name="source"/> into a new file <paramref name="destination"/> while the
    /// service goes on writing. All pages are copied in one step (<c>sqlite3_backup_step(-1)</c>) under one read
    /// transaction, so the copy is the database as of one commit: with write-ahead logging writers are not blocked
    /// meanwhile, and nothing committed only to the <c>-wal</c> file is missed (which a file copy would).
    /// </summary>
    public static void Copy(string source, string destination)
    {
        if (!File.Exists(source))
            throw new FileNotFoundException($"The database {source} does not exist.", source);
        // ReadWrite, not ReadWriteCreate: a missing file must fail, never turn into an empty database.
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false,
        }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = destination, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false,
        }.ToString());
        from.Open();
        Execute(from, "PRAGMA busy_timeout = 30000;");
        to.Open();
        from.BackupDatabase(to);
        // The copy stands alone: one file, no write-ahead log beside it, so its checksum is the whole story.
        Execute(to, "PRAGMA journal_mode = DELETE;");
    }

    /// <summary>The id of the last EF Core migration applied to the database, or null when it has none.</summary>
    public static string? SchemaVersion(string database)
    {
        using var connection = OpenReadOnly(database);
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
        if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0) return null;
        using var last = connection.CreateCommand();
        last.CommandText = "SELECT MigrationId FROM \"__EFMigrationsHistory\" ORDER BY MigrationId DESC LIMIT 1";
        return last.ExecuteScalar() as string;
    }

    /// <summary><c>PRAGMA integrity_check</c>: "ok", or what SQLite found wrong.</summary>
    public static string IntegrityCheck(string database)
    {
        using var connection = OpenReadOnly(database);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(0));
        return string.Join("; ", lines);
    }

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static SqliteConnection OpenReadOnly(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
