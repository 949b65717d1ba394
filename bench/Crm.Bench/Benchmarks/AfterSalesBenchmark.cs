using Crm.AfterSales.Infrastructure;
using Crm.AfterSales.Model;
using Crm.AfterSales.Services;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// After-sales: the monthly statistics request (GET /api/aftersales/statistics/monthly through the gateway, as a
/// manager of the branch) over 100,000 complaints of that month, seeded directly in the service's SQLite database through
/// the model (assessed, proposed, closed, root causes, 2,000 customers, 40 products, 8 regions), p50/p99 over sequential
/// requests; then one service-level sweep over 10,000 open complaints whose first-response deadline has passed.
/// Options: --complaints=100000 --open=10000 --requests=40.
/// </summary>
public sealed class AfterSalesBenchmark : IBenchmark
{
    private const string Branch = "sh";

    public string Name => "aftersales";

    public string Description => "monthly complaint statistics over 100,000 complaints (p50/p99 of the request) and the service-level sweep over 10,000 open complaints";

    public async Task RunAsync(string[] options)
    {
        var complaints = int.Parse(Option(options, "complaints", "100000"), CultureInfo.InvariantCulture);
        var open = int.Parse(Option(options, "open", "10000"), CultureInfo.InvariantCulture);
        var requests = int.Parse(Option(options, "requests", "40"), CultureInfo.InvariantCulture);

        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions
        {
            Services = ["aftersales"],
            Settings = _ => [new("AfterSales:ScheduleEnabled", "false"), new("Logging:LogLevel:Default", "Warning")],
        });

        var seeding = Stopwatch.StartNew();
        var customers = Enumerable.Range(0, 2_000).Select(i => Guid.CreateVersion7()).ToList();
        await SeedCustomersAsync(system, customers);
        var monthStart = new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero); // 2026-03-01 00:00 in Shanghai
        await SeedAsync(system, complaints, (db, i, user) => MonthComplaint(i, customers, monthStart, user));
        Console.WriteLine($"Seeded {complaints:N0} complaints of 2026-03 in {seeding.Elapsed.TotalSeconds:F1} s");

        using var manager = system.Gateway("sam-bench", Branch, "sales-admin-manager");
        var latencies = new Latencies();
        for (var i = 0; i < requests + 3; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await manager.GetAsync("/api/aftersales/statistics/monthly?month=2026-03");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"statistics answered {(int)response.StatusCode}: {body}");
            if (i >= 3) latencies.Add(started); // three warm-up requests
            if (i == 0) Console.WriteLine($"  first answer: {body.Length:N0} bytes, opened {System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("opened").GetInt32():N0}");
        }
        Console.WriteLine($"Statistics request: {latencies}");

        var now = DateTimeOffset.UtcNow;
        await SeedAsync(system, open, (db, i, user) => Complaint.Receive(customers[i % customers.Count], Branch, "华东", $"待答复 {i}", "无人答复的投诉",
            "洗衣粉", null, Severity.Medium, new ServiceLevelTarget(TimeSpan.FromHours(24), TimeSpan.FromDays(7)), user, now.AddHours(-30)));
        var sweep = system.ServicesOf("aftersales").GetRequiredService<ServiceLevelSweep>();
        var sweeping = Stopwatch.StartNew();
        var breaches = await sweep.RunAsync(CancellationToken.None);
        sweeping.Stop();
        Console.WriteLine($"Sweep over {open:N0} open complaints past their first-response deadline: {breaches:N0} breaches marked and staged in {sweeping.Elapsed.TotalMilliseconds:F0} ms");
        if (breaches != open) throw new InvalidOperationException($"The sweep marked {breaches} deadlines, expected {open}.");

        Console.WriteLine($"result aftersales: statistics p50 {latencies.Percentile(50):F0} ms, p99 {latencies.Percentile(99):F0} ms, sweep {sweeping.Elapsed.TotalMilliseconds:F0} ms");
    }

    private static readonly string[] Regions = ["华东", "华南", "华北", "华中", "西南", "西北", "东北", "港澳"];

    /// <summary>One complaint of the month, through the model: 60 % closed, half of them quality with a root cause.</summary>
    private static Complaint MonthComplaint(int i, List<Guid> customers, DateTimeOffset monthStart, ICurrentUser user)
    {
        var opened = monthStart.AddMinutes(i * (30.0 * 24 * 60 / 100_000) % (30 * 24 * 60));
        var severity = (Severity)(i % 4);
        var complaint = Complaint.Receive(customers[i % customers.Count], Branch, Regions[i % Regions.Length], $"投诉 {i}", "批量数据",
            $"产品{i % 40:D2}", $"B{i % 500:D4}", severity, new ServiceLevelTarget(TimeSpan.FromHours(24), TimeSpan.FromDays(3)), user, opened);
        // Open ones missed their deadlines long ago and were marked then: the sweep below finds only the new ones.
        if (i % 10 == 9) return Marked(complaint, user); // still received
        var quality = i % 2 == 0;
        complaint.Assess(quality ? ComplaintCategory.Quality : ComplaintCategory.NonQuality, "判断", severity,
            quality ? (RootCause)(i % 6) : null, quality ? "纠正措施" : null,
            (category, _) => new ServiceLevelTarget(TimeSpan.FromHours(24), category == ComplaintCategory.Quality ? TimeSpan.FromDays(7) : TimeSpan.FromDays(3)),
            user, opened.AddHours(1 + i % 30));
        if (i % 10 >= 6) return Marked(complaint, user);
        complaint.Propose(ResolutionKind.Replacement, "换货", null, user, opened.AddHours(32));
        complaint.SignOff(null, user, opened.AddHours(33));
        complaint.RecordCustomerResponse(true, null, user, opened.AddHours(40));
        complaint.Complete(null, user, opened.AddHours(48 + i % 200));
        return complaint;
    }

    private static Complaint Marked(Complaint complaint, ICurrentUser user)
    {
        complaint.MarkBreaches(user, DateTimeOffset.UtcNow);
        return complaint;
    }

    private static async Task SeedCustomersAsync(CrmSystem system, List<Guid> customers)
    {
        await using var scope = system.ServicesOf("aftersales").CreateSystemScope("the after-sales benchmark's seeding");
        var db = scope.ServiceProvider.GetRequiredService<AfterSalesDbContext>();
        var registered = DateTimeOffset.UtcNow;
        db.Customers.AddRange(customers.Select((id, i) => CustomerReference.From(new Crm.Events.CustomerRegistered
        {
            CustomerId = id, BranchId = Branch, OccurredAt = registered, Code = $"SH-{i:D5}", Name = $"客户{i:D5}", Region = Regions[i % Regions.Length],
            OwnerId = "rep-1", Kind = "agent", RegisteredBy = "rep-1",
        })));
        await db.SaveChangesAsync();
    }

    private static async Task SeedAsync(CrmSystem system, int count, Func<AfterSalesDbContext, int, ICurrentUser, Complaint> make)
    {
        var user = new SeedingUser();
        for (var start = 0; start < count; start += 5_000)
        {
            await using var scope = system.ServicesOf("aftersales").CreateSystemScope("the after-sales benchmark's seeding");
            var db = scope.ServiceProvider.GetRequiredService<AfterSalesDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = Enumerable.Range(start, Math.Min(5_000, count - start)).Select(i => make(db, i, user)).ToList();
            db.Complaints.AddRange(batch);
            await db.SaveChangesAsync();
        }
    }

    /// <summary>The seeding acts as the service itself (every role check passes for the system).</summary>
    private sealed class SeedingUser : ICurrentUser
    {
        public string Id => CurrentUser.SystemId;
        public string Name => "bench";
        public string BranchId => Branch;
        public IReadOnlySet<string> Roles { get; } = new HashSet<string>(CrmRoles.All);
        public bool SeesAllBranches => true;
        public bool IsSystem => true;
        public bool IsInRole(string role) => true;
        public bool IsInAnyRole(IEnumerable<string> roles) => true;
        public bool CanAccessBranch(string branchId) => true;
    }

    private static string Option(string[] options, string name, string fallback) =>
        options.FirstOrDefault(o => o.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..] ?? fallback;
}
