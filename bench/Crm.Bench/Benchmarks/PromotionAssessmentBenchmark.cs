using Crm.Credit.Model;
using Crm.Credit.Services;
using Crm.Messaging.Persistence;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// The promotion assessment (促销效果评估) over 24 months of ledger on SQLite: one branch of N customers with a sale
/// and a payment a month for 24 months (the grading benchmark's ledger), plus H heavy customers with five sales a day
/// for the same 24 months. An approved 30-day promotion per assessed customer, somewhere in the 24 months, with two
/// expenses against it. Each assessment (the service's own <c>AssessAsync</c>, in a fresh scope, as a request would run
/// it: the plan, the customer, the period's and the baseline's sales by product, the support charged to it) is timed;
/// reported p50/p99 for ordinary and for heavy customers.
/// Options: --customers=10000 (ordinary customers), --heavy=50, --samples=1000, --keep (leave the SQLite file).
/// </summary>
public sealed class PromotionAssessmentBenchmark : IBenchmark
{
    public string Name => "promotion-assessment";
    public string Description => "promotion assessment (sales in the period against the baseline, cost per extra unit) over 24 months of ledger on SQLite";

    private const string Branch = "bench";
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 2, 0, 0, TimeSpan.Zero);

    public async Task RunAsync(string[] options)
    {
        var customers = int.Parse(Option(options, "customers") ?? "10000", CultureInfo.InvariantCulture);
        var heavy = int.Parse(Option(options, "heavy") ?? "50", CultureInfo.InvariantCulture);
        var samples = int.Parse(Option(options, "samples") ?? "1000", CultureInfo.InvariantCulture);
        var file = Path.Combine(Path.GetTempPath(), $"crm-bench-promotions-{customers}.db");
        try
        {
            var generation = Stopwatch.StartNew();
            var (sales, payments) = await GradingBenchmark.GenerateAsync(file, customers);
            var heavySales = await AddHeavyCustomersAsync(file, heavy);
            Console.WriteLine($"  {customers:N0} customers with {sales:N0} sales and {payments:N0} payments, {heavy} heavy customers with {heavySales:N0} sales, " +
                $"generated in {generation.Elapsed.TotalSeconds:F1} s ({new FileInfo(file).Length / 1024 / 1024:N0} MiB)");

            await using var services = Services(file);
            var (ordinary, heavyPlans) = await PlanAsync(services, samples, heavy);
            var first = await AssessAsync(services, ordinary);
            await MeasureAsync(services, heavyPlans); // warm-up: JIT and EF's compiled queries
            var ordinaryLatencies = await MeasureAsync(services, ordinary);
            var ordinaryAgain = await MeasureAsync(services, ordinary);
            var heavyLatencies = await MeasureAsync(services, Enumerable.Range(0, Math.Max(1, samples / heavyPlans.Count)).SelectMany(_ => heavyPlans).ToList());
            Console.WriteLine($"  ordinary customers (~48 entries each), first pass: {ordinaryLatencies}");
            Console.WriteLine($"  ordinary customers, second pass (pages cached): {ordinaryAgain}");
            Console.WriteLine($"  heavy customers (~3,650 sales each), {samples / heavyPlans.Count} passes over {heavyPlans.Count}: {heavyLatencies}");
            Console.WriteLine($"  (a sample assessment: extra sales {first.ExtraSales:N2}, cost {first.Cost:N2}, cost per extra ¥ {first.CostPerExtraYuan?.ToString(CultureInfo.InvariantCulture) ?? "—"})");
            Console.WriteLine($"result promotion-assessment: ordinary {ordinaryLatencies}; heavy {heavyLatencies}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!options.Contains("--keep"))
                foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                    File.Delete(path);
        }
    }

    /// <summary>Heavy customers: five sales a day, in five products, for the 24 months.</summary>
    private static async Task<long> AddHeavyCustomersAsync(string file, int heavy)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var customer = connection.CreateCommand();
        customer.Transaction = transaction;
        customer.CommandText = "INSERT INTO Customers (Id, BranchId, Code, Name, Region, Status, OwnerId, RegisteredAt, ProfileVersion, OwnerChangedAt, StatusChangedAt) " +
                               "VALUES ($id, 'bench', $code, $name, '华东', 'active', 'rep-1', $at, 1, $at, $at)";
        var entry = connection.CreateCommand();
        entry.Transaction = transaction;
        entry.CommandText = "INSERT INTO LedgerEntries (Id, BranchId, CustomerId, Number, Date, Amount, BalanceAfter, RecordedAt, RecordedBy, Kind, Product, Quantity, DueDate) " +
                            "VALUES ($id, 'bench', $customer, $number, $date, $amount, 0, $at, 'bench', 'sale', $product, $quantity, $date)";
        foreach (var name in new[] { "$id", "$code", "$name", "$at" }) customer.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        foreach (var name in new[] { "$id", "$customer", "$number", "$date", "$amount", "$at", "$product", "$quantity" }) entry.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        string[] products = ["洗衣粉", "香皂", "牙膏", "洗发水", "沐浴露"];
        var random = new Random(15);
        var first = DateOnly.FromDateTime(Now.UtcDateTime).AddMonths(-24);
        long count = 0;
        for (var h = 1; h <= heavy; h++)
        {
            var id = Guid.CreateVersion7().ToString().ToUpperInvariant();
            customer.Parameters["$id"].Value = id;
            customer.Parameters["$code"].Value = $"H-{h:D4}";
            customer.Parameters["$name"].Value = $"大客户{h}";
            customer.Parameters["$at"].Value = Now.AddYears(-3).UtcTicks;
            customer.ExecuteNonQuery();
            var number = 0;
            for (var day = first; day < DateOnly.FromDateTime(Now.UtcDateTime); day = day.AddDays(1))
                foreach (var product in products)
                {
                    entry.Parameters["$id"].Value = Guid.CreateVersion7().ToString().ToUpperInvariant();
                    entry.Parameters["$customer"].Value = id;
                    entry.Parameters["$number"].Value = ++number;
                    entry.Parameters["$date"].Value = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    entry.Parameters["$amount"].Value = random.Next(10_000, 500_000) * 10_000L; // 100.00 – 5,000.00 in millionths
                    entry.Parameters["$at"].Value = Now.UtcTicks;
                    entry.Parameters["$product"].Value = product;
                    entry.Parameters["$quantity"].Value = random.Next(1, 100) * 1_000_000L;
                    entry.ExecuteNonQuery();
                    count++;
                }
        }
        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        await analyze.ExecuteNonQueryAsync();
        return count;
    }

    /// <summary>An approved 30-day plan for <paramref name="samples"/> ordinary customers and for every heavy one, each with two expenses.</summary>
    private static async Task<(List<Guid> Ordinary, List<Guid> Heavy)> PlanAsync(ServiceProvider services, int samples, int heavy)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CreditDbContext>();
        var random = new Random(20261116);
        var ordinary = await db.Customers.Where(c => c.Code.StartsWith("B-") && c.Status != "lost").OrderBy(c => c.Code).Take(samples).ToListAsync();
        var heavyCustomers = await db.Customers.Where(c => c.Code.StartsWith("H-")).ToListAsync();
        var ordinaryPlans = new List<Guid>();
        var heavyPlans = new List<Guid>();
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        foreach (var (customer, list) in ordinary.Select(c => (c, ordinaryPlans)).Concat(heavyCustomers.Select(c => (c, heavyPlans))))
        {
            // Start 60–690 days ago: the period and its baseline fall inside the 24 months, and the period is over.
            var startsOn = today.AddDays(-random.Next(60, 690));
            var promotion = Promotion.Request(customer, PromotionKind.Promotion, "堆头促销", startsOn, startsOn.AddDays(29), 10_000m, null, null, Now, "rep-1", null);
            promotion.Decide(true, null, null, Now, "manager-1", null);
            promotion.Spend(customer.Id, startsOn, 1_200m);
            promotion.Spend(customer.Id, startsOn.AddDays(10), 800m);
            db.Promotions.Add(promotion);
            list.Add(promotion.Id);
        }
        await db.SaveChangesAsync();
        return (ordinaryPlans, heavyPlans);
    }

    private static async Task<Crm.Credit.Apis.PromotionAssessment> AssessAsync(ServiceProvider services, IReadOnlyList<Guid> plans)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PromotionService>().AssessAsync(plans[0], CancellationToken.None);
    }

    private static async Task<Latencies> MeasureAsync(ServiceProvider services, IReadOnlyList<Guid> plans)
    {
        var latencies = new Latencies();
        foreach (var id in plans)
        {
            var start = Stopwatch.GetTimestamp();
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<PromotionService>().AssessAsync(id, CancellationToken.None);
            latencies.Add(start);
        }
        return latencies;
    }

    private static ServiceProvider Services(string file)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(new FixedClock(Now));
        services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
        services.AddScoped<ICurrentUser, CurrentUser>(); // outside a request: the service itself, seeing every branch
        services.AddServiceDbContext<CreditDbContext, SqliteCreditDbContext>((_, o) => o.UseSqlite($"Data Source={file};Pooling=True"));
        services.AddSingleton<FieldWorkTelemetry>();
        services.AddScoped<CustomerDirectory>();
        services.AddScoped<PromotionService>();
        return services.BuildServiceProvider();
    }

    private static string? Option(string[] options, string name) =>
        options.FirstOrDefault(o => o.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..];

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
