using System.Net.Sockets;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// Time from start to all healthy: the AppHost as <c>./build.sh run</c> starts it (its own RabbitMQ node, the five
/// services, the gateway, the dashboard) against the plain processes the script started before (the five services and
/// the gateway on an already running broker), cold (an empty data folder: databases migrated, broker node created) and
/// warm (the same folder again), the arms alternating. The build is done first and not timed.
/// </summary>
public sealed class StartupBenchmark : IBenchmark
{
    private static readonly string[] Services = ["customers:Crm.Customers", "contracts:Crm.Contracts", "credit:Crm.Credit", "aftersales:Crm.AfterSales", "alerts:Crm.Alerts"];
    private const int Rounds = 2;

    public string Name => "startup";
    public string Description => "start to all healthy: the AppHost against plain processes, cold and warm";

    public async Task RunAsync(string[] options)
    {
        var root = Root();
        Run("dotnet", ["build", Path.Combine(root, "Crm.AppHost", "Crm.AppHost.csproj"), "-c", "Release", "-v", "quiet", "-nologo"], root);
        var broker = Environment.GetEnvironmentVariable("CRM_TEST_RABBITMQ") ?? "amqp://guest:guest@localhost:5672";

        var apphost = new Dictionary<string, List<double>> { ["cold"] = [], ["warm"] = [] };
        var plain = new Dictionary<string, List<double>> { ["cold"] = [], ["warm"] = [] };
        for (var round = 0; round < Rounds; round++)
        {
            var appHostData = Directory.CreateTempSubdirectory("crm-startup-apphost-").FullName;
            var plainData = Directory.CreateTempSubdirectory("crm-startup-plain-").FullName;
            foreach (var temperature in new[] { "cold", "warm" })
            {
                apphost[temperature].Add(await TimeAppHostAsync(root, appHostData));
                plain[temperature].Add(await TimePlainAsync(root, plainData, broker));
                Console.WriteLine($"round {round + 1} {temperature}: apphost {apphost[temperature][^1]:F1} s, plain processes {plain[temperature][^1]:F1} s");
            }
        }

        string Median(List<double> seconds) => seconds.Order().ElementAt(seconds.Count / 2).ToString("F1", CultureInfo.InvariantCulture);
        Console.WriteLine($"result startup: apphost cold {Median(apphost["cold"])} s, warm {Median(apphost["warm"])} s; " +
                          $"plain processes cold {Median(plain["cold"])} s, warm {Median(plain["warm"])} s");
    }

    private static async Task<double> TimeAppHostAsync(string root, string data)
    {
        var gateway = FreePort();
        var broker = FreePortBelow(40000);
        var start = Stopwatch.StartNew();
        using var apphost = Start(Path.Combine(root, "Crm.AppHost", "bin", "Release", "net10.0"), "Crm.AppHost.dll", new()
        {
            ["DOTNET_ENVIRONMENT"] = "Development", ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://localhost:{FreePort()}", ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true", ["Crm__DataDirectory"] = data, ["Crm__GatewayPort"] = $"{gateway}",
            ["Crm__BrokerPort"] = $"{broker}", ["Crm__BrokerManagementPort"] = $"{FreePort()}", ["Crm__BrokerDistributionPort"] = $"{FreePort()}",
        });
        await WaitHealthyAsync([gateway]);
        var seconds = start.Elapsed.TotalSeconds;
        await StopAsync(apphost);
        return seconds;
    }

    // What ./build.sh run did before the AppHost: each host as a process of its own, the gateway told where each is.
    private static async Task<double> TimePlainAsync(string root, string data, string broker)
    {
        var ports = Services.ToDictionary(s => s.Split(':')[0], _ => FreePort());
        var gateway = FreePort();
        var start = Stopwatch.StartNew();
        var processes = new List<Process>();
        foreach (var (name, project) in Services.Select(s => (s.Split(':')[0], s.Split(':')[1])))
            processes.Add(Start(Path.Combine(root, "services", project, "bin", "Release", "net10.0"), $"{project}.dll", new()
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development", ["ASPNETCORE_URLS"] = $"http://localhost:{ports[name]}",
                [$"ConnectionStrings__{name}db"] = $"Data Source={Path.Combine(data, name + ".db")}", ["ConnectionStrings__messaging"] = broker,
            }));
        var gatewayEnvironment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", ["ASPNETCORE_URLS"] = $"http://localhost:{gateway}",
        };
        foreach (var (name, port) in ports) gatewayEnvironment[$"ReverseProxy__Clusters__{name}__Destinations__d1__Address"] = $"http://localhost:{port}";
        processes.Add(Start(Path.Combine(root, "gateway", "Crm.Gateway", "bin", "Release", "net10.0"), "Crm.Gateway.dll", gatewayEnvironment));
        await WaitHealthyAsync([.. ports.Values, gateway]);
        var seconds = start.Elapsed.TotalSeconds;
        foreach (var process in processes) { await StopAsync(process); process.Dispose(); }
        return seconds;
    }

    private static async Task WaitHealthyAsync(IEnumerable<int> ports)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        foreach (var port in ports)
            while (true)
            {
                try { if ((await http.GetAsync($"http://localhost:{port}/health")).StatusCode == HttpStatusCode.OK) break; }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
                if (deadline.Elapsed > TimeSpan.FromMinutes(6)) throw new TimeoutException($"port {port} was not healthy within 6 minutes");
                await Task.Delay(200);
            }
    }

    private static Process Start(string directory, string dll, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // SIGTERM, as Ctrl-C in ./build.sh run sends it: the AppHost stops its resources before it exits.
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited) return;
        Run("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], ".");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
    }

    private static void Run(string file, string[] arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory })!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int FreePortBelow(int limit)
    {
        for (var port = Random.Shared.Next(20000, limit); ; port = Random.Shared.Next(20000, limit))
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            try { probe.Start(); return port; }
            catch (SocketException) { }
        }
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Crm.sln"))) return dir.FullName;
        throw new InvalidOperationException("Crm.sln not found above the benchmark's directory.");
    }
}
