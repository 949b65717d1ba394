using System.Net.Http.Json;
using System.Text;
using Crm.Customers.Model;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// Customer profiles: search and filter latency over 100,000 customers on SQLite, register throughput with the
/// outbox (requests answered, and events confirmed by the broker), and a CSV import. The customers service runs on
/// real Kestrel with its own SQLite file and a real RabbitMQ; requests go to it directly over HTTP (the gateway's own
/// overhead is the platform benchmark's).
/// Options: --customers=100000 --samples=200 --registrations=2000 --concurrency=8 --import-rows=5000.
/// </summary>
public sealed class CustomersBenchmark : IBenchmark
{
    private static readonly (string Branch, double Share)[] Branches = [("sh", 0.5), ("bj", 0.25), ("gz", 0.15), ("cd", 0.10)];
    private static readonly string[] Regions = ["华东", "华北", "华南", "西南", "华中", "东北", "西北"];
    private static readonly string[] Cities = ["杭州", "宁波", "温州", "苏州", "无锡", "南京", "上海", "北京", "天津", "广州", "深圳", "成都", "重庆", "武汉", "长沙", "西安", "沈阳", "郑州", "济南", "合肥"];
    private static readonly string[] Brands = ["利民", "恒通", "金山", "华美", "永盛", "瑞丰", "鑫源", "宏达", "百川", "佳和", "光明", "东方", "新世纪", "联华", "福星", "长虹", "顺发", "天成", "汇丰", "泰和"];
    private static readonly string[] Trades = ["日化", "商贸", "百货", "超市", "批发", "贸易", "实业", "食品", "五金", "家电"];
    private static readonly string[] Suffixes = ["有限公司", "商行", "经营部", "股份有限公司", "贸易有限公司"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];

    public string Name => "customers";

    public string Description => "search p50/p99 over 100,000 customers (SQLite); register throughput including the outbox; CSV import";

    public async Task RunAsync(string[] options)
    {
        var customers = Option(options, "customers", 100_000);
        var samples = Option(options, "samples", 200);
        var registrations = Option(options, "registrations", 2_000);
        var concurrency = Option(options, "concurrency", 8);
        var importRows = Option(options, "import-rows", 5_000);

        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions { Services = ["customers"], WithGateway = false });
        Console.WriteLine($"Seeding {customers:N0} customers (each with a primary contact) in {Branches.Length} branches…");
        var seeding = Stopwatch.StartNew();
        var probes = await SeedAsync(system, customers);
        Console.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:F0} s; database file {new FileInfo(Path.Combine(system.DataDirectory, "customers.db")).Length / 1024 / 1024} MiB");

        var (searchWorstP99, cardP99) = await SearchAsync(system, probes, samples);
        var registered = await RegisterAsync(system, registrations, concurrency);
        var imported = await ImportAsync(system, importRows);
        Console.WriteLine(FormattableString.Invariant(
            $"result customers: search worst p99 {searchWorstP99:F0} ms, card p99 {cardP99:F0} ms, register {registered:F0}/s confirmed, import {imported:F0} rows/s"));
    }

    /// <summary>Search and filter latencies, each query shape measured on its own after a warm-up: the worst shape's p99 and the card's.</summary>
    private static async Task<(double WorstP99, double CardP99)> SearchAsync(CrmSystem system, Probes probes, int samples)
    {
        using var rep = system.Customers.Client("rep-001", "sh", "sales-rep");
        using var groupGm = system.Customers.Client("gm", "hq", "group-gm");
        var shapes = new (string Name, HttpClient Client, Func<int, string> Query)[]
        {
            ("branch (50k): name fragment, 2 chars, many matches", rep, i => $"search={Esc(probes.CommonFragments[i % probes.CommonFragments.Count])}"),
            ("branch (50k): rare name", rep, i => $"search={Esc(probes.RareNames[i % probes.RareNames.Count])}"),
            ("branch (50k): contact phone digits", rep, i => $"search={probes.Phones[i % probes.Phones.Count]}"),
            ("branch (50k): code", rep, i => $"search={probes.Codes[i % probes.Codes.Count]}"),
            ("branch (50k): status + region, sorted by name", rep, i => $"status=active&region={Esc(Regions[i % Regions.Length])}"),
            ("branch (50k): grade + route", rep, i => $"grade={(char)('A' + i % 5)}&route=R-{i % 40 + 1:D2}"),
            ("branch (50k): owner, sorted by entry date desc", rep, i => $"ownerId=rep-{i % 200 + 1:D3}&sort=-entryDate"),
            ("branch (50k): page 100 of a region", rep, i => $"region={Esc(Regions[i % Regions.Length])}&page=100&pageSize=50"),
            ("group (100k): name fragment", groupGm, i => $"search={Esc(probes.CommonFragments[i % probes.CommonFragments.Count])}"),
            ("group (100k): category + status", groupGm, i => $"category={(i % 2 == 0 ? "core" : "important")}&status=active"),
        };
        Console.WriteLine();
        Console.WriteLine($"Search ({samples} requests per shape, sequential, pageSize 50 unless stated)");
        var all = new Latencies();
        var worstP99 = 0d;
        foreach (var (name, client, query) in shapes)
        {
            for (var i = 0; i < 5; i++) await GetAsync(client, query(i));
            var latencies = new Latencies();
            for (var i = 0; i < samples; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await GetAsync(client, query(i));
                latencies.Add(start);
                all.Add(Stopwatch.GetElapsedTime(start));
            }
            Console.WriteLine($"  {name,-52} {latencies}");
            worstP99 = Math.Max(worstP99, latencies.Percentile(99));
        }
        Console.WriteLine($"  {"all shapes",-52} {all}");

        var card = new Latencies();
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            (await rep.GetAsync($"/api/customers/{probes.Ids[i % probes.Ids.Count]}")).EnsureSuccessStatusCode();
            card.Add(start);
        }
        Console.WriteLine($"  {"card (GET /api/customers/{id})",-52} {card}");
        return (worstP99, card.Percentile(99));
    }

    /// <summary>Registrations over HTTP with a few concurrent clients; done when every event is confirmed by the broker (the rate returned).</summary>
    private static async Task<double> RegisterAsync(CrmSystem system, int count, int concurrency)
    {
        Console.WriteLine();
        Console.WriteLine($"Register {count:N0} customers over HTTP, {concurrency} clients at once, each with a contact and a tax number");
        var clients = Enumerable.Range(0, concurrency).Select(i => system.Customers.Client($"rep-bench-{i}", "sh", "sales-rep")).ToList();
        var latencies = new Latencies();
        var next = -1;
        var run = Guid.NewGuid().ToString("N")[..6];
        var total = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async client =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                var response = await client.PostAsJsonAsync("/api/customers", new
                {
                    name = $"基准{run}客户{i}有限公司", kind = "agent", region = Regions[i % Regions.Length], route = $"R-{i % 40 + 1:D2}",
                    taxNumber = TaxNumber(i + 10_000_000), contacts = new[] { new { name = $"联系人{i}", mobile = $"139{i:D8}" } },
                });
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"Registration {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                latencies.Add(start);
            }
        }));
        var answered = total.Elapsed;
        await Eventually.Until(
            () => system.QueryAsync("customers", db => ((CustomersDbContext)db).OutboxMessages.CountAsync()), rows => rows == 0,
            "the outbox to drain", TimeSpan.FromMinutes(10));
        var drained = total.Elapsed;
        foreach (var client in clients) client.Dispose();

        Console.WriteLine($"  answered: {count / answered.TotalSeconds:F0} customers/s ({answered.TotalSeconds:F1} s); request {latencies}");
        Console.WriteLine($"  with every crm.customer-registered confirmed by the broker: {count / drained.TotalSeconds:F0} customers/s ({drained.TotalSeconds:F1} s)");
        return count / drained.TotalSeconds;
    }

    /// <summary>A CSV import, dry run then real run; the real run's rate returned.</summary>
    private static async Task<double> ImportAsync(CrmSystem system, int rows)
    {
        var rate = 0d;
        Console.WriteLine();
        var run = Guid.NewGuid().ToString("N")[..6];
        var csv = new StringBuilder("客户名称,客户类型,地区,路序,税号,联系人,手机\n");
        for (var i = 0; i < rows; i++)
            csv.Append(CultureInfo.InvariantCulture, $"导入{run}客户{i}有限公司,代理商,{Regions[i % Regions.Length]},R-{i % 40 + 1:D2},{TaxNumber(i + 20_000_000)},联系人{i},138{i:D8}\n");
        using var insideSales = system.Customers.Client("is-bench", "gz", "inside-sales");

        foreach (var dryRun in new[] { true, false })
        {
            var start = Stopwatch.GetTimestamp();
            var response = await insideSales.PostAsync($"/api/customers/import?dryRun={dryRun}", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"Import: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Console.WriteLine($"Import of {rows:N0} rows ({csv.Length * 3 / 1024} KiB or less), {(dryRun ? "dry run" : "real run"),-8}: {elapsed.TotalSeconds:F1} s ({rows / elapsed.TotalSeconds:F0} rows/s)");
            rate = rows / elapsed.TotalSeconds;
        }
        return rate;
    }

    internal sealed record Probes(List<string> CommonFragments, List<string> RareNames, List<string> Phones, List<string> Codes, List<Guid> Ids);

    /// <summary>Writes the customers straight through the model and the DbContext (the setup, not the measurement).</summary>
    internal static async Task<Probes> SeedAsync(CrmSystem system, int total)
    {
        var random = new Random(42);
        var probes = new Probes(["利民", "华美", "日化", "永盛", "商贸"], [], [], [], []);
        var now = DateTimeOffset.UtcNow;
        var seeded = 0;
        foreach (var (branch, share) in Branches)
        {
            var count = branch == Branches[^1].Branch ? total - seeded : (int)(total * share);
            const int batch = 2_000;
            for (var done = 0; done < count; done += batch)
            {
                await system.Customers.InScopeAsync<int>(async services =>
                {
                    var db = services.GetRequiredService<CustomersDbContext>();
                    db.ChangeTracker.AutoDetectChangesEnabled = false;
                    var counter = await db.BranchCodeCounters.FirstOrDefaultAsync(c => c.BranchId == branch);
                    if (counter is null) db.BranchCodeCounters.Add(counter = new BranchCodeCounter(branch));
                    for (var i = done; i < Math.Min(count, done + batch); i++)
                    {
                        var n = seeded + i;
                        var name = $"{Pick(random, Cities)}{Pick(random, Brands)}{Pick(random, Trades)}{n}{Pick(random, Suffixes)}";
                        var owner = $"rep-{random.Next(1, 201):D3}";
                        var phone = $"13{random.Next(100_000_000, 999_999_999)}";
                        var customer = Customer.Register(
                            branch, counter.Next(),
                            new CustomerProfile
                            {
                                Name = name, Kind = (CustomerKind)(n % 4), Region = Regions[random.Next(Regions.Length)], Route = $"R-{random.Next(1, 41):D2}",
                                Category = random.Next(10) switch { 0 => CustomerCategory.Core, < 4 => CustomerCategory.Important, _ => CustomerCategory.General },
                                Industry = Pick(random, Trades), Address = $"{Pick(random, Cities)}市某区某路 {random.Next(1, 999)} 号", TaxNumber = TaxNumber(n),
                                AnnualSales = random.Next(100, 100_000) * 1000m,
                            },
                            [new NewContact(new ContactDetails { Name = $"{Pick(random, Surnames)}经理{n}", Mobile = phone }, true)],
                            owner, owner, new Actor(owner, owner), new Actor(owner, owner), null, now.AddMinutes(-n), DateOnly.FromDateTime(now.AddMinutes(-n).UtcDateTime));
                        if (random.Next(10) < 8)
                            customer.ApplyGrade(((char)('A' + random.Next(5))).ToString(), random.Next(50, 100), "2026-10", now, new Actor("credit", "credit"));
                        if (random.Next(20) == 0)
                            customer.ChangeStatus(random.Next(2) == 0 ? CustomerStatus.Inactive : CustomerStatus.Lost, new Actor(owner, owner), "seed", now);
                        db.Customers.Add(customer);
                        if (branch == "sh" && n % 997 == 0)
                        {
                            probes.RareNames.Add(name);
                            probes.Phones.Add(phone);
                            probes.Codes.Add(customer.Code);
                            probes.Ids.Add(customer.Id);
                        }
                    }
                    db.ChangeTracker.DetectChanges();
                    return await db.SaveChangesAsync();
                });
            }
            seeded += count;
        }
        return probes;
    }

    private static async Task GetAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/customers?{query}");
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET ?{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>A valid unified social credit code, unique per number.</summary>
    private static string TaxNumber(int n)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        var body = "91330100" + n.ToString("D9", CultureInfo.InvariantCulture);
        var sum = body.Select((c, i) => alphabet.IndexOf(c, StringComparison.Ordinal) * weights[i]).Sum();
        return body + alphabet[(31 - sum % 31) % 31];
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Esc(string value) => Uri.EscapeDataString(value);

    internal static int Option(string[] options, string name, int fallback) =>
        options.Select(o => o.Split('=', 2)).Where(p => p[0] == "--" + name && p.Length == 2).Select(p => int.Parse(p[1], CultureInfo.InvariantCulture))
            .DefaultIfEmpty(fallback).First();
}
