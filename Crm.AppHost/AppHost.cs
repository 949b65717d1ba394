// The whole CRM under Aspire: SQL Server with one database per service, RabbitMQ with its management UI, the five
// services (each waits for its database and the broker) and the gateway in front. Checked against dotnet/aspire v13.1.3.
var builder = DistributedApplication.CreateBuilder(args);

var sql = builder.AddSqlServer("sql")
    .WithDataVolume()
    .WithLifetime(ContainerLifetime.Persistent);

var messaging = builder.AddRabbitMQ("messaging")
    .WithManagementPlugin()
    .WithDataVolume()
    .WithLifetime(ContainerLifetime.Persistent);

var services = new (string Name, Func<string, IResourceBuilder<ProjectResource>> Add)[]
{
    ("customers", name => builder.AddProject<Projects.Crm_Customers>(name)),
    ("contracts", name => builder.AddProject<Projects.Crm_Contracts>(name)),
    ("credit", name => builder.AddProject<Projects.Crm_Credit>(name)),
    ("aftersales", name => builder.AddProject<Projects.Crm_AfterSales>(name)),
    ("alerts", name => builder.AddProject<Projects.Crm_Alerts>(name)),
};

var gateway = builder.AddProject<Projects.Crm_Gateway>("gateway")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

foreach (var (name, add) in services)
{
    var database = sql.AddDatabase($"{name}db");
    var service = add(name)
        .WithEnvironment("Database__Provider", "SqlServer")
        .WithReference(database).WaitFor(database)
        .WithReference(messaging).WaitFor(messaging)
        .WithHttpHealthCheck("/health");

    // The gateway's YARP cluster of the same name forwards to the service's http endpoint.
    gateway
        .WithEnvironment($"ReverseProxy__Clusters__{name}__Destinations__d1__Address", service.GetEndpoint("http"))
        .WaitFor(service);
}

builder.Build().Run();
