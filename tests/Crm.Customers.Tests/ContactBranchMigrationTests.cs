using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Crm.Customers.Tests;

/// <summary>Contacts on file before they carried a branch get their customer's branch from the migration.</summary>
public sealed class ContactBranchMigrationTests
{
    [Fact]
    public async Task The_migration_gives_every_existing_contact_its_customers_branch()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-contact-branch-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = new SqliteCustomersDesignTimeFactory().CreateDbContext([file]))
            {
                var migrations = db.Database.GetMigrations().ToList();
                var before = migrations[migrations.FindIndex(m => m.EndsWith("_ContactBranch", StringComparison.Ordinal)) - 1];
                await db.GetService<IMigrator>().MigrateAsync(before);
            }

            var (shanghai, beijing) = (Guid.NewGuid(), Guid.NewGuid());
            await using (var connection = new SqliteConnection($"Data Source={file};Pooling=false"))
            {
                await connection.OpenAsync();
                await InsertAsync(connection, "Customers", new() { ["Id"] = shanghai, ["BranchId"] = "sh", ["Code"] = "SH-MIG-1" });
                await InsertAsync(connection, "Customers", new() { ["Id"] = beijing, ["BranchId"] = "bj", ["Code"] = "BJ-MIG-1" });
                await InsertAsync(connection, "Contacts", new() { ["Id"] = Guid.NewGuid(), ["CustomerId"] = shanghai, ["Name"] = "甲" });
                await InsertAsync(connection, "Contacts", new() { ["Id"] = Guid.NewGuid(), ["CustomerId"] = beijing, ["Name"] = "乙" });
            }

            await using (var db = new SqliteCustomersDesignTimeFactory().CreateDbContext([file]))
            {
                await db.Database.MigrateAsync();
                var contacts = await db.Database.SqlQueryRaw<string>("SELECT Name || '=' || BranchId AS Value FROM Contacts ORDER BY BranchId").ToListAsync();
                Assert.Equal(["乙=bj", "甲=sh"], contacts);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    /// <summary>A row with the given values and a plain value for every other required column (whatever the schema holds then).</summary>
    internal static async Task InsertAsync(SqliteConnection connection, string table, Dictionary<string, object> values)
    {
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('{table}')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (name, type, required, hasDefault) = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 1, !reader.IsDBNull(3));
                if (!required || hasDefault || values.ContainsKey(name)) continue;
                values[name] = type.Contains("INT", StringComparison.OrdinalIgnoreCase) ? 0 : type.Contains("REAL", StringComparison.OrdinalIgnoreCase) ? 0.0 : "x";
            }
        }
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", values.Keys)}) VALUES ({string.Join(", ", values.Keys.Select(k => "$" + k))})";
        foreach (var (key, value) in values) insert.Parameters.AddWithValue("$" + key, value is Guid id ? id.ToString().ToUpperInvariant() : value);
        await insert.ExecuteNonQueryAsync();
    }
}
