using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestKit;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// The same GET, straight to the customers service and through the gateway (JWT validation, rate limiter, YARP),
/// in one run, alternating rounds so that drift on the machine hits both alike. Everything runs in this process on
/// real Kestrel sockets, so client, gateway and service share the machine's two cores, as they would on one box.
/// </summary>
public sealed class GatewayBenchmark : IBenchmark
{
    public string Name => "gateway";
    public string Description => "gateway overhead: the same GET direct and through the gateway";

    public async Task RunAsync(string[] options)
    {
        var seconds = Option(options, "--seconds", 10);
        var levels = OptionList(options, "--concurrency", [1, 16]);
        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions { Services = ["customers"] });

        using var rep = system.Gateway("bench-rep", "sh", "sales-rep");
        var created = await (await rep.PostAsJsonAsync("/api/customers", new { name = "基准测试客户", kind = "agent", region = "华东" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var path = $"/api/customers/{created.GetProperty("id").GetGuid()}";

        using var direct = system.Customers.Client("bench-rep", "sh", "sales-rep");
        using var gateway = system.Gateway("bench-rep", "sh", "sales-rep");
        await LoadAsync(direct, path, 2, levels.Max()); // warm-up: JIT, connection pools, SQLite cache
        await LoadAsync(gateway, path, 2, levels.Max());

        Console.WriteLine($"GET {path}, {2 * seconds} s per path and concurrency, alternating rounds");
        Console.WriteLine("| concurrency | path | requests/s | p50 ms | p99 ms | errors |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var ratios = new List<string>();
        foreach (var concurrency in levels)
        {
            var directRuns = new List<LoadResult>();
            var gatewayRuns = new List<LoadResult>();
            for (var round = 0; round < 2; round++)
            {
                directRuns.Add(await LoadAsync(direct, path, seconds, concurrency));
                gatewayRuns.Add(await LoadAsync(gateway, path, seconds, concurrency));
            }
            var d = LoadResult.Combine(directRuns);
            var g = LoadResult.Combine(gatewayRuns);
            Console.WriteLine($"| {concurrency} | direct to customers | {d.RequestsPerSecond:F0} | {d.Latencies.Percentile(50):F2} | {d.Latencies.Percentile(99):F2} | {d.Errors} |");
            Console.WriteLine($"| {concurrency} | through the gateway | {g.RequestsPerSecond:F0} | {g.Latencies.Percentile(50):F2} | {g.Latencies.Percentile(99):F2} | {g.Errors} |");
            ratios.Add($"concurrency {concurrency}: gateway/direct throughput {g.RequestsPerSecond / d.RequestsPerSecond:F2}×, " +
                       $"p50 {g.Latencies.Percentile(50) / d.Latencies.Percentile(50):F2}×, p99 {g.Latencies.Percentile(99) / d.Latencies.Percentile(99):F2}×");
        }
        ratios.ForEach(Console.WriteLine);
    }

    private static IReadOnlyList<int> OptionList(string[] options, string name, IReadOnlyList<int> fallback)
    {
        var value = options.FirstOrDefault(o => o.StartsWith(name + "=", StringComparison.Ordinal));
        return value is null ? fallback : value[(name.Length + 1)..].Split(',').Select(int.Parse).ToList();
    }

    private static async Task<LoadResult> LoadAsync(HttpClient client, string path, int seconds, int concurrency)
    {
        var latencies = new Latencies();
        var errors = 0;
        var stop = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (stop.Elapsed < until)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path);
                await response.Content.LoadIntoBufferAsync();
                latencies.Add(start);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
            }
        }));
        return new LoadResult(latencies, stop.Elapsed, errors);
    }

    internal static int Option(string[] options, string name, int fallback)
    {
        var prefix = name + "=";
        var value = options.FirstOrDefault(o => o.StartsWith(prefix, StringComparison.Ordinal));
        return value is not null && int.TryParse(value[prefix.Length..], out var parsed) ? parsed : fallback;
    }

    private sealed record LoadResult(Latencies Latencies, TimeSpan Elapsed, int Errors)
    {
        public double RequestsPerSecond => Latencies.Count / Elapsed.TotalSeconds;

        public static LoadResult Combine(IReadOnlyList<LoadResult> runs)
        {
            var all = new Latencies();
            foreach (var run in runs) all.AddAll(run.Latencies);
            return new LoadResult(all, TimeSpan.FromTicks(runs.Sum(r => r.Elapsed.Ticks)), runs.Sum(r => r.Errors));
        }
    }
}
