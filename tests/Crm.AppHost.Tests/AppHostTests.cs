using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Crm.TestKit;

namespace Crm.AppHost.Tests;

/// <summary>
/// The AppHost in local mode, started by Aspire's testing host: its own RabbitMQ node (Debian's rabbitmq-server on
/// ports of its own), every service on a fresh SQLite file, the gateway in front.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class AppHostTests : IAsyncLifetime
{
    private static readonly string[] Resources = ["messaging", "customers", "contracts", "credit", "aftersales", "alerts", "web", "gateway"];
    private static readonly string[] Consumers = ["contracts", "credit", "aftersales", "alerts"];

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("crm-apphost-").FullName;
    private readonly int _managementPort = Support.FreePort();
    private DistributedApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Crm_AppHost>(
        [
            $"--Crm:DataDirectory={_dataDirectory}",
            $"--Crm:BrokerPort={Support.FreePort()}",
            $"--Crm:BrokerManagementPort={_managementPort}",
            $"--Crm:BrokerDistributionPort={Support.FreePort()}",
            $"--Crm:GatewayPort={Support.FreePort()}",
        ]);
        _app = await builder.BuildAsync();
        using var starting = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await _app.StartAsync(starting.Token);
        foreach (var resource in Resources)
        {
            try
            {
                await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, starting.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"'{resource}' was not healthy within 5 minutes; every resource then: {DescribeResources()}");
            }
        }
    }

    private string DescribeResources() => string.Join("; ", Resources.Select(name =>
        _app.ResourceNotifications.TryGetCurrentState(name, out var state)
            ? $"{name} {state.Snapshot.State?.Text ?? "?"} ({state.Snapshot.HealthStatus?.ToString() ?? "no health yet"})"
            : $"{name} unknown"));

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_customer_registered_through_the_gateway_reaches_every_other_service()
    {
        using var gateway = _app.CreateHttpClient("gateway");
        await Support.SignInAsync(gateway, "rep-apphost", "sh", "sales-rep");

        var id = await Support.RegisterCustomerAsync(gateway, "上海东方商贸有限公司");

        // Credit keeps its own copy of the customer: its account answers once the registration arrived.
        await Eventually.Until(async () => (await gateway.GetAsync($"/api/credit/accounts/{id}")).StatusCode == HttpStatusCode.OK,
            "the credit service has the customer", TimeSpan.FromSeconds(60));

        // Every other service acknowledged the event on its own queue of the AppHost's broker.
        using var management = new HttpClient { BaseAddress = new Uri($"http://localhost:{_managementPort}/api/") };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("guest:guest")));
        foreach (var consumer in Consumers)
            await Eventually.Until(async () => AcknowledgedOn(await management.GetStringAsync($"queues/%2F/{consumer}.customer-registered")) >= 1,
                $"{consumer} consumed crm.customer-registered", TimeSpan.FromSeconds(60));
    }

    private static long AcknowledgedOn(string queue) =>
        JsonDocument.Parse(queue).RootElement.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("ack", out var ack)
            ? ack.GetInt64() : 0;
}

[CollectionDefinition(Name)]
public sealed class AppHostCollection
{
    // The AppHost's services listen on the ports of their launch profiles: two AppHosts at once would collide.
    public const string Name = "apphost";
}
