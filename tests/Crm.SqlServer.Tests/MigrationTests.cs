using Crm.AfterSales.Infrastructure;
using Crm.Alerts.Infrastructure;
using Crm.Contracts.Infrastructure;
using Crm.Credit.Infrastructure;
using Crm.Customers.Infrastructure;

namespace Crm.SqlServer.Tests;

/// <summary>Every service's SQL Server migrations, applied for real to an empty database (not only compared as snapshots).</summary>
[Collection(SqlServerCollection.Name)]
public sealed class MigrationTests(SqlServerFixture sql)
{
    public static TheoryData<string> Services => ["customers", "contracts", "credit", "aftersales", "alerts"];

    [SkippableTheory]
    [MemberData(nameof(Services))]
    public async Task Sql_server_migrations_apply_to_an_empty_database_and_match_the_model(string service)
    {
        var database = sql.NewDatabase();
        await using var db = Create(service);
        db.Database.SetConnectionString(database);

        await db.Database.MigrateAsync();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), $"{service}: the model has changes that no SQL Server migration holds");
        // The outbox and inbox every service carries exist and answer.
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS [Value] FROM [OutboxMessages]").SingleAsync());
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS [Value] FROM [InboxMessages]").SingleAsync());
    }

    private static DbContext Create(string service) => service switch
    {
        "customers" => new SqlServerCustomersDesignTimeFactory().CreateDbContext([]),
        "contracts" => new SqlServerContractsDesignTimeFactory().CreateDbContext([]),
        "credit" => new SqlServerCreditDesignTimeFactory().CreateDbContext([]),
        "aftersales" => new SqlServerAfterSalesDesignTimeFactory().CreateDbContext([]),
        "alerts" => new SqlServerAlertsDesignTimeFactory().CreateDbContext([]),
        _ => throw new ArgumentException(service),
    };
}
