// The whole CRM under Aspire, in one of two modes (CrmSettings):
//  local       each service on its SQLite file under ./.data, RabbitMQ from this machine (a node of the AppHost's own,
//              or the broker named by ConnectionStrings:messaging), one replica each;
//  containers  RabbitMQ and SQL Server in containers (Docker or Podman), one database per service, two replicas each,
//              which exercises the outbox's row locking across replicas.
// Every service waits for its broker (and database) to be ready; the gateway in front waits for every service and the
// web app, which it serves at / (the app calls the API back through the gateway, server side, with the user's token).
using Crm.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var settings = CrmSettings.From(builder.Configuration, builder.AppHostDirectory);

IResourceBuilder<IResourceWithConnectionString> messaging = settings switch
{
    { Mode: CrmMode.Containers } => builder.AddRabbitMQ("messaging")
        .WithManagementPlugin()
        .WithDataVolume("crm-rabbitmq-data")
        .WithLifetime(ContainerLifetime.Persistent),
    { ExistingBroker: not null } => builder.AddConnectionString("messaging").WithAmqpReadiness(),
    _ => builder.AddLocalRabbitMQ("messaging", settings.DataDirectory, settings.BrokerPort, settings.BrokerManagementPort, settings.BrokerDistributionPort),
};

var sqlServer = settings.Mode == CrmMode.Containers ? builder.AddSqlServerContainer("sql") : null;

var scalarUrl = $"http://localhost:{settings.GatewayPort}/scalar";
var gatewayUrl = $"http://localhost:{settings.GatewayPort}";
var gateway = builder.AddProject<Projects.Crm_Gateway>("gateway")
    .WithEndpoint("http", endpoint => endpoint.Port = settings.GatewayPort)
    .WithExternalHttpEndpoints()
    .WithUrlForEndpoint("http", url => url.DisplayText = "Web app 客户关系管理 (and the API under /api)")
    .WithUrl(scalarUrl, "API reference (Scalar)")
    .WithHttpHealthCheck("/health");

foreach (var name in CrmSettings.ServiceNames)
{
    var service = AddService(name)
        .WithReference(messaging).WaitFor(messaging)
        .WithHttpHealthCheck("/health");

    if (sqlServer is not null)
        service
            .WithEnvironment("Database__Provider", "SqlServer")
            .WithEnvironment($"ConnectionStrings__{name}db", sqlServer.ConnectionStringFor($"{name}db"))
            .WaitFor(sqlServer.Container)
            .WithReplicas(settings.Replicas);
    else
        service.WithEnvironment($"ConnectionStrings__{name}db", $"Data Source={Path.Combine(settings.DataDirectory, name + ".db")}");

    // Scheduled online backups of each SQLite file, onto another disk (docs/operations.md, "Backups and restore").
    if (settings is { Mode: CrmMode.Local, BackupDirectory: { } backups })
        service.WithEnvironment("Backup__Directory", backups);

    // The gateway's YARP cluster of the same name forwards to the service's http endpoint (spread over its replicas).
    gateway
        .WithEnvironment($"ReverseProxy__Clusters__{name}__Destinations__d1__Address", service.GetEndpoint("http"))
        .WaitFor(service);
}

// The web app: reached only through the gateway (route "web"); it hears crm.alert-raised on a queue of its own. One
// replica: circuits are sticky and the session cookie is sealed with this instance's keys (docs/decisions/web-app.md).
var web = builder.AddProject<Projects.Crm_Web>("web")
    .WithReference(messaging).WaitFor(messaging)
    .WithEnvironment("Gateway__BaseAddress", gatewayUrl)
    .WithHttpHealthCheck("/health");
gateway
    .WithEnvironment("ReverseProxy__Clusters__web__Destinations__d1__Address", web.GetEndpoint("http"))
    .WaitFor(web);

Directory.CreateDirectory(settings.DataDirectory);
builder.Build().Run();

IResourceBuilder<ProjectResource> AddService(string name) => name switch
{
    "customers" => builder.AddProject<Projects.Crm_Customers>(name),
    "contracts" => builder.AddProject<Projects.Crm_Contracts>(name),
    "credit" => builder.AddProject<Projects.Crm_Credit>(name),
    "aftersales" => builder.AddProject<Projects.Crm_AfterSales>(name),
    "alerts" => builder.AddProject<Projects.Crm_Alerts>(name),
    _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a CRM service"),
};
