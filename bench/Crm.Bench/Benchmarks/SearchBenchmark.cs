using System.Text.Json;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// Customer search and filters under load: 100,000 customers (the customers benchmark's data: four branches, sh 50,000)
/// on SQLite, every query shape of the list measured with 8 concurrent clients, 1,000 requests per shape after a
/// warm-up, over HTTP straight to the customers service (the whole request: plan, count, page, primary contacts, JSON).
/// A branch user (sales-rep of sh) and a head-office role (group-gm, every branch).
/// Each shape also prints the process's CPU per request (the client and the service share the process), and the card
/// by id is measured first as the anchor: what one small request costs on the same host in the same run.
/// Options: --customers=100000 --samples=1000 --concurrency=8; --data=DIR keeps the seeded file in DIR and reuses it on
/// the next run (seeded again when DIR holds none, or one of another size); --only=TEXT runs the shapes whose name
/// contains TEXT.
/// Last line: <c>result search: worst p99 14 ms</c>.
/// </summary>
public sealed class SearchBenchmark : IBenchmark
{
    private static readonly string[] Regions = ["华东", "华北", "华南", "西南", "华中", "东北", "西北"];

    // Three and four characters, from the seed's cities, brands and trades: hundreds to a few thousand matches group-wide.
    private static readonly string[] LongFragments = ["利民日化", "杭州利民", "华美商贸", "永盛超市", "恒通五金", "民日化", "州华美", "宏达批发"];

    public string Name => "search";

    public string Description => "customer search and filters, p50/p99 per shape with 8 concurrent clients over 100,000 customers (SQLite)";

    public async Task RunAsync(string[] options)
    {
        var customers = CustomersBenchmark.Option(options, "customers", 100_000);
        var samples = CustomersBenchmark.Option(options, "samples", 1_000);
        var concurrency = CustomersBenchmark.Option(options, "concurrency", 8);

        var data = options.Select(o => o.Split('=', 2)).Where(p => p[0] == "--data" && p.Length == 2).Select(p => Path.GetFullPath(p[1])).FirstOrDefault();
        var probesFile = data is null ? null : Path.Combine(data, $"search-probes-{customers}.json");
        if (data is not null && !File.Exists(probesFile))
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true); // a file of another size, or a seeding cut short
            Directory.CreateDirectory(data);
        }

        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions { Services = ["customers"], WithGateway = false, DataDirectory = data });
        CustomersBenchmark.Probes probes;
        if (probesFile is not null && File.Exists(probesFile))
        {
            probes = JsonSerializer.Deserialize<CustomersBenchmark.Probes>(await File.ReadAllTextAsync(probesFile))!;
            Console.WriteLine($"Reusing {customers:N0} seeded customers in {data}");
        }
        else
        {
            Console.WriteLine($"Seeding {customers:N0} customers (each with a primary contact, through the model and the DbContext, grams included)…");
            var seeding = Stopwatch.StartNew();
            probes = await CustomersBenchmark.SeedAsync(system, customers);
            Console.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:F0} s; database file {new FileInfo(Path.Combine(system.DataDirectory, "customers.db")).Length / 1024 / 1024} MiB");
            if (probesFile is not null) await File.WriteAllTextAsync(probesFile, JsonSerializer.Serialize(probes));
        }

        using var rep = system.Customers.Client("rep-001", "sh", "sales-rep");
        using var groupGm = system.Customers.Client("gm", "hq", "group-gm");
        var common = probes.CommonFragments;
        var cards = await IdsAsync(rep, probes.Codes.Take(50));
        var shapes = new (string Name, HttpClient Client, Func<int, string> Query)[]
        {
            // The anchor: one customer's card by id (one row by key, its contacts, its JSON), the request cost a list shape adds to.
            ("anchor: the card, GET /api/customers/{id}", rep, i => $"/{cards[i % cards.Count]}"),
            ("branch (50k): name fragment, 2 chars", rep, i => $"search={Esc(common[i % common.Count])}"),
            ("branch (50k): name fragment, 3-4 chars", rep, i => $"search={Esc(LongFragments[i % LongFragments.Length])}"),
            ("branch (50k): whole rare name", rep, i => $"search={Esc(probes.RareNames[i % probes.RareNames.Count])}"),
            ("branch (50k): contact phone, 11 digits", rep, i => $"search={probes.Phones[i % probes.Phones.Count]}"),
            ("branch (50k): contact phone, last 7 typed 3+4", rep, i => $"search={Esc(Tail(probes.Phones[i % probes.Phones.Count]))}"),
            ("branch (50k): code", rep, i => $"search={probes.Codes[i % probes.Codes.Count]}"),
            ("branch (50k): 2 chars + status", rep, i => $"search={Esc(common[i % common.Count])}&status=active"),
            ("branch (50k): status + region, by name", rep, i => $"status=active&region={Esc(Regions[i % Regions.Length])}"),
            ("branch (50k): grade + route", rep, i => $"grade={(char)('A' + i % 5)}&route=R-{i % 40 + 1:D2}"),
            ("branch (50k): owner, by entry date desc", rep, i => $"ownerId=rep-{i % 200 + 1:D3}&sort=-entryDate"),
            ("branch (50k): page 100 of a region", rep, i => $"region={Esc(Regions[i % Regions.Length])}&page=100&pageSize=50"),
            ("group (100k): name fragment, 2 chars", groupGm, i => $"search={Esc(common[i % common.Count])}"),
            ("group (100k): name fragment, 3-4 chars", groupGm, i => $"search={Esc(LongFragments[i % LongFragments.Length])}"),
            ("group (100k): contact phone, 11 digits", groupGm, i => $"search={probes.Phones[i % probes.Phones.Count]}"),
            ("group (100k): code", groupGm, i => $"search={probes.Codes[i % probes.Codes.Count]}"),
            ("group (100k): category + status", groupGm, i => $"category={(i % 2 == 0 ? "core" : "important")}&status=active"),
            ("group (100k): grade", groupGm, i => $"grade={(char)('A' + i % 5)}"),
            ("group (100k): region, by name", groupGm, i => $"region={Esc(Regions[i % Regions.Length])}"),
            ("group (100k): no filter, by name", groupGm, i => "sort=name"),
        };

        Console.WriteLine();
        Console.WriteLine($"Search ({samples} requests per shape, {concurrency} concurrent clients, pageSize 50 unless stated)");
        var worst = (Name: "", P99: 0.0);
        var all = new Latencies();
        var only = options.Select(o => o.Split('=', 2)).Where(p => p[0] == "--only" && p.Length == 2).Select(p => p[1]).FirstOrDefault();
        var measured = shapes.Where(s => only is null || s.Anchor() || s.Name.Contains(only, StringComparison.Ordinal)).ToList();
        // Every shape warmed up first, by the same concurrent clients: the shapes measured first would otherwise pay for
        // the process's warm-up (code still being compiled to its final tier, the thread pool and the heap growing).
        await RunAsync(concurrency, measured.Count * 50, i => GetAsync(measured[i % measured.Count].Client, measured[i % measured.Count].Query(i / measured.Count)));
        foreach (var (name, client, query) in measured)
        {
            for (var i = 0; i < 20; i++) await GetAsync(client, query(i));
            var latencies = new Latencies();
            var next = -1;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < samples)
                {
                    var start = Stopwatch.GetTimestamp();
                    await GetAsync(client, query(i));
                    latencies.Add(start);
                }
            })));
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / samples;
            var anchor = (name, client, query).Anchor();
            if (!anchor) all.AddAll(latencies);
            var total = await GetTotalAsync(client, query(0));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-48} {latencies}, cpu {cpu:F0} us/request   (total of the first: {total:N0})"));
            if (!anchor && latencies.Percentile(99) > worst.P99) worst = (name, latencies.Percentile(99));
        }
        Console.WriteLine($"  {"all shapes",-48} {all}");
        Console.WriteLine($"  worst p99: {worst.Name}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result search: worst p99 {worst.P99:F0} ms"));
    }

    private static async Task RunAsync(int concurrency, int count, Func<int, Task> request)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count) await request(i);
        })));
    }

    /// <summary>The last seven digits as people type them: "1234 567".</summary>
    private static string Tail(string phone) => $"{phone[^7..^3]} {phone[^3..]}";

    private static string PathOf(string query) => query.StartsWith('/') ? $"/api/customers{query}" : $"/api/customers?{query}";

    private static async Task<List<Guid>> IdsAsync(HttpClient client, IEnumerable<string> codes)
    {
        var ids = new List<Guid>();
        foreach (var code in codes)
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/customers?search={Esc(code)}"));
            ids.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        }
        return ids;
    }

    private static async Task GetAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(PathOf(query));
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET ?{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<int> GetTotalAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(PathOf(query));
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return json.RootElement.TryGetProperty("total", out var total) ? total.GetInt32() : 1;
    }

    private static string Esc(string value) => Uri.EscapeDataString(value);
}

internal static class SearchShapes
{
    /// <summary>The anchor shape (the card by id): measured in every run, never counted among the list's shapes.</summary>
    public static bool Anchor(this (string Name, HttpClient Client, Func<int, string> Query) shape) =>
        shape.Name.StartsWith("anchor", StringComparison.Ordinal);
}
