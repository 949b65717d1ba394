using Crm.Gateway.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Crm.Bench;

/// <summary>
/// A host (a service, the gateway, a bare YARP proxy) in a process of its own: this program started again as
/// <c>Crm.Bench serve KIND key=value…</c>. Its CPU is then the process's own, apart from the load generator's, and each
/// arm of a comparison runs in its own process. The child prints its address and runs until its stdin closes.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>The CPU time (user and system) the process has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<HostProcess> StartAsync(string kind, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(typeof(HostProcess).Assembly.Location);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(kind);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"{key}={value}");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {kind} host.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            string? line;
            try { line = await process.StandardOutput.ReadLineAsync(timeout.Token); }
            catch (OperationCanceledException) { line = null; }
            if (line is null)
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"The {kind} host did not start:\n{errors}");
            }
            if (!line.StartsWith("listening ", StringComparison.Ordinal)) continue;
            var host = new HostProcess(process, new Uri(line["listening ".Length..]));
            _ = DrainAsync(process.StandardOutput);
            return host;
        }
    }

    private static async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is not null) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close(); // the child stops when its stdin closes
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }

    /// <summary>The child's side: <c>serve KIND key=value…</c>.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var kind = args[0];
        var settings = args.Skip(1).Select(a => a.Split('=', 2)).Select(p => new KeyValuePair<string, string?>(p[0], p[1])).ToList();
        await using IAsyncDisposable host = kind switch
        {
            "customers" => new CrmHost<CustomersDbContext>(settings, "Production", s => s.AddSingleton<IStartupFilter>(new BenchEndpoints(RequestAnchors.MapCustomers))),
            "credit" => new CrmHost<CreditDbContext>(settings, "Production", s => s.AddSingleton<IStartupFilter>(new BenchEndpoints(RequestAnchors.MapCredit))),
            "gateway" => new CrmHost<RateLimitingOptions>(settings, "Production"),
            "bare-yarp" => await BareYarpAsync(settings),
            _ => throw new ArgumentException($"No host kind '{kind}'."),
        };
        var address = host switch
        {
            ICrmHost crm => crm.Address,
            WebApplication app => new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
            _ => throw new InvalidOperationException(),
        };
        Console.WriteLine($"listening {address}");
        await Console.In.ReadToEndAsync();
        return 0;
    }

    /// <summary>
    /// The comparison's floor for the gateway: YARP alone on the gateway's route to the same service, nothing else (no
    /// authentication, no rate limiter, no telemetry, no problem details).
    /// </summary>
    private static async Task<WebApplication> BareYarpAsync(IReadOnlyList<KeyValuePair<string, string?>> settings)
    {
        var destination = settings.Single(s => s.Key == "Destination").Value!;
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "customers", ClusterId = "customers", Match = new RouteMatch { Path = "/api/customers/{**rest}" } }],
            [new ClusterConfig { ClusterId = "customers", Destinations = new Dictionary<string, DestinationConfig> { ["d1"] = new() { Address = destination } } }]);
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        return app;
    }

    /// <summary>The child's CPU over a stretch of the run.</summary>
    public CpuMeter MeasureCpu() => new(this);

    public sealed class CpuMeter(HostProcess host)
    {
        private readonly TimeSpan _cpu = host.Cpu;
        private readonly long _start = Stopwatch.GetTimestamp();

        public (TimeSpan Cpu, TimeSpan Wall) Stop() => (host.Cpu - _cpu, Stopwatch.GetElapsedTime(_start));
    }
}

/// <summary>
/// Adds bench-only endpoints to a host that is started by the bench (never to a production host). They are built as
/// the application's own minimal-API endpoints are, and a middleware in front of the application's pipeline selects
/// one when its route matches; routing then keeps that endpoint, so the request passes the same middleware (limits,
/// problems, authentication, authorization) as the application's routes, and the same endpoint middleware runs it.
/// </summary>
public sealed class BenchEndpoints(Action<IEndpointRouteBuilder> map) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var routes = new Routes(app);
        map(routes);
        var endpoints = routes.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Matcher: new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary())))
            .ToList();
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Path.StartsWithSegments("/bench"))
                foreach (var (endpoint, matcher) in endpoints)
                {
                    var values = new RouteValueDictionary();
                    if (!matcher.TryMatch(context.Request.Path, values)) continue;
                    context.Request.RouteValues = values;
                    context.SetEndpoint(endpoint);
                    break;
                }
            return nextMiddleware(context);
        });
        next(app);
    };

    private sealed class Routes(IApplicationBuilder app) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => app.ApplicationServices;
        public ICollection<EndpointDataSource> DataSources { get; } = [];
        public IApplicationBuilder CreateApplicationBuilder() => app.New();
    }
}

/// <summary>Sixteen (or N) clients sending the same GET in a loop for a while, over their own connections.</summary>
public static class HttpLoad
{
    public sealed record Result(Latencies Latencies, TimeSpan Elapsed, int Errors)
    {
        public int Requests => Latencies.Count;
        public double RequestsPerSecond => Latencies.Count / Elapsed.TotalSeconds;

        public static Result Combine(IReadOnlyList<Result> runs)
        {
            var all = new Latencies();
            foreach (var run in runs) all.AddAll(run.Latencies);
            return new Result(all, TimeSpan.FromTicks(runs.Sum(r => r.Elapsed.Ticks)), runs.Sum(r => r.Errors));
        }
    }

    public static HttpClient Client(Uri address, string? token, int connections)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public static async Task<Result> RunAsync(HttpClient client, string path, TimeSpan duration, int concurrency)
    {
        var latencies = new Latencies();
        var errors = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (stop.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path);
                await response.Content.LoadIntoBufferAsync();
                latencies.Add(start);
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
            }
        }));
        return new Result(latencies, stop.Elapsed, errors);
    }

    public static string Ms(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
