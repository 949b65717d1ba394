using Crm.Contracts.Infrastructure;

namespace Crm.Contracts.Tests;

/// <summary>Both providers' migrations hold the model, and SQLite's apply to an empty file.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sql_server_migrations_match_the_model()
    {
        using var db = new SqlServerContractsDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "run dotnet ef migrations add for SqlServerContractsDbContext");
    }

    [Fact]
    public async Task Sqlite_migrations_match_the_model_and_apply_to_an_empty_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-contracts-migrations-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new SqliteContractsDesignTimeFactory().CreateDbContext([file]);
            Assert.False(db.Database.HasPendingModelChanges(), "run dotnet ef migrations add for SqliteContractsDbContext");
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
