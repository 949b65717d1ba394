using Microsoft.Extensions.Configuration;

namespace Crm.AppHost;

/// <summary>How the AppHost runs the CRM: <c>local</c> (SQLite files, this machine's RabbitMQ) or <c>containers</c>.</summary>
public enum CrmMode { Local, Containers }

/// <summary>
/// The AppHost's own settings, from configuration (<c>Crm:Mode</c>, or the environment variable <c>Crm__Mode</c>, or
/// the argument <c>--Crm:Mode=containers</c>).
/// </summary>
public sealed record CrmSettings(
    CrmMode Mode,
    string DataDirectory,
    int GatewayPort,
    int BrokerPort,
    int BrokerManagementPort,
    int BrokerDistributionPort,
    int Replicas,
    string? ExistingBroker,
    string? BackupDirectory)
{
    public const string Section = "Crm";

    /// <summary>The services, each with its own database, named as their YARP clusters and connection strings.</summary>
    public static readonly string[] ServiceNames = ["customers", "contracts", "credit", "aftersales", "alerts"];

    public static CrmSettings From(IConfiguration configuration, string appHostDirectory)
    {
        var section = configuration.GetSection(Section);
        var mode = section["Mode"] switch
        {
            null or "" or "local" => CrmMode.Local,
            "containers" => CrmMode.Containers,
            var other => throw new InvalidOperationException($"Crm:Mode is '{other}': use 'local' (SQLite, this machine's RabbitMQ) or 'containers' (SQL Server and RabbitMQ in containers)."),
        };
        var dataDirectory = Path.GetFullPath(section["DataDirectory"] is { Length: > 0 } dir ? dir : Path.Combine(appHostDirectory, "..", ".data"));
        return new CrmSettings(
            mode,
            dataDirectory,
            section.GetValue("GatewayPort", 5100),
            section.GetValue("BrokerPort", 5672),
            section.GetValue("BrokerManagementPort", 15672),
            // Erlang's distribution port, RabbitMQ's default being the AMQP port + 20000.
            section.GetValue("BrokerDistributionPort", section.GetValue("BrokerPort", 5672) + 20000),
            section.GetValue("Replicas", mode == CrmMode.Containers ? 2 : 1),
            configuration.GetConnectionString("messaging") is { Length: > 0 } broker ? broker : null,
            section["BackupDirectory"] is { Length: > 0 } backups ? Path.GetFullPath(backups) : null);
    }
}
