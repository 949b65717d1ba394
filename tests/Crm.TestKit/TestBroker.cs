using System.Net.Http.Headers;
using System.Net.Sockets;
using Testcontainers.RabbitMq;

namespace Crm.TestKit;

/// <summary>
/// The real RabbitMQ the tests use: <c>CRM_TEST_RABBITMQ</c>, else a broker on localhost:5672, else a Testcontainers
/// broker where Docker runs, else a failure that says how to get one. Each fixture takes its own virtual host, so that
/// test classes running side by side never share queues or exchanges.
/// </summary>
public static class TestBroker
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Uri? _root;
    private static RabbitMqContainer? _container;

    public static async Task<Uri> RootAsync()
    {
        await Gate.WaitAsync();
        try { return _root ??= await ResolveAsync(); }
        finally { Gate.Release(); }
    }

    /// <summary>A fresh virtual host on the broker, for one fixture; dispose it to delete the vhost.</summary>
    public static async Task<BrokerVirtualHost> CreateVirtualHostAsync()
    {
        var root = await RootAsync();
        var name = $"crm-test-{Guid.NewGuid():N}";
        await ManagementAsync(root, HttpMethod.Put, $"vhosts/{name}", null);
        await ManagementAsync(root, HttpMethod.Put, $"permissions/{name}/{Uri.EscapeDataString(User(root))}",
            """{"configure":".*","write":".*","read":".*"}""");
        return new BrokerVirtualHost(root, name);
    }

    internal static async Task DeleteVirtualHostAsync(Uri root, string name)
    {
        try { await ManagementAsync(root, HttpMethod.Delete, $"vhosts/{name}", null); }
        catch (Exception) { /* a vhost left behind costs nothing but a line in the management UI */ }
    }

    private static async Task<Uri> ResolveAsync()
    {
        var configured = Environment.GetEnvironmentVariable("CRM_TEST_RABBITMQ");
        if (!string.IsNullOrWhiteSpace(configured)) return new Uri(configured);
        if (await AnswersAsync("localhost", 5672)) return new Uri("amqp://guest:guest@localhost:5672");
        if (File.Exists("/var/run/docker.sock") || Environment.GetEnvironmentVariable("DOCKER_HOST") is not null)
        {
            _container = new RabbitMqBuilder("rabbitmq:3.13-management").Build();
            await _container.StartAsync();
            return new Uri(_container.GetConnectionString());
        }
        throw new InvalidOperationException(
            "The tests need a real RabbitMQ and found none: set CRM_TEST_RABBITMQ to an amqp:// URI, start one on " +
            "localhost:5672 (./build.sh test installs and starts Debian's rabbitmq-server), or run Docker for Testcontainers.");
    }

    private static async Task<bool> AnswersAsync(string host, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception) { return false; }
    }

    private static string User(Uri broker) => Uri.UnescapeDataString(broker.UserInfo.Split(':')[0]);

    private static string Password(Uri broker) => Uri.UnescapeDataString(broker.UserInfo.Split(':', 2) is [_, var p] ? p : "guest");

    // The management API on the broker's host; the management plugin ships with RabbitMQ and build.sh enables it.
    private static async Task ManagementAsync(Uri broker, HttpMethod method, string path, string? json)
    {
        var port = _container is not null ? _container.GetMappedPublicPort(15672)
            : int.TryParse(Environment.GetEnvironmentVariable("CRM_TEST_RABBITMQ_MANAGEMENT_PORT"), out var p) ? p : 15672;
        using var http = new HttpClient { BaseAddress = new Uri($"http://{broker.Host}:{port}/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User(broker)}:{Password(broker)}")));
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try { response = await http.SendAsync(request); }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException(
                $"RabbitMQ's management API does not answer on {http.BaseAddress}: enable it with " +
                "'rabbitmq-plugins enable rabbitmq_management' (./build.sh test does this for a broker it manages).", e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode && !(method == HttpMethod.Delete && response.StatusCode == System.Net.HttpStatusCode.NotFound))
                throw new InvalidOperationException($"RabbitMQ management {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}

/// <summary>A virtual host of its own on the test broker.</summary>
public sealed class BrokerVirtualHost(Uri root, string name) : IAsyncDisposable
{
    public string Name { get; } = name;

    public Uri Root { get; } = root;

    /// <summary>The amqp URI of this vhost, optionally through another port (a <see cref="TcpProxy"/>).</summary>
    public string AmqpUri(int? port = null) =>
        $"amqp://{Root.UserInfo}@{Root.Host}:{port ?? (Root.IsDefaultPort || Root.Port < 0 ? 5672 : Root.Port)}/{Uri.EscapeDataString(Name)}";

    public ValueTask DisposeAsync() => new(TestBroker.DeleteVirtualHostAsync(Root, Name));
}
