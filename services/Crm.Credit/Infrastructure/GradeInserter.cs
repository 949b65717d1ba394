using System.Data.Common;
using System.Text;
using Crm.Credit.Model.Grading;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Crm.Credit.Infrastructure;

/// <summary>
/// Inserts new <see cref="CustomerGrade"/> rows in multi-row statements (100 rows each) on the context's connection and
/// transaction, without change tracking or read-back. Columns, their order and every value's conversion come from
/// the EF model's own type mappings (Guids as SQLite text, decimals as millionths, instants as ticks, grades as
/// letters), so the rows are exactly what EF would have written, on SQLite and on SQL Server alike.
/// </summary>
public sealed class GradeInserter(CreditDbContext db)
{
    private const int RowsPerStatement = 100; // × 18 columns: below SQL Server's 2,100 parameters

    private readonly IProperty[] _columns = db.Model.FindEntityType(typeof(CustomerGrade))!.GetProperties().ToArray();
    private string? _fullStatement;

    public async Task InsertAsync(IReadOnlyList<CustomerGrade> grades, CancellationToken cancellationToken)
    {
        if (grades.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Grades are inserted inside the run's transaction.");
        var table = db.Model.FindEntityType(typeof(CustomerGrade))!;
        var store = StoreObjectIdentifier.Table(table.GetTableName()!, table.GetSchema());
        for (var offset = 0; offset < grades.Count; offset += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, grades.Count - offset);
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = count == RowsPerStatement
                ? _fullStatement ??= Statement(store, RowsPerStatement)
                : Statement(store, count);
            for (var row = 0; row < count; row++)
            {
                var grade = grades[offset + row];
                for (var column = 0; column < _columns.Length; column++)
                {
                    var property = _columns[column];
                    var mapping = (RelationalTypeMapping)property.GetTypeMapping();
                    command.Parameters.Add(mapping.CreateParameter(command, $"@p{row}_{column}", property.PropertyInfo!.GetValue(grade), property.IsNullable));
                }
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
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

    private string Quote(string name) => db.Database.IsSqlServer() ? $"[{name}]" : $"\"{name}\"";
}
