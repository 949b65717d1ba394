using Crm.Messaging.Persistence.Backups;
using Crm.ServiceDefaults.Problems;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
    /// provider's migrations at start, and adds the database to <c>/health</c>. On SQLite, with <c>Backup:Directory</c>
    /// set, the service also backs up its own database on a schedule (see <see cref="BackupOptions"/>). Each provider has its own context
    /// subclass so that each keeps its own migrations. Every <see cref="IInterceptor"/> in the container (the outbox's
    /// among them) is attached to the context. The options are built once (a singleton, so interceptors must be
    /// singletons too), not again for every request's context, and the contexts are pooled (see
    /// <see cref="AddServiceDbContext{TContext, TImplementation}"/>).
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqliteContext, TSqlServerContext>(
        this IHostApplicationBuilder builder, string connectionName)
        where TContext : ServiceDbContext
        where TSqliteContext : TContext
        where TSqlServerContext : TContext
    {
        var provider = builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = builder.Configuration.GetConnectionString(connectionName);

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = PrepareSqliteFile(connectionString ?? $"Data Source=.data/{connectionName}.db");
                builder.Services.TryAddSingleton<SqliteWriteGateMetrics>();
                builder.Services.TryAddSingleton(services => new SqliteWriteGateInterceptor(services.GetRequiredService<SqliteWriteGateMetrics>()));
                // Writers queue on the file's write gate (docs/decisions/sqlite-write-gate.md); the busy timeout stays
                // for what the gate cannot see (another process on the file, raw ADO.NET).
                builder.Services.AddServiceDbContext<TContext, TSqliteContext>((services, options) => options
                    .UseSqlite(connectionString)
                    .AddInterceptors(services.GetServices<IInterceptor>()
                        .Append(services.GetRequiredService<SqliteWriteGateInterceptor>())
                        .Append(new SqliteBusyTimeout())));
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException($"Database:Provider is SqlServer but ConnectionStrings:{connectionName} is not set.");
                builder.Services.AddServiceDbContext<TContext, TSqlServerContext>((services, options) => options
                    .UseSqlServer(connectionString)
                    .AddInterceptors(services.GetServices<IInterceptor>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}'; use Sqlite or SqlServer.");
        }

        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        builder.Services.AddSingleton<IProblemMapper, DatabaseProblemMapper>();
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database");
        // After the migrator: hosted services start in order, and the first backup must see a migrated database.
        if (provider == DatabaseProvider.Sqlite) builder.AddScheduledBackups(ServiceName(connectionName), connectionString!);
        return builder;
    }

    /// <summary>
    /// Registers a service's context, resolved per DI scope as <typeparamref name="TContext"/>, with options built once
    /// (a singleton: interceptors must be singletons too), <b>pooled</b> (docs/decisions/pooled-contexts.md): each scope
    /// leases an instance from the pool, hands it its caller (<see cref="ServiceDbContext.Serve(IServiceProvider)"/>)
    /// and returns it, reset, when the scope ends, so that a request does not build a context and its internal services
    /// again. <typeparamref name="TImplementation"/> takes only its options (EF Core's pool says so at start otherwise).
    /// </summary>
    public static IServiceCollection AddServiceDbContext<TContext, TImplementation>(
        this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
        where TContext : ServiceDbContext
        where TImplementation : TContext
    {
        services.AddPooledDbContextFactory<TImplementation>(configure);
        services.AddScoped<TContext>(scope =>
        {
            var context = scope.GetRequiredService<IDbContextFactory<TImplementation>>().CreateDbContext();
            context.Serve(scope);
            return context; // the scope disposes it, which returns it to the pool
        });
        return services;
    }

    /// <summary>
    /// Scheduled backups of the service's SQLite file when <c>Backup:Directory</c> is set (off otherwise): the hosted
    /// service, the <c>Crm.Backup</c> meter, and a <c>backup</c> health check that turns Degraded when overdue.
    /// </summary>
    private static void AddScheduledBackups(this IHostApplicationBuilder builder, string service, string connectionString)
    {
        var options = builder.Configuration.GetSection(BackupOptions.Section).Get<BackupOptions>() ?? new BackupOptions();
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrWhiteSpace(options.Directory) || !Path.IsPathRooted(file)) return;
        if (options.Interval <= TimeSpan.Zero || options.Keep < 1 || options.RetryDelay <= TimeSpan.Zero)
            throw new InvalidOperationException("Backup:Interval and Backup:RetryDelay must be positive and Backup:Keep at least 1.");
        options.Directory = Path.GetFullPath(options.Directory);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new BackupSource(service, file));
        builder.Services.AddSingleton<BackupMetrics>();
        builder.Services.AddHostedService<ScheduledBackupService>();
        builder.Services.AddHealthChecks().AddCheck<BackupHealthCheck>("backup", HealthStatus.Degraded);
    }

    /// <summary><c>customersdb</c> → <c>customers</c>: the service's name in backup sets.</summary>
    private static string ServiceName(string connectionName) =>
        connectionName.EndsWith("db", StringComparison.Ordinal) && connectionName.Length > 2 ? connectionName[..^2] : connectionName;

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
