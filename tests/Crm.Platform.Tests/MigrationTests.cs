using Crm.AfterSales.Infrastructure;
using Crm.Alerts.Infrastructure;
using Crm.Contracts.Infrastructure;
using Crm.Credit.Infrastructure;
using Crm.Customers.Infrastructure;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Platform.Tests;

/// <summary>Each service keeps one set of migrations per provider; both must match the model, and SQLite's must apply.</summary>
public sealed class MigrationTests
{
    public static TheoryData<string> Services => ["customers", "contracts", "credit", "aftersales", "alerts"];

    [Theory]
    [MemberData(nameof(Services))]
    public void Sql_server_migrations_match_the_model(string service)
    {
        using var db = Create(service, sqlServer: true, args: []);
        Assert.True(db.Database.GetMigrations().Any(), $"{service} has no SQL Server migrations");
        Assert.False(db.Database.HasPendingModelChanges(), $"{service}: the model has changes that no SQL Server migration holds; run dotnet ef migrations add.");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Sqlite_migrations_match_the_model_and_apply_to_an_empty_file(string service)
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-migrations-{service}-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Create(service, sqlServer: false, args: []))
                Assert.False(db.Database.HasPendingModelChanges(), $"{service}: the model has changes that no SQLite migration holds; run dotnet ef migrations add.");

            await using var onFile = CreateOnFile(service, file);
            await onFile.Database.MigrateAsync();
            Assert.Empty(await onFile.Database.GetPendingMigrationsAsync());
            Assert.Equal(onFile.Database.GetMigrations(), await onFile.Database.GetAppliedMigrationsAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static DbContext Create(string service, bool sqlServer, string[] args) => (service, sqlServer) switch
    {
        ("customers", false) => new SqliteCustomersDesignTimeFactory().CreateDbContext(args),
        ("customers", true) => new SqlServerCustomersDesignTimeFactory().CreateDbContext(args),
        ("contracts", false) => new SqliteContractsDesignTimeFactory().CreateDbContext(args),
        ("contracts", true) => new SqlServerContractsDesignTimeFactory().CreateDbContext(args),
        ("credit", false) => new SqliteCreditDesignTimeFactory().CreateDbContext(args),
        ("credit", true) => new SqlServerCreditDesignTimeFactory().CreateDbContext(args),
        ("aftersales", false) => new SqliteAfterSalesDesignTimeFactory().CreateDbContext(args),
        ("aftersales", true) => new SqlServerAfterSalesDesignTimeFactory().CreateDbContext(args),
        ("alerts", false) => new SqliteAlertsDesignTimeFactory().CreateDbContext(args),
        ("alerts", true) => new SqlServerAlertsDesignTimeFactory().CreateDbContext(args),
        _ => throw new ArgumentException(service),
    };

    // The design-time factories take the file from their first argument, as 'dotnet ef ... -- <file>' would.
    private static DbContext CreateOnFile(string service, string file) => Create(service, sqlServer: false, args: [file]);
}
