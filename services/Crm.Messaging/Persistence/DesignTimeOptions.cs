namespace Crm.Messaging.Persistence;

/// <summary>
/// Options for <c>dotnet ef</c> (design-time factories) and for model checks in tests: nothing is opened until used.
/// The SQLite factories take a file from their first argument (<c>dotnet ef database update -- my.db</c>).
/// </summary>
public static class DesignTimeOptions
{
    public static DbContextOptions<TContext> Sqlite<TContext>(string dataSource = "design-time.db") where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>().UseSqlite($"Data Source={dataSource}").Options;

    public static DbContextOptions<TContext> SqlServer<TContext>() where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>()
            .UseSqlServer("Server=localhost;Database=design-time;Integrated Security=true;TrustServerCertificate=true")
            .Options;
}
