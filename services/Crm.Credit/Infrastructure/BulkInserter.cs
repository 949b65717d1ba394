using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Crm.Credit.Infrastructure;

/// <summary>
/// How <see cref="BulkInserter{T}"/> treats a row whose key is taken: it updates the stored row only when
/// <see cref="ChangedColumn"/> differs (so an unchanged row is skipped and not counted), copies the stored
/// <see cref="PreviousFrom"/> columns into their "previous" columns, and increments <see cref="VersionColumn"/>.
/// </summary>
public sealed record BulkUpsert(string[] KeyColumns, string ChangedColumn, IReadOnlyDictionary<string, string> PreviousFrom, string VersionColumn);

/// <summary>
/// Writes new rows of one entity type on the context's connection and inside its current transaction, without change
/// tracking or read-back, as plain inserts or as an upsert (<see cref="BulkUpsert"/>). Columns and every value's
/// conversion come from the EF model's own type mappings (Guids as SQLite text, decimals as millionths, instants as
/// ticks, enums as their names), so the rows are what EF would have written; a store-generated key (the outbox's
/// sequence number) is left to the store, in insert order. Both providers get multi-row statements: on SQLite one
/// statement of up to <see cref="SqliteRowsPerStatement"/> rows with positional parameters, prepared once per call and
/// bound by index through SQLite's own API (binding by name searches the names one by one, which a wide statement
/// cannot afford, and each execution through the ADO.NET command costs more than the row); on SQL Server statements of
/// up to 2,000 parameters (an upsert is a MERGE).
/// </summary>
public sealed class BulkInserter<T> where T : class
{
    private readonly DbContext _db;
    private readonly BulkUpsert? _upsert;
    private readonly IProperty[] _columns;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly IClrPropertyGetter[] _getters;
    private readonly string[] _names;
    private readonly string _table;
    private readonly bool _sqlite;

    /// <summary>Rows per SQLite statement: enough to pay the statement's step once per many rows, few enough to prepare fast.</summary>
    public const int SqliteRowsPerStatement = 50;

    public BulkInserter(DbContext db, BulkUpsert? upsert = null)
    {
        _db = db;
        _upsert = upsert;
        var entity = db.Model.FindEntityType(typeof(T))!;
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        _columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd)).ToArray();
        _mappings = _columns.Select(p => (RelationalTypeMapping)p.GetTypeMapping()).ToArray();
        _getters = _columns.Select(p => p.GetGetter()).ToArray();
        _names = _columns.Select(p => p.GetColumnName(store)!).ToArray();
        _table = store.Name;
        _sqlite = db.Database.IsSqlite();
    }

    /// <summary>Writes <paramref name="rows"/>; returns the rows the store reports written (an unchanged upserted row counts 0).</summary>
    public async Task<int> WriteAsync(IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return 0;
        var transaction = _db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes run inside the caller's transaction.");
        var written = 0;
        if (_sqlite) return WriteSqlite(rows, (SqliteConnection)transaction.Connection!, transaction);

        var perStatement = Math.Max(1, Math.Min(100, 2000 / _columns.Length));
        for (var offset = 0; offset < rows.Count; offset += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - offset);
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Statement(count);
            for (var row = 0; row < count; row++)
                for (var column = 0; column < _columns.Length; column++)
                    command.Parameters.Add(_mappings[column].CreateParameter(command, $"@p{row}_{column}", _getters[column].GetClrValueUsingContainingEntity(rows[offset + row]), _columns[column].IsNullable));
            written += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return written;
    }

    /// <summary>
    /// SQLite: statements of up to <see cref="SqliteRowsPerStatement"/> rows, bound by position. How each column binds is
    /// taken from the parameter EF's mapping makes for it (a Guid as upper-case text or as bytes, as the mapping says).
    /// </summary>
    private int WriteSqlite(IReadOnlyList<T> rows, SqliteConnection connection, DbTransaction transaction)
    {
        var binds = new SqliteBind[_columns.Length];
        using (var probe = connection.CreateCommand())
        {
            probe.Transaction = (SqliteTransaction)transaction;
            for (var column = 0; column < _columns.Length; column++)
            {
                var parameter = (SqliteParameter)_mappings[column].CreateParameter(
                    probe, "@p", _getters[column].GetClrValueUsingContainingEntity(rows[0]), _columns[column].IsNullable);
                binds[column] = parameter.SqliteType == SqliteType.Blob ? SqliteBind.GuidAsBlob : SqliteBind.Plain;
            }
        }
        var handle = connection.Handle!;
        var perStatement = Math.Max(1, Math.Min(SqliteRowsPerStatement, 32_000 / _columns.Length));
        sqlite3_stmt? full = null;
        var written = 0;
        try
        {
            for (var offset = 0; offset < rows.Count; offset += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - offset);
                var statement = count == perStatement ? full ??= Prepare(handle, Statement(count, positional: true)) : Prepare(handle, Statement(count, positional: true));
                try
                {
                    var index = 1;
                    for (var row = 0; row < count; row++)
                        for (var column = 0; column < _columns.Length; column++)
                            Bind(handle, statement, index++, Value(rows[offset + row], column), binds[column]);
                    var rc = raw.sqlite3_step(statement);
                    if (rc != raw.SQLITE_DONE) throw Error(handle, rc);
                    written += raw.sqlite3_changes(handle);
                    raw.sqlite3_reset(statement);
                }
                finally
                {
                    if (statement != full) statement.Dispose();
                }
            }
            return written;
        }
        finally
        {
            full?.Dispose();
        }
    }

    private enum SqliteBind { Plain, GuidAsBlob }

    private static sqlite3_stmt Prepare(sqlite3 handle, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(handle, sql, out var statement);
        if (rc != raw.SQLITE_OK) throw Error(handle, rc);
        return statement;
    }

    /// <summary>A provider value bound as Microsoft.Data.Sqlite binds it.</summary>
    private static void Bind(sqlite3 handle, sqlite3_stmt statement, int index, object? value, SqliteBind bind)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            string text => raw.sqlite3_bind_text(statement, index, text),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            short number => raw.sqlite3_bind_int64(statement, index, number),
            byte number => raw.sqlite3_bind_int64(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            double number => raw.sqlite3_bind_double(statement, index, number),
            float number => raw.sqlite3_bind_double(statement, index, number),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            Guid id when bind == SqliteBind.GuidAsBlob => raw.sqlite3_bind_blob(statement, index, id.ToByteArray()),
            Guid id => raw.sqlite3_bind_text(statement, index, id.ToString().ToUpperInvariant()),
            _ => throw new NotSupportedException($"A {value.GetType().Name} value has no SQLite binding here; give its property a value converter."),
        };
        if (rc != raw.SQLITE_OK) throw Error(handle, rc);
    }

    private static SqliteException Error(sqlite3 handle, int rc) =>
        new($"SQLite Error {rc}: '{raw.sqlite3_errmsg(handle).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(handle));

    /// <summary>The value as the store keeps it (the mapping's converter applied, as <c>CreateParameter</c> applies it), or null.</summary>
    private object? Value(T row, int column)
    {
        var value = _getters[column].GetClrValueUsingContainingEntity(row);
        return value is not null && _mappings[column].Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    private string Statement(int rows, bool positional = false)
    {
        var columns = string.Join(", ", _names.Select(Quote));
        var values = new StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            if (row > 0) values.Append(", ");
            values.Append('(').AppendJoin(", ", Enumerable.Range(0, _columns.Length).Select(column => positional ? "?" : $"@p{row}_{column}")).Append(')');
        }
        if (_upsert is not { } upsert) return $"INSERT INTO {Quote(_table)} ({columns}) VALUES {values}";

        var updated = _names.Where(n => !upsert.KeyColumns.Contains(n)).ToArray();
        if (_sqlite)
        {
            var set = updated.Select(n =>
                upsert.PreviousFrom.TryGetValue(n, out var from) ? $"{Quote(n)} = {Quote(_table)}.{Quote(from)}"
                : n == upsert.VersionColumn ? $"{Quote(n)} = {Quote(_table)}.{Quote(n)} + 1"
                : $"{Quote(n)} = excluded.{Quote(n)}");
            return $"INSERT INTO {Quote(_table)} ({columns}) VALUES {values} ON CONFLICT ({string.Join(", ", upsert.KeyColumns.Select(Quote))}) " +
                $"DO UPDATE SET {string.Join(", ", set)} WHERE {Quote(_table)}.{Quote(upsert.ChangedColumn)} <> excluded.{Quote(upsert.ChangedColumn)}";
        }
        var assignments = updated.Select(n =>
            upsert.PreviousFrom.TryGetValue(n, out var from) ? $"t.{Quote(n)} = t.{Quote(from)}"
            : n == upsert.VersionColumn ? $"t.{Quote(n)} = t.{Quote(n)} + 1"
            : $"t.{Quote(n)} = s.{Quote(n)}");
        return $"MERGE {Quote(_table)} WITH (HOLDLOCK) AS t USING (VALUES {values}) AS s ({columns}) " +
            $"ON {string.Join(" AND ", upsert.KeyColumns.Select(k => $"t.{Quote(k)} = s.{Quote(k)}"))} " +
            $"WHEN MATCHED AND t.{Quote(upsert.ChangedColumn)} <> s.{Quote(upsert.ChangedColumn)} THEN UPDATE SET {string.Join(", ", assignments)} " +
            $"WHEN NOT MATCHED THEN INSERT ({columns}) VALUES ({string.Join(", ", _names.Select(n => $"s.{Quote(n)}"))});";
    }

    private string Quote(string name) => _sqlite ? $"\"{name}\"" : $"[{name}]";
}
