using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Backup;
using Microsoft.Data.Sqlite;

namespace Crm.Backup.Tests;

/// <summary>Reads a SQLite file directly (a backup, or a service's file), never through a service.</summary>
public static class Sqlite
{
    public static long Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>A small database with a migrations history, as a service's would have.</summary>
    public static void CreateServiceDatabase(string path, int rows)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE "__EFMigrationsHistory" (MigrationId TEXT PRIMARY KEY, ProductVersion TEXT NOT NULL);
            INSERT INTO "__EFMigrationsHistory" VALUES ('20261101000000_Initial', '10.0.15'), ('20261120000000_Second', '10.0.15');
            CREATE TABLE Rows (Id INTEGER PRIMARY KEY, Text TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
        command.CommandText = $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) INSERT INTO Rows SELECT i, printf('row %d', i) FROM n;";
        command.ExecuteNonQuery();
    }
}

/// <summary>The command behind ./build.sh backup|restore, run in-process, with what it printed.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);

public static class Cli
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BackupCommand.RunAsync(args, output, error, TimeProvider.System);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}

