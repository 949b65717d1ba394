using Crm.AfterSales.Infrastructure;
using Crm.Alerts.Infrastructure;
using Crm.Contracts.Infrastructure;
using Crm.Credit.Infrastructure;
using Crm.Customers.Infrastructure;
using Crm.Gateway.Extensions;
using Microsoft.EntityFrameworkCore;

namespace Crm.TestKit;

/// <summary>What to start and how to configure it.</summary>
public sealed class CrmSystemOptions
{
    public static readonly string[] AllServices = ["customers", "contracts", "credit", "aftersales", "alerts"];

    /// <summary>The services to start (all by default).</summary>
    public IReadOnlyCollection<string> Services { get; init; } = AllServices;

    public bool WithGateway { get; init; } = true;

    /// <summary>
    /// The web app, started after the services and before the gateway, which routes everything outside <c>/api</c> to
    /// it (its cluster <c>web</c>). Given the system (its broker, and the gateway's address once that runs), returns the
    /// app's host; the TestKit does not reference the web app itself.
    /// </summary>
    public Func<CrmSystem, ICrmHost>? WebApp { get; init; }

    /// <summary>Extra settings for one service (keyed by its name) or the gateway ("gateway").</summary>
    public Func<string, IEnumerable<KeyValuePair<string, string?>>>? Settings { get; init; }

    /// <summary>Service overrides for one host, for what is truly outside (a clock).</summary>
    public Action<string, IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Per service, a port to reach the broker through instead of the broker's own (a <see cref="TcpProxy"/>).</summary>
    public Func<string, int?>? BrokerPort { get; init; }

    public string Environment { get; init; } = "Development";

    /// <summary>
    /// The folder of the services' SQLite files ({service}.db), for a test that brings its own (a restored backup);
    /// left in place at the end. By default a fresh temporary folder, deleted at the end.
    /// </summary>
    public string? DataDirectory { get; init; }
}

/// <summary>
/// The running CRM for a test class: the services and the gateway on real Kestrel ports, each service with its own
/// SQLite file, all on a virtual host of their own on the real broker.
/// </summary>
public sealed class CrmSystem : IAsyncDisposable
{
    private readonly CrmSystemOptions _options;
    private readonly Dictionary<string, ICrmHost> _hosts = [];

    private CrmSystem(CrmSystemOptions options, BrokerVirtualHost broker, string dataDirectory)
    {
        _options = options;
        Broker = broker;
        DataDirectory = dataDirectory;
    }

    public BrokerVirtualHost Broker { get; }
    public string DataDirectory { get; }

    public CrmHost<CustomersDbContext> Customers => Host<CustomersDbContext>("customers");
    public CrmHost<ContractsDbContext> Contracts => Host<ContractsDbContext>("contracts");
    public CrmHost<CreditDbContext> Credit => Host<CreditDbContext>("credit");
    public CrmHost<AfterSalesDbContext> AfterSales => Host<AfterSalesDbContext>("aftersales");
    public CrmHost<AlertsDbContext> Alerts => Host<AlertsDbContext>("alerts");
    public CrmHost<RateLimitingOptions> GatewayHost => Host<RateLimitingOptions>("gateway");

    public static async Task<CrmSystem> StartAsync(CrmSystemOptions? options = null)
    {
        options ??= new CrmSystemOptions();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(options);
            }
            // Starting several WebApplicationFactory hosts at once in one process now and then fails inside Kestrel's
            // start ("Addresses cannot be modified after the server has started"); a failed start disposes what it
            // started, so a second attempt starts clean. Nothing of the system under test is retried.
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("cannot be modified after the server has started", StringComparison.Ordinal))
            {
            }
        }
    }

    private static async Task<CrmSystem> StartOnceAsync(CrmSystemOptions options)
    {
        var broker = await TestBroker.CreateVirtualHostAsync();
        var data = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "crm-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var system = new CrmSystem(options, broker, data);
        try
        {
            foreach (var name in options.Services) await system.StartServiceAsync(name);
            if (options.WebApp is { } web) await system.StartWebAppAsync(web);
            if (options.WithGateway) system.StartGateway();
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the gateway, over real HTTP, with a token for the given user.</summary>
    public HttpClient Gateway(string userId, string branch = "sh", params string[] roles) => GatewayHost.Client(userId, branch, roles);

    /// <summary>Stops a service (as a crash would, without draining anything) and starts it again on the same file.</summary>
    public async Task RestartServiceAsync(string name, Func<string, IEnumerable<KeyValuePair<string, string?>>>? settings = null)
    {
        await StopServiceAsync(name);
        await StartServiceAsync(name, settings);
    }

    public async Task StopServiceAsync(string name)
    {
        if (_hosts.Remove(name, out var host)) await host.DisposeAsync();
    }

    public async Task StartServiceAsync(string name, Func<string, IEnumerable<KeyValuePair<string, string?>>>? settings = null)
    {
        var all = ServiceSettings(name).Concat((settings ?? _options.Settings)?.Invoke(name) ?? []).ToList();
        Action<IServiceCollection>? services = _options.ConfigureServices is { } configure ? s => configure(name, s) : null;
        ICrmHost host = name switch
        {
            "customers" => Started(new CrmHost<CustomersDbContext>(all, _options.Environment, services)),
            "contracts" => Started(new CrmHost<ContractsDbContext>(all, _options.Environment, services)),
            "credit" => Started(new CrmHost<CreditDbContext>(all, _options.Environment, services)),
            "aftersales" => Started(new CrmHost<AfterSalesDbContext>(all, _options.Environment, services)),
            "alerts" => Started(new CrmHost<AlertsDbContext>(all, _options.Environment, services)),
            _ => throw new ArgumentException($"No service '{name}'.", nameof(name)),
        };
        _hosts[name] = host;
        await WaitHealthyAsync(name, host.Address);
    }

    private async Task StartWebAppAsync(Func<CrmSystem, ICrmHost> start)
    {
        var web = start(this);
        _hosts["web"] = web;
        await WaitHealthyAsync("web", web.Address);
    }

    /// <summary>The web app's host, when the options start one.</summary>
    public ICrmHost WebApp => _hosts.TryGetValue("web", out var web) ? web : throw new InvalidOperationException("The web app is not running in this test.");

    private void StartGateway()
    {
        var settings = TestTokens.HostSettings()
            .Append(new("RateLimiting:PermitsPerSecond", "10000"))
            .Append(new("RateLimiting:Burst", "10000"))
            .Concat(_options.Services.Append("web").Where(_hosts.ContainsKey).Select(s => new KeyValuePair<string, string?>(
                $"ReverseProxy:Clusters:{s}:Destinations:d1:Address", AddressOf(s).ToString())))
            .Concat(_options.Settings?.Invoke("gateway") ?? [])
            .ToList();
        var gateway = new CrmHost<RateLimitingOptions>(settings, _options.Environment);
        _hosts["gateway"] = gateway;
        _ = gateway.Address;
    }

    public Uri AddressOf(string name) => _hosts[name].Address;

    public IServiceProvider ServicesOf(string name) => _hosts[name].Services;

    /// <summary>Runs a query on a service's own database (as the service itself, seeing every branch).</summary>
    public async Task<T> QueryAsync<T>(string service, Func<DbContext, Task<T>> query)
    {
        var contextType = service switch
        {
            "customers" => typeof(CustomersDbContext),
            "contracts" => typeof(ContractsDbContext),
            "credit" => typeof(CreditDbContext),
            "aftersales" => typeof(AfterSalesDbContext),
            "alerts" => typeof(AlertsDbContext),
            _ => throw new ArgumentException($"No service '{service}'.", nameof(service)),
        };
        await using var scope = _hosts[service].Services.CreateSystemScope("a test's query");
        return await query((DbContext)scope.ServiceProvider.GetRequiredService(contextType));
    }

    /// <summary>The settings the system gives a service (its file, the broker, short outbox timings), to run it elsewhere: in a process of its own.</summary>
    public IEnumerable<KeyValuePair<string, string?>> SettingsOf(string name) => ServiceSettings(name);

    private IEnumerable<KeyValuePair<string, string?>> ServiceSettings(string name) => TestTokens.HostSettings().Concat(
    [
        new($"ConnectionStrings:{name}db", $"Data Source={Path.Combine(DataDirectory, name + ".db")}"),
        new("ConnectionStrings:messaging", Broker.AmqpUri(_options.BrokerPort?.Invoke(name))),
        new("Messaging:Outbox:PollInterval", "00:00:00.200"),
        new("Messaging:Outbox:MaxRetryDelay", "00:00:02"),
        new("Messaging:Outbox:PublishTimeout", "00:00:05"),
        new("Messaging:RetryMinInterval", "00:00:00.050"),
        new("Messaging:RetryMaxInterval", "00:00:00.500"),
    ]);

    private CrmHost<T> Host<T>(string name) where T : class =>
        _hosts.TryGetValue(name, out var host) ? (CrmHost<T>)host : throw new InvalidOperationException($"{name} is not running in this test.");

    private static CrmHost<T> Started<T>(CrmHost<T> host) where T : class
    {
        _ = host.Address;
        return host;
    }

    // Ready means the database is migrated and the bus has bound every queue: only then is an event sure to arrive.
    private static async Task WaitHealthyAsync(string name, Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        await Eventually.Until(async () =>
        {
            try { return (await http.GetAsync("/health")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, $"{name} to be healthy");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values.Reverse())
        {
            try { await host.DisposeAsync(); }
            catch (Exception) { /* one host failing to stop must not keep the others running */ }
        }
        _hosts.Clear();
        await Broker.DisposeAsync();
        if (_options.DataDirectory is not null) return;
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { /* SQLite may still hold a file for a moment; the temp folder is cleaned eventually */ }
    }
}
