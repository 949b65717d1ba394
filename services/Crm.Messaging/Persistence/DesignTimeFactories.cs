using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Messaging.Persistence;

/// <summary>
/// The design-time factory of a service's SQLite context (<c>dotnet ef … --context SqliteXxxDbContext</c>, and model
/// checks in tests): a service declares <c>public sealed class SqliteXxxDesignTimeFactory : SqliteDesignTimeFactory&lt;SqliteXxxDbContext&gt;;</c>
/// (<c>dotnet ef</c> finds only non-generic factories). The first argument names the file (<c>dotnet ef database update -- my.db</c>).
/// </summary>
public abstract class SqliteDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) =>
        DesignTimeContexts.Create(DesignTimeOptions.Sqlite<TContext>(args is [var file, ..] ? file : "design-time.db"));
}

/// <summary>The design-time factory of a service's SQL Server context; see <see cref="SqliteDesignTimeFactory{TContext}"/>.</summary>
public abstract class SqlServerDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) => DesignTimeContexts.Create(DesignTimeOptions.SqlServer<TContext>());
}

internal static class DesignTimeContexts
{
    /// <summary>
    /// Builds the context as DI would, with the design-time user (<see cref="CurrentUser.DesignTime"/>) and a fresh
    /// instance of any other dependency its constructor takes (the services' write gates, all parameterless).
    /// </summary>
    public static TContext Create<TContext>(DbContextOptions<TContext> options) where TContext : DbContext
    {
        var services = new DesignTimeServices();
        var context = ActivatorUtilities.CreateInstance<TContext>(services, options);
        // A pooled context takes only its options: it is told its caller instead.
        if (context is ServiceDbContext served) served.Serve(CurrentUser.DesignTime(), services);
        return context;
    }

    private sealed class DesignTimeServices : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(ICurrentUser) ? CurrentUser.DesignTime()
            : serviceType is { IsClass: true, IsAbstract: false } && serviceType.GetConstructor(Type.EmptyTypes) is not null
                ? Activator.CreateInstance(serviceType)
                : null;
    }
}
