using Crm.Customers.Model;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// The channel view (渠道视图, <c>GET /api/customers/{id}/channel</c>) of a distributor with 5,000 outlets in two levels
/// (wholesalers 二批 under it, retail stores under them; one in twenty lost, with its history), in a branch that holds
/// other customers too. The customers service runs on real Kestrel with its own SQLite file and a real RabbitMQ;
/// requests go to it directly over HTTP.
/// Options: --outlets=5000 --wholesalers=200 --others=20000 --samples=200.
/// </summary>
public sealed class ChannelBenchmark : IBenchmark
{
    private static readonly string[] Regions = ["上海", "苏州", "无锡", "杭州", "宁波", "南京", "合肥", "南通"];

    public string Name => "channel";

    public string Description => "channel view p50/p99 of a distributor with 5,000 outlets (SQLite), whole subtree with counts and months";

    public async Task RunAsync(string[] options)
    {
        var outlets = Option(options, "outlets", 5_000);
        var wholesalers = Math.Min(outlets, Option(options, "wholesalers", 200));
        var others = Option(options, "others", 20_000);
        var samples = Option(options, "samples", 200);

        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions { Services = ["customers"], WithGateway = false });
        Console.WriteLine($"Seeding a distributor with {outlets:N0} outlets ({wholesalers} wholesalers) and {others:N0} other customers…");
        var seeding = Stopwatch.StartNew();
        var distributorId = await SeedAsync(system, outlets, wholesalers, others);
        Console.WriteLine($"  seeded in {seeding.Elapsed.TotalSeconds:F0} s");

        using var rep = system.Customers.Client("rep-001", "sh", "sales-rep");
        var shapes = new (string Name, string Query)[]
        {
            ("whole view, first page of 50", ""),
            ("whole view, page 40 of 50", "?page=40&pageSize=50"),
            ("retail only, 200 a page, 24 months", "?tier=retail&pageSize=200&from=2024-12&to=2026-11"),
        };
        var all = new Latencies();
        foreach (var (name, query) in shapes)
        {
            for (var i = 0; i < 5; i++) await GetAsync(rep, distributorId, query);
            var latencies = new Latencies();
            for (var i = 0; i < samples; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await GetAsync(rep, distributorId, query);
                latencies.Add(start);
                all.Add(Stopwatch.GetElapsedTime(start));
            }
            Console.WriteLine($"  {name,-40} {latencies}");
        }
        Console.WriteLine($"result channel: {outlets:N0} outlets, p50 {all.Percentile(50):F1} ms, p99 {all.Percentile(99):F1} ms (n={all.Count})");
    }

    private static async Task<Guid> SeedAsync(CrmSystem system, int outlets, int wholesalers, int others)
    {
        var random = new Random(15);
        var now = DateTimeOffset.UtcNow;
        var owner = new Actor("rep-001", "rep-001");
        return await system.Customers.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CustomersDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var counter = new BranchCodeCounter("sh");
            db.BranchCodeCounters.Add(counter);
            Customer New(string name, Guid? parent, OutletTier? tier, int n)
            {
                var at = now.AddDays(-random.Next(0, 720));
                var customer = Customer.Register("sh", counter.Next(), new CustomerProfile
                {
                    Name = name, Kind = CustomerKind.Other, Region = Regions[random.Next(Regions.Length)], Route = $"R-{n % 40 + 1:D2}",
                    ParentId = parent, OutletTier = tier,
                }, [], owner.Id, owner.Name, owner, owner, null, at, DateOnly.FromDateTime(at.UtcDateTime));
                if (parent is not null && random.Next(20) == 0) customer.ChangeStatus(CustomerStatus.Lost, owner, "停业", at.AddDays(30));
                db.Customers.Add(customer);
                return customer;
            }

            var distributor = New("华东总经销", null, null, 0);
            var level1 = Enumerable.Range(1, wholesalers).Select(i => New($"二批{i}", distributor.Id, OutletTier.Wholesaler, i)).ToList();
            for (var i = 0; i < outlets - wholesalers; i++)
                New($"零售终端{i}", level1[i % level1.Count].Id, i % 10 == 0 ? OutletTier.Other : OutletTier.Retail, i);
            for (var i = 0; i < others; i++) New($"其他客户{i}", null, null, i);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            return distributor.Id;
        });
    }

    private static async Task GetAsync(HttpClient client, Guid id, string query)
    {
        var response = await client.GetAsync($"/api/customers/{id}/channel{query}");
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET channel{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await response.Content.ReadAsByteArrayAsync();
    }

    private static int Option(string[] options, string name, int fallback) =>
        options.Select(o => o.Split('=', 2)).Where(p => p[0] == "--" + name && p.Length == 2).Select(p => int.Parse(p[1], CultureInfo.InvariantCulture))
            .DefaultIfEmpty(fallback).First();
}
