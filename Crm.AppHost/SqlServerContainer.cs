namespace Crm.AppHost;

/// <summary>
/// SQL Server as a container built with the core API: <c>Aspire.Hosting.SqlServer</c> is not in the build machines'
/// registry. Where nuget.org is reachable, <c>builder.AddSqlServer("sql").AddDatabase(...)</c> replaces all of this
/// (README, "containers mode").
/// </summary>
public sealed record SqlServerContainer(IResourceBuilder<ContainerResource> Container, IResourceBuilder<ParameterResource> Password)
{
    /// <summary>The connection string of one service's database; each service creates its database by migrating.</summary>
    public ReferenceExpression ConnectionStringFor(string database)
    {
        var endpoint = Container.GetEndpoint("tcp");
        return ReferenceExpression.Create(
            $"Server={endpoint.Property(EndpointProperty.Host)},{endpoint.Property(EndpointProperty.Port)};User ID=sa;Password={Password.Resource};Database={database};TrustServerCertificate=true;Encrypt=false");
    }
}

public static class SqlServerContainerExtensions
{
    public const string Image = "mcr.microsoft.com/mssql/server";
    public const string Tag = "2022-latest";

    public static SqlServerContainer AddSqlServerContainer(this IDistributedApplicationBuilder builder, string name)
    {
        // Generated once and kept in the AppHost's user secrets, so the data volume's login keeps working.
        var password = builder.AddParameter($"{name}password",
            new GenerateParameterDefault { MinLength = 16, MinLower = 1, MinUpper = 1, MinNumeric = 1, Special = false },
            secret: true, persist: true);

        var container = builder.AddContainer(name, Image, Tag)
            .WithEnvironment("ACCEPT_EULA", "Y")
            .WithEnvironment("MSSQL_SA_PASSWORD", password)
            .WithEndpoint(name: "tcp", targetPort: 1433, scheme: "tcp")
            .WithVolume("crm-sqlserver-data", "/var/opt/mssql")
            .WithLifetime(ContainerLifetime.Persistent);

        var sql = new SqlServerContainer(container, password);
        container.WithSqlServerReadiness(sql.ConnectionStringFor("master"));
        return sql;
    }
}
