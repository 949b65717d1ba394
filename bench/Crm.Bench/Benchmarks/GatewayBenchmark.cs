using System.Net.Http.Json;
using System.Text.Json;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// The same <c>GET /api/customers/{id}</c> three ways: straight to the customers service, through the CRM gateway (JWT
/// validation, per-user rate limiter, telemetry, problems, YARP) and through a bare YARP proxy on the same route (YARP
/// and nothing else), each in a process of its own (<see cref="HostProcess"/>), the three arms alternating in rounds so
/// that drift on the machine hits them alike. The gateway's figure is against the bare proxy: what the gateway adds to
/// YARP. Options: --seconds=10 --rounds=2 --concurrency=1,16.
/// </summary>
public sealed class GatewayBenchmark : IBenchmark
{
    public string Name => "gateway";
    public string Description => "gateway overhead: the same GET direct, through the gateway and through a bare YARP proxy, each in its own process";

    public async Task RunAsync(string[] options)
    {
        var seconds = Option(options, "--seconds", 10);
        var rounds = Option(options, "--rounds", 2);
        var levels = OptionList(options, "--concurrency", [1, 16]);

        var data = Path.Combine(Path.GetTempPath(), "crm-bench-gateway", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        await using var broker = await TestBroker.CreateVirtualHostAsync();
        try
        {
            await using var customers = await HostProcess.StartAsync("customers", TestTokens.HostSettings().Concat(
            [
                new("ConnectionStrings:customersdb", $"Data Source={Path.Combine(data, "customers.db")}"),
                new("ConnectionStrings:messaging", broker.AmqpUri()),
            ]));
            await using var gateway = await HostProcess.StartAsync("gateway", TestTokens.HostSettings().Concat(
            [
                new("RateLimiting:PermitsPerSecond", "100000"),
                new("RateLimiting:Burst", "100000"),
                new("ReverseProxy:Clusters:customers:Destinations:d1:Address", customers.Address.ToString()),
            ]));
            await using var bare = await HostProcess.StartAsync("bare-yarp", [new("Destination", customers.Address.ToString())]);

            var token = TestTokens.For("bench-rep", "sh", "sales-rep");
            using var register = HttpLoad.Client(customers.Address, token, 1);
            var created = await (await register.PostAsJsonAsync("/api/customers", new { name = "基准测试客户", kind = "agent", region = "华东" }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            var path = $"/api/customers/{created.GetProperty("id").GetGuid()}";

            var arms = new (string Name, HostProcess Host)[] { ("direct to customers", customers), ("through the gateway", gateway), ("through bare YARP", bare) };
            Console.WriteLine($"GET {path}; customers, gateway and bare YARP each in a process of its own; {rounds} rounds of {seconds} s per arm and concurrency, alternating");
            Console.WriteLine("| concurrency | path | requests/s | p50 ms | p99 ms | errors |");
            Console.WriteLine("|---|---|---|---|---|---|");
            var summary = new Dictionary<int, (HttpLoad.Result Gateway, HttpLoad.Result Bare)>();
            foreach (var concurrency in levels)
            {
                var clients = arms.Select(a => HttpLoad.Client(a.Host.Address, token, concurrency)).ToList();
                try
                {
                    foreach (var client in clients) await HttpLoad.RunAsync(client, path, TimeSpan.FromSeconds(2), concurrency); // warm-up
                    var runs = arms.Select(_ => new List<HttpLoad.Result>()).ToList();
                    for (var round = 0; round < rounds; round++)
                        for (var arm = 0; arm < arms.Length; arm++)
                            runs[arm].Add(await HttpLoad.RunAsync(clients[arm], path, TimeSpan.FromSeconds(seconds), concurrency));
                    var results = runs.Select(HttpLoad.Result.Combine).ToList();
                    for (var arm = 0; arm < arms.Length; arm++)
                    {
                        var r = results[arm];
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"| {concurrency} | {arms[arm].Name} | {r.RequestsPerSecond:F0} | {r.Latencies.Percentile(50):F2} | {r.Latencies.Percentile(99):F2} | {r.Errors} |"));
                    }
                    summary[concurrency] = (results[1], results[2]);
                }
                finally
                {
                    clients.ForEach(c => c.Dispose());
                }
            }
            foreach (var (concurrency, (g, b)) in summary)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"concurrency {concurrency}: gateway / bare YARP throughput {g.RequestsPerSecond / b.RequestsPerSecond:F2}×, p50 {g.Latencies.Percentile(50) - b.Latencies.Percentile(50):+0.00;-0.00} ms, p99 {g.Latencies.Percentile(99) - b.Latencies.Percentile(99):+0.00;-0.00} ms"));
            // Throughput where the gateway is loaded (the most concurrent level); the latency it adds where nothing queues (the least).
            var (loadedGateway, loadedBare) = summary[levels.Max()];
            var (singleGateway, singleBare) = summary[levels.Min()];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"result gateway: ratio {loadedGateway.RequestsPerSecond / loadedBare.RequestsPerSecond:F2} of bare yarp, added p50 {singleGateway.Latencies.Percentile(50) - singleBare.Latencies.Percentile(50):F2} ms"));
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { /* a child may still hold a file for a moment */ }
        }
    }

    private static IReadOnlyList<int> OptionList(string[] options, string name, IReadOnlyList<int> fallback)
    {
        var value = options.FirstOrDefault(o => o.StartsWith(name + "=", StringComparison.Ordinal));
        return value is null ? fallback : value[(name.Length + 1)..].Split(',').Select(int.Parse).ToList();
    }

    internal static int Option(string[] options, string name, int fallback)
    {
        var prefix = name + "=";
        var value = options.FirstOrDefault(o => o.StartsWith(prefix, StringComparison.Ordinal));
        return value is not null && int.TryParse(value[prefix.Length..], out var parsed) ? parsed : fallback;
    }
}
