using Crm.ServiceDefaults.Problems;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.Messaging.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's DbContext on the provider named by <c>Database:Provider</c> (<c>Sqlite</c>, the default,
    /// or <c>SqlServer</c>) with the connection string <c>ConnectionStrings:{connectionName}</c>, applies that
    /// provider's migrations at start, and adds the database to <c>/health</c>. Each provider has its own context
    /// subclass so that each keeps its own migrations. Every <see cref="IInterceptor"/> in the container (the outbox's
    /// among them) is attached to the context.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqliteContext, TSqlServerContext>(
        this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
        where TSqliteContext : TContext
        where TSqlServerContext : TContext
    {
        var provider = builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = builder.Configuration.GetConnectionString(connectionName);

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = PrepareSqliteFile(connectionString ?? $"Data Source=.data/{connectionName}.db");
                builder.Services.AddDbContext<TContext, TSqliteContext>((services, options) => options
                    .UseSqlite(connectionString)
                    .AddInterceptors(services.GetServices<IInterceptor>().Append(new SqliteBusyTimeout())));
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException($"Database:Provider is SqlServer but ConnectionStrings:{connectionName} is not set.");
                builder.Services.AddDbContext<TContext, TSqlServerContext>((services, options) => options
                    .UseSqlServer(connectionString)
                    .AddInterceptors(services.GetServices<IInterceptor>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}'; use Sqlite or SqlServer.");
        }

        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        builder.Services.AddSingleton<IProblemMapper, DatabaseProblemMapper>();
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database");
        return builder;
    }

    /// <summary>Makes a relative file absolute (against the working directory) and creates its folder.</summary>
    private static string PrepareSqliteFile(string connectionString)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (sqlite.DataSource is not (":memory:" or "") && sqlite.Mode is not SqliteOpenMode.Memory)
        {
            sqlite.DataSource = Path.GetFullPath(sqlite.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(sqlite.DataSource)!);
        }
        sqlite.Pooling = true;
        return sqlite.ToString();
    }
}
