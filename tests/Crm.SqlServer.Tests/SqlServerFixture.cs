using DotNet.Testcontainers.Builders;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace Crm.SqlServer.Tests;

/// <summary>
/// One SQL Server container for the suite, started with Testcontainers wherever Docker answers. Where it does not,
/// every test calls <see cref="Require"/> and is reported SKIPPED with <see cref="NotRunReason"/>: never a pass.
/// </summary>
public sealed class SqlServerFixture : IAsyncLifetime
{
    public const string NotRunReason = "Docker is not available here: SQL Server tests not run";

    private MsSqlContainer? _container;

    public bool Available => _container is not null;

    public async Task InitializeAsync()
    {
        MsSqlContainer container;
        try
        {
            // Testcontainers resolves the endpoint (DOCKER_HOST, the socket, a context) when the container is built,
            // and throws DockerUnavailableException when it finds none: that, and only that, means "not run here".
            container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
        }
        catch (DockerUnavailableException)
        {
            return;
        }
        await container.StartAsync();
        _container = container;
    }

    public async Task DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }

    /// <summary>Skips the calling test (a real skip, counted as such) when no SQL Server could be started.</summary>
    public void Require() => Skip.IfNot(Available, NotRunReason);

    /// <summary>A connection string to a database of the test's own (not yet created), so no test sees another's rows.</summary>
    public string NewDatabase()
    {
        Require();
        return new SqlConnectionStringBuilder(_container!.GetConnectionString()) { InitialCatalog = $"crm_test_{Guid.NewGuid():N}" }.ConnectionString;
    }
}

[CollectionDefinition(Name)]
public sealed class SqlServerCollection : ICollectionFixture<SqlServerFixture>
{
    public const string Name = "sql server";
}
