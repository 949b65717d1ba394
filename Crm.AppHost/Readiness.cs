using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Crm.AppHost;

/// <summary>
/// Readiness checks the AppHost runs against what it starts or takes, so that the services it starts after them
/// (<c>WaitFor</c>) find them accepting connections, not merely running.
/// </summary>
internal static class Readiness
{
    /// <summary>Ready when an AMQP connection opens with the resource's connection string.</summary>
    public static IResourceBuilder<T> WithAmqpReadiness<T>(this IResourceBuilder<T> broker) where T : IResourceWithConnectionString
    {
        var name = $"{broker.Resource.Name}-amqp";
        broker.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(name, async cancellationToken =>
        {
            var uri = await broker.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
            try
            {
                var factory = new ConnectionFactory { Uri = new Uri(uri!), RequestedConnectionTimeout = TimeSpan.FromSeconds(2) };
                await using var connection = await factory.CreateConnectionAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"RabbitMQ does not accept AMQP connections yet: {e.GetType().Name}");
            }
        });
        return broker.WithHealthCheck(name);
    }

    /// <summary>Ready when SQL Server answers <c>SELECT 1</c> on <c>master</c>.</summary>
    public static IResourceBuilder<ContainerResource> WithSqlServerReadiness(this IResourceBuilder<ContainerResource> sql, ReferenceExpression masterConnectionString)
    {
        var name = $"{sql.Resource.Name}-ready";
        sql.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(name, async cancellationToken =>
        {
            try
            {
                await using var connection = new SqlConnection(await masterConnectionString.GetValueAsync(cancellationToken));
                await connection.OpenAsync(cancellationToken);
                await using var command = new SqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"SQL Server does not answer yet: {e.GetType().Name}");
            }
        });
        return sql.WithHealthCheck(name);
    }
}
