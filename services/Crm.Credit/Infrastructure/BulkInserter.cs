using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Crm.Credit.Infrastructure;

/// <summary>
/// Inserts new rows of one entity type on the context's connection and inside its current transaction, without change
/// tracking or read-back. Columns and every value's conversion come from the EF model's own type mappings (Guids as
/// SQLite text, decimals as millionths, instants as ticks, enums as their names), so the rows are what EF would have
/// written; a store-generated key (the outbox's sequence number) is left to the store, in insert order. On SQLite one
/// prepared single-row statement is bound and stepped per row (SQLite binds parameters by name with a linear search,
/// so wide multi-row statements cost more than they save); on SQL Server multi-row statements of up to 2,000
/// parameters save the round trips.
/// </summary>
public sealed class BulkInserter<T>(DbContext db) where T : class
{
    private readonly IProperty[] _columns = db.Model.FindEntityType(typeof(T))!.GetProperties()
        .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
        .ToArray();

    private readonly bool _sqlite = db.Database.IsSqlite();

    public async Task InsertAsync(IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");
        var entity = db.Model.FindEntityType(typeof(T))!;
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var perStatement = _sqlite ? 1 : Math.Max(1, Math.Min(100, 2000 / _columns.Length));
        await using var full = transaction.Connection!.CreateCommand();
        full.Transaction = transaction;
        full.CommandText = Statement(store, perStatement);
        for (var offset = 0; offset < rows.Count; offset += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - offset);
            if (count == perStatement)
            {
                Bind(full, rows, offset, count);
                await full.ExecuteNonQueryAsync(cancellationToken);
            }
            else
            {
                await using var rest = transaction.Connection!.CreateCommand();
                rest.Transaction = transaction;
                rest.CommandText = Statement(store, count);
                Bind(rest, rows, offset, count);
                await rest.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private void Bind(DbCommand command, IReadOnlyList<T> rows, int offset, int count)
    {
        command.Parameters.Clear();
        for (var row = 0; row < count; row++)
            for (var column = 0; column < _columns.Length; column++)
            {
                var property = _columns[column];
                var mapping = (RelationalTypeMapping)property.GetTypeMapping();
                command.Parameters.Add(mapping.CreateParameter(command, $"@p{row}_{column}", property.PropertyInfo!.GetValue(rows[offset + row]), property.IsNullable));
            }
    }

    private string Statement(StoreObjectIdentifier store, int rows)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(Quote(store.Name)).Append(" (")
            .AppendJoin(", ", _columns.Select(c => Quote(c.GetColumnName(store)!))).Append(") VALUES ");
        for (var row = 0; row < rows; row++)
        {
            if (row > 0) sql.Append(", ");
            sql.Append('(').AppendJoin(", ", Enumerable.Range(0, _columns.Length).Select(column => $"@p{row}_{column}")).Append(')');
        }
        return sql.ToString();
    }

    private string Quote(string name) => _sqlite ? $"\"{name}\"" : $"[{name}]";
}
