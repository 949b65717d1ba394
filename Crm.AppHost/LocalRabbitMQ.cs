namespace Crm.AppHost;

/// <summary>
/// Debian's <c>rabbitmq-server</c> run by the AppHost as a node of its own (own node name, ports and data folder), so
/// the dashboard shows it, its log and its health, and stopping the AppHost stops it.
/// </summary>
public sealed class LocalRabbitMQResource(string name, string workingDirectory, int port)
    : ExecutableResource(name, ServerScript, workingDirectory), IResourceWithConnectionString
{
    /// <summary>The server itself, not Debian's <c>/usr/sbin</c> wrapper, which switches to the rabbitmq user and its data.</summary>
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public int Port { get; } = port;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://guest:guest@localhost:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}

public static class LocalRabbitMQExtensions
{
    public static IResourceBuilder<LocalRabbitMQResource> AddLocalRabbitMQ(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, int port, int managementPort, int distributionPort)
    {
        if (!File.Exists(LocalRabbitMQResource.ServerScript))
            throw new InvalidOperationException(
                $"{LocalRabbitMQResource.ServerScript} is missing: install RabbitMQ ('apt-get install rabbitmq-server', which ./build.sh run does), "
                + "or point ConnectionStrings:messaging at a running broker.");

        // Port numbers go into plain strings first: an int hole in an interpolated WithEnvironment does not compile (CS0315).
        var home = Path.Combine(dataDirectory, "rabbitmq");
        Directory.CreateDirectory(home);
        var config = Path.Combine(home, "rabbitmq.conf");
        File.WriteAllText(config, $"listeners.tcp.default = {port}\nmanagement.tcp.port = {managementPort}\nloopback_users.guest = true\n");
        var plugins = Path.Combine(home, "enabled_plugins");
        File.WriteAllText(plugins, "[rabbitmq_management].\n");
        var nodeName = $"crm{port}@localhost";

        return builder.AddResource(new LocalRabbitMQResource(name, home, port))
            .WithEnvironment("RABBITMQ_NODENAME", nodeName)
            .WithEnvironment("RABBITMQ_CONFIG_FILE", config)
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", plugins)
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(home, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(home, "log"))
            .WithEnvironment("RABBITMQ_PID_FILE", Path.Combine(home, "rabbitmq.pid"))
            .WithEnvironment("RABBITMQ_DIST_PORT", distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("RABBITMQ_LOGS", "-")
            .WithEndpoint(name: "amqp", port: port, targetPort: port, scheme: "amqp", isProxied: false)
            .WithHttpEndpoint(name: "management", port: managementPort, targetPort: managementPort, isProxied: false)
            .WithUrlForEndpoint("management", url => url.DisplayText = "RabbitMQ management (guest/guest)")
            .WithAmqpReadiness();
    }
}
