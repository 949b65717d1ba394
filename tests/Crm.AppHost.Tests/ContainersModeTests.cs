using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Crm.AppHost;

namespace Crm.AppHost.Tests;

// GetEnvironmentVariableValuesAsync is marked obsolete in favour of ExecutionConfigurationBuilder, which resolves values
// for a run; in publish mode it evaluates the model's expressions without starting anything, which is what this needs.
#pragma warning disable CS0618

/// <summary>
/// The containers mode's application model, built but not run (it needs Docker or Podman, which the build machines
/// lack): what would start, with which configuration and in which order.
/// </summary>
public sealed class ContainersModeTests
{
    [Fact]
    public async Task Containers_mode_runs_sql_server_and_rabbitmq_in_containers_with_a_database_and_two_replicas_per_service()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Crm_AppHost>(
            ["--Crm:Mode=containers", "--Parameters:sqlpassword=Only-a-test-1"]);
        var resources = builder.Resources.ToDictionary(r => r.Name);

        var sql = Assert.IsType<ContainerResource>(resources["sql"], exactMatch: false);
        Assert.True(sql.TryGetLastAnnotation<ContainerImageAnnotation>(out var image));
        Assert.Equal(SqlServerContainerExtensions.Image, image.Image);
        Assert.Contains(sql.Annotations.OfType<HealthCheckAnnotation>(), h => h.Key == "sql-ready");
        var sqlEnvironment = await sql.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
        Assert.Equal("Y", sqlEnvironment["ACCEPT_EULA"]);

        var messaging = Assert.IsType<RabbitMQServerResource>(resources["messaging"]);
        Assert.Contains(messaging.Annotations.OfType<ContainerMountAnnotation>(), m => m.Target == "/var/lib/rabbitmq");

        var gatewayWaits = Waits(resources["gateway"]);
        foreach (var name in CrmSettings.ServiceNames)
        {
            var service = Assert.IsType<ProjectResource>(resources[name]);
            Assert.True(service.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas));
            Assert.Equal(2, replicas.Replicas);
            Assert.Contains("sql", Waits(service));
            Assert.Contains("messaging", Waits(service));
            Assert.Contains(name, gatewayWaits);

            var environment = await service.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
            Assert.Equal("SqlServer", environment["Database__Provider"]);
            Assert.Contains($"Database={name}db", environment[$"ConnectionStrings__{name}db"]);
            Assert.Contains("messaging", environment["ConnectionStrings__messaging"]);
        }
    }

    [Fact]
    public async Task Local_mode_runs_this_machines_rabbitmq_and_a_sqlite_file_per_service()
    {
        var data = Directory.CreateTempSubdirectory("crm-model-").FullName;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Crm_AppHost>([$"--Crm:DataDirectory={data}"]);
        var resources = builder.Resources.ToDictionary(r => r.Name);

        Assert.IsType<LocalRabbitMQResource>(resources["messaging"]);
        Assert.DoesNotContain("sql", resources.Keys);
        foreach (var name in CrmSettings.ServiceNames)
        {
            var environment = await ((ProjectResource)resources[name]).GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
            Assert.Equal($"Data Source={Path.Combine(data, name + ".db")}", environment[$"ConnectionStrings__{name}db"]);
            Assert.False(environment.ContainsKey("Database__Provider"));
            Assert.Contains("messaging", Waits(resources[name]));
        }
        Directory.Delete(data, recursive: true);
    }

    private static HashSet<string> Waits(IResource resource) => resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).ToHashSet();
}
