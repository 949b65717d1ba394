using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Net;
using System.Net.Http.Json;
using Crm.Alerts.Infrastructure;
using Crm.Alerts.Model;
using Crm.Alerts.Services;
using Crm.Credit.Infrastructure;
using Crm.Events;
using Crm.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// Early warning: the latency from a sale committed in the credit service (its POST /api/credit/sales answered 201,
/// the ledger row and crm.sale-recorded in one transaction) to the over-credit-limit alert committed in the alerts
/// database, at sustained rates, and the highest rate the pair keeps up with. Each sale is for a customer of its own
/// whose limit (100,000) the sale of 120,000 exceeds, so each raises one alert. Last, the time one sweep of the
/// time-based rules takes over every customer of the run.
/// Options: --rates=25,50,100,200 --seconds=15 --burst=2000 --max-p99-ms=1000.
/// </summary>
public sealed class AlertsBenchmark : IBenchmark
{
    private const decimal Limit = 100_000m;

    public string Name => "alerts";

    public string Description => "sale committed in the credit service → over-credit-limit alert stored: p50/p99 at sustained rates, highest rate kept up with";

    public async Task RunAsync(string[] options)
    {
        var rates = Option(options, "rates", "25,50,100,200").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToList();
        var seconds = int.Parse(Option(options, "seconds", "15"), CultureInfo.InvariantCulture);
        var burst = int.Parse(Option(options, "burst", "2000"), CultureInfo.InvariantCulture);
        var maxP99 = double.Parse(Option(options, "max-p99-ms", "1000"), CultureInfo.InvariantCulture);

        var stored = new AlertStoredProbe();
        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions
        {
            Services = ["credit", "alerts"],
            WithGateway = false,
            Settings = _ => [new("Alerts:ScheduleEnabled", "false"), new("Logging:LogLevel:Default", "Warning")],
            ConfigureServices = (name, services) =>
            {
                if (name == "alerts") services.AddSingleton<IInterceptor>(stored);
            },
        });

        var needed = rates.Sum(rate => rate * seconds) + burst;
        Console.WriteLine($"Registering {needed} customers (crm.customer-registered, as the customers service publishes it)…");
        var customers = Enumerable.Range(0, needed).Select(_ => Guid.CreateVersion7()).ToList();
        var registering = Stopwatch.StartNew();
        await RawPublisher.PublishManyAsync(system.Broker.AmqpUri(), customers.Select(Registered));
        await WaitAsync(() => system.QueryAsync("alerts", db => ((AlertsDbContext)db).Customers.CountAsync()), n => n >= needed, TimeSpan.FromMinutes(10));
        await WaitAsync(() => system.QueryAsync("credit", db => ((CreditDbContext)db).Accounts.CountAsync()), n => n >= needed, TimeSpan.FromMinutes(10));
        Console.WriteLine($"  handled by credit and alerts in {registering.Elapsed.TotalSeconds:F1} s");
        await SeedLimitsAsync(system);

        using var clerk = system.Credit.Client("clerk-bench", "sh", "inside-sales");
        var next = 0;
        Console.WriteLine();
        Console.WriteLine("| offered rate | achieved | sales | p50 | p99 | max | backlog drained after | kept up |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|:---:|");
        int? highestKept = null;
        foreach (var rate in rates)
        {
            var batch = customers.GetRange(next, rate * seconds);
            next += batch.Count;
            var result = await RunAtRateAsync(clerk, stored, batch, rate);
            var keptUp = result.Latencies.Percentile(99) <= maxP99 && result.Achieved >= rate * 0.95;
            if (keptUp) highestKept = rate;
            Console.WriteLine($"| {rate}/s | {result.Achieved:F0}/s | {batch.Count} | {result.Latencies.Percentile(50):F1} ms | {result.Latencies.Percentile(99):F1} ms | {result.Latencies.Percentile(100):F1} ms | {result.Drain.TotalMilliseconds:F0} ms | {(keptUp ? "yes" : "no")} |");
        }

        var burstCustomers = customers.GetRange(next, burst);
        var throughput = await RunBurstAsync(clerk, stored, burstCustomers);
        Console.WriteLine();
        Console.WriteLine($"Burst: {burst} sales posted 32 at a time (all committed in credit within {throughput.Committed.TotalSeconds:F1} s), " +
            $"all {burst} alerts stored after {throughput.AllStored.TotalSeconds:F1} s: {burst / throughput.AllStored.TotalSeconds:F0} sales → alerts per second end to end.");
        var sweep = system.ServicesOf("alerts").GetRequiredService<AlertSweep>();
        var sweeping = Stopwatch.StartNew();
        await sweep.EvaluateTimeBasedRulesAsync(CancellationToken.None);
        Console.WriteLine($"Sweep of the time-based rules over {needed} customers: {sweeping.Elapsed.TotalSeconds:F1} s " +
            $"({sweeping.Elapsed.TotalMilliseconds * 1000 / needed:F0} µs per customer).");
        Console.WriteLine($"Highest offered rate kept up with (p99 ≤ {maxP99} ms, ≥ 95 % of the rate achieved): {(highestKept is { } h ? $"{h}/s" : "none of those tried")}.");
    }

    // Setup only: a limit normally passes four approvals (tests/Crm.Alerts.Tests/CreditToAlertsEndToEndTests does that
    // through the gateway); here every account gets the same limit directly, so that setup is not the benchmark.
    private static Task SeedLimitsAsync(CrmSystem system) => system.QueryAsync("credit", async db =>
    {
        foreach (var account in await ((CreditDbContext)db).Accounts.ToListAsync())
            db.Entry(account).Property(a => a.CreditLimit).CurrentValue = Limit;
        return await db.SaveChangesAsync();
    });

    private static async Task<RateResult> RunAtRateAsync(HttpClient clerk, AlertStoredProbe stored, List<Guid> customers, int rate)
    {
        var committedAt = new ConcurrentDictionary<Guid, long>();
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var clock = Stopwatch.StartNew();
        var posts = new List<Task>(customers.Count);
        for (var i = 0; i < customers.Count; i++)
        {
            var due = interval * i;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var customer = customers[i];
            posts.Add(PostSaleAsync(clerk, customer).ContinueWith(_ => committedAt[customer] = Stopwatch.GetTimestamp(), TaskScheduler.Default));
        }
        await Task.WhenAll(posts);
        var sending = clock.Elapsed;
        var drainStart = Stopwatch.GetTimestamp();
        await WaitAsync(() => Task.FromResult(customers.Count(stored.Contains)), n => n == customers.Count, TimeSpan.FromMinutes(5));
        var drain = Stopwatch.GetElapsedTime(drainStart);

        var latencies = new Latencies();
        foreach (var customer in customers)
            latencies.Add(Stopwatch.GetElapsedTime(committedAt[customer], stored.StoredAt(customer)));
        return new RateResult(customers.Count / sending.TotalSeconds, latencies, drain);
    }

    private static async Task<(TimeSpan Committed, TimeSpan AllStored)> RunBurstAsync(HttpClient clerk, AlertStoredProbe stored, List<Guid> customers)
    {
        var start = Stopwatch.StartNew();
        foreach (var chunk in customers.Chunk(32))
            await Task.WhenAll(chunk.Select(customer => PostSaleAsync(clerk, customer)));
        var committed = start.Elapsed;
        await WaitAsync(() => Task.FromResult(customers.Count(stored.Contains)), n => n == customers.Count, TimeSpan.FromMinutes(10));
        return (committed, start.Elapsed);
    }

    private static async Task PostSaleAsync(HttpClient clerk, Guid customer)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        using var response = await clerk.PostAsJsonAsync("/api/credit/sales", new
        {
            customerId = customer, date = today, product = "洗衣粉", specification = "5kg", quantity = 100, amount = 120_000m, dueDate = today.AddDays(30),
        });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"The credit service refused a sale: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static CustomerRegistered Registered(Guid id) => new()
    {
        CustomerId = id, BranchId = "sh", OccurredAt = DateTimeOffset.UtcNow, Code = "SH-" + id.ToString()[..8], Name = "基准客户",
        Kind = "agent", Region = "华东", OwnerId = "rep-bench", RegisteredBy = "rep-bench", EntryDate = DateOnly.FromDateTime(DateTime.UtcNow),
    };

    private static async Task WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!done(await probe()))
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException($"Gave up after {timeout}: the services did not keep up.");
            await Task.Delay(20);
        }
    }

    private static string Option(string[] options, string name, string fallback) =>
        options.FirstOrDefault(o => o.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..] ?? fallback;

    private sealed record RateResult(double Achieved, Latencies Latencies, TimeSpan Drain);
}

/// <summary>
/// Stamps the moment each new alert is committed in the alerts database (inside the inbox's transaction: at its
/// commit), by customer. Registered in the alerts host as one more EF interceptor.
/// </summary>
public sealed class AlertStoredProbe : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConcurrentDictionary<Guid, long> _storedAt = new();
    private readonly ConditionalWeakTable<DbContext, List<Guid>> _pending = new();

    public bool Contains(Guid customerId) => _storedAt.ContainsKey(customerId);

    public long StoredAt(Guid customerId) => _storedAt[customerId];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var added = context.ChangeTracker.Entries<Alert>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.CustomerId).ToList();
            if (added.Count > 0)
            {
                if (context.Database.CurrentTransaction is null) Stamp(added);
                else lock (_pending) _pending.GetOrCreateValue(context).AddRange(added);
            }
        }
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        List<Guid>? added = null;
        lock (_pending)
        {
            if (eventData.Context is { } context && _pending.TryGetValue(context, out added)) _pending.Remove(context);
        }
        if (added is not null) Stamp(added);
        return Task.CompletedTask;
    }

    private void Stamp(IEnumerable<Guid> customers)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var customer in customers) _storedAt.TryAdd(customer, now);
    }
}
