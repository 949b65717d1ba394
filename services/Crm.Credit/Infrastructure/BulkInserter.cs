using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

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
/// sequence number) is left to the store, in insert order. On SQLite one prepared single-row statement is bound and
/// stepped per row with its parameters made once (SQLite binds parameters by name with a linear search, so wide
/// multi-row statements cost more than they save); on SQL Server multi-row statements of up to 2,000 parameters save
/// the round trips (an upsert is a MERGE).
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
        if (_sqlite)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Statement(1);
            for (var column = 0; column < _columns.Length; column++)
                command.Parameters.Add(_mappings[column].CreateParameter(command, $"@p0_{column}", _getters[column].GetClrValueUsingContainingEntity(rows[0]), _columns[column].IsNullable));
            command.Prepare();
            for (var row = 0; row < rows.Count; row++)
            {
                if (row > 0)
                    for (var column = 0; column < _columns.Length; column++)
                        command.Parameters[column].Value = Value(rows[row], column) ?? DBNull.Value;
                written += await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return written;
        }

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

    /// <summary>The value as the store keeps it (the mapping's converter applied, as <c>CreateParameter</c> applies it), or null.</summary>
    private object? Value(T row, int column)
    {
        var value = _getters[column].GetClrValueUsingContainingEntity(row);
        return value is not null && _mappings[column].Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    private string Statement(int rows)
    {
        var columns = string.Join(", ", _names.Select(Quote));
        var values = new StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            if (row > 0) values.Append(", ");
            values.Append('(').AppendJoin(", ", Enumerable.Range(0, _columns.Length).Select(column => $"@p{row}_{column}")).Append(')');
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
