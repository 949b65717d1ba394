using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Crm.Alerts.Infrastructure;
using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Crm.Messaging.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// Early warning at a sustained rate: sales recorded in the credit service (POST /api/credit/sales, the ledger row and
/// crm.sale-recorded committed in one transaction) and the latency from that outbox row's time to the sale's effect
/// committed in the alerts database (its inbox record, in the same transaction as the alert raised or the evidence added
/// to the open one). Every customer gets several sales over its limit, spread over the run: the first raises the
/// over-credit-limit alert, the later ones add evidence to it. A warm-up at the same rate comes first and is not counted.
/// Backlog: the sales not yet applied in alerts one second after the last one was committed in credit.
/// Options: --rate=200 --seconds=60 --warmup=10 --sales-per-customer=4.
/// </summary>
public sealed class AlertsBenchmark : IBenchmark
{
    private const decimal Limit = 100_000m;
    private const decimal Amount = 120_000m;

    public string Name => "alerts";

    public string Description => "sale committed in credit (outbox row's time) → its alert or evidence committed in alerts: p50/p99 at a sustained rate, backlog";

    public async Task RunAsync(string[] options)
    {
        var rate = int.Parse(Option(options, "rate", "200"), CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option(options, "seconds", "60"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(Option(options, "warmup", "10"), CultureInfo.InvariantCulture);
        var perCustomer = int.Parse(Option(options, "sales-per-customer", "4"), CultureInfo.InvariantCulture);

        var committed = new OutboxRowProbe();
        var applied = new SaleAppliedProbe();
        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions
        {
            Services = ["credit", "alerts"],
            WithGateway = false,
            Settings = _ => [new("Alerts:ScheduleEnabled", "false"), new("Logging:LogLevel:Default", "Warning")],
            ConfigureServices = (name, services) =>
            {
                if (name == "credit") services.AddSingleton<IInterceptor>(committed);
                if (name == "alerts") services.AddSingleton<IInterceptor>(applied);
            },
        });

        using var readAhead = new ReadAheadCounter(system.ServicesOf("alerts").GetRequiredService<IMeterFactory>());
        var warmupCustomers = Customers(rate * warmup, perCustomer);
        var measuredCustomers = Customers(rate * seconds, perCustomer);
        var all = warmupCustomers.Concat(measuredCustomers).ToList();
        Console.WriteLine($"Registering {all.Count} customers (crm.customer-registered, as the customers service publishes it)…");
        var registering = Stopwatch.StartNew();
        await RawPublisher.PublishManyAsync(system.Broker.AmqpUri(), all.Select(Registered));
        await WaitAsync(() => system.QueryAsync("alerts", db => ((AlertsDbContext)db).Customers.CountAsync()), n => n >= all.Count, TimeSpan.FromMinutes(10));
        await WaitAsync(() => system.QueryAsync("credit", db => ((CreditDbContext)db).Accounts.CountAsync()), n => n >= all.Count, TimeSpan.FromMinutes(10));
        Console.WriteLine($"  handled by credit and alerts in {registering.Elapsed.TotalSeconds:F1} s");
        await SeedLimitsAsync(system);

        using var clerk = system.Credit.Client("clerk-bench", "sh", "inside-sales");
        Console.WriteLine($"Warm-up: {rate}/s for {warmup} s ({warmupCustomers.Count} customers × {perCustomer} sales)…");
        var warm = await RunAtRateAsync(clerk, committed, applied, warmupCustomers, perCustomer, rate);
        Console.WriteLine($"  {warm}");
        Console.WriteLine($"Measured: {rate}/s for {seconds} s ({measuredCustomers.Count} customers × {perCustomer} sales; the first raises, the others add evidence)…");
        var (readAheadApplied, readAgain) = (readAhead.Applied, readAhead.ReadAgain);
        var run = await RunAtRateAsync(clerk, committed, applied, measuredCustomers, perCustomer, rate);
        Console.WriteLine($"  {run}");
        Console.WriteLine($"  sales read ahead of the write lock and applied as read: {readAhead.Applied - readAheadApplied}, read again: {readAhead.ReadAgain - readAgain}");

        var alerts = await system.QueryAsync("alerts", db => ((AlertsDbContext)db).Alerts.CountAsync(a => a.Rule == "over-credit-limit"));
        Console.WriteLine($"  over-credit-limit alerts stored: {alerts} for {all.Count} customers");
        Console.WriteLine();
        Console.WriteLine("| offered | achieved | sales | p50 | p90 | p99 | max | backlog 1 s after the last sale | all applied after |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {rate}/s | {run.Achieved:F0}/s | {run.Sales} | {run.Latencies.Percentile(50):F1} ms | {run.Latencies.Percentile(90):F1} ms | " +
            $"{run.Latencies.Percentile(99):F1} ms | {run.Latencies.Percentile(100):F1} ms | {run.Backlog} | {run.Drain.TotalMilliseconds:F0} ms |");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result alerts: p99 {run.Latencies.Percentile(99):F0} ms at {rate}/s, backlog {run.Backlog}"));
    }

    private static List<Guid> Customers(int sales, int perCustomer) =>
        [.. Enumerable.Range(0, Math.Max(1, sales / perCustomer)).Select(_ => Guid.CreateVersion7())];

    // Setup only: a limit normally passes four approvals (tests/Crm.Alerts.Tests/CreditToAlertsEndToEndTests does that
    // through the gateway); here every account gets the same limit directly, so that setup is not the benchmark.
    private static Task SeedLimitsAsync(CrmSystem system) => system.QueryAsync("credit", async db =>
    {
        foreach (var account in await ((CreditDbContext)db).Accounts.ToListAsync())
            db.Entry(account).Property(a => a.CreditLimit).CurrentValue = Limit;
        return await db.SaveChangesAsync();
    });

    /// <summary>
    /// Posts <paramref name="perCustomer"/> sales for each customer at the offered rate, round by round over the
    /// customers (a customer's sales lie a round apart), then waits for every sale's effect in alerts.
    /// </summary>
    private static async Task<RunResult> RunAtRateAsync(
        HttpClient clerk, OutboxRowProbe committed, SaleAppliedProbe applied, List<Guid> customers, int perCustomer, int rate)
    {
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var posts = new List<Task<Guid>>(customers.Count * perCustomer);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var i = 0;
        for (var round = 0; round < perCustomer; round++)
        {
            foreach (var customer in customers)
            {
                var due = interval * i++;
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
                posts.Add(PostSaleAsync(clerk, committed, customer));
            }
        }
        var sales = await Task.WhenAll(posts);
        var sending = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var backlog = sales.Count(sale => !applied.Contains(sale));
        var drainStart = Stopwatch.GetTimestamp();
        await WaitAsync(() => Task.FromResult(sales.Count(applied.Contains)), n => n == sales.Length, TimeSpan.FromMinutes(5));
        var drain = Stopwatch.GetElapsedTime(drainStart) + TimeSpan.FromSeconds(1);
        process.Refresh();
        var cpuPerSale = (process.TotalProcessorTime - cpu).TotalMilliseconds / sales.Length;

        var latencies = new Latencies();
        foreach (var sale in sales) latencies.Add(applied.AppliedAt(sale) - committed.CreatedAt(sale));
        return new RunResult(sales.Length, sales.Length / sending.TotalSeconds, latencies, backlog, drain, cpuPerSale);
    }

    /// <summary>Records a sale; returns the event id of its crm.sale-recorded (the outbox row credit committed with it).</summary>
    private static async Task<Guid> PostSaleAsync(HttpClient clerk, OutboxRowProbe committed, Guid customer)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        using var response = await clerk.PostAsJsonAsync("/api/credit/sales", new
        {
            customerId = customer, date = today, product = "洗衣粉", specification = "5kg", quantity = 100, amount = Amount, dueDate = today.AddDays(30),
        });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"The credit service refused a sale: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return committed.TakeSaleOf(customer);
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

    /// <param name="CpuPerSale">
    /// CPU time of the whole process (load generator, credit, alerts: they share it and the machine's cores) per sale,
    /// from the first post until every sale was applied.
    /// </param>
    private sealed record RunResult(int Sales, double Achieved, Latencies Latencies, int Backlog, TimeSpan Drain, double CpuPerSale)
    {
        public override string ToString() =>
            $"{Sales} sales at {Achieved:F0}/s: p50 {Latencies.Percentile(50):F1} ms, p99 {Latencies.Percentile(99):F1} ms, max {Latencies.Percentile(100):F1} ms, backlog {Backlog}, " +
            $"process CPU {CpuPerSale:F2} ms per sale";
    }
}

/// <summary>
/// In the credit host: the time of each crm.sale-recorded outbox row (its <c>CreatedAt</c>, stamped in the transaction
/// that records the sale), by event id, and the sales not yet claimed by the poster, by customer.
/// </summary>
public sealed class OutboxRowProbe : SaveChangesInterceptor
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _createdAt = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<Guid>> _byCustomer = new();

    public DateTimeOffset CreatedAt(Guid eventId) => _createdAt[eventId];

    /// <summary>The event id of the customer's earliest sale not yet taken (posts for one customer are a round apart).</summary>
    public Guid TakeSaleOf(Guid customer) =>
        _byCustomer.TryGetValue(customer, out var queue) && queue.TryDequeue(out var id)
            ? id
            : throw new InvalidOperationException($"No crm.sale-recorded was written for customer {customer}.");

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        foreach (var row in eventData.Context?.ChangeTracker.TrackedEntriesOf<OutboxMessage>().Where(e => e.State == EntityState.Added) ?? [])
        {
            if (row.Entity.MessageType != "crm.sale-recorded") continue;
            var sale = (SaleRecorded)row.Entity.ToEvent();
            _createdAt[sale.EventId] = row.Entity.CreatedAt;
            _byCustomer.GetOrAdd(sale.CustomerId, _ => new ConcurrentQueue<Guid>()).Enqueue(sale.EventId);
        }
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// In the alerts host: when each crm.sale-recorded was applied, i.e. its inbox record (with the alert raised or the
/// evidence added, in one transaction) committed; wall-clock time, like the outbox row's.
/// </summary>
public sealed class SaleAppliedProbe : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private const string Consumer = "SaleRecordedHandler";
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _appliedAt = new();
    private readonly ConditionalWeakTable<DbContext, List<Guid>> _saving = new();
    private readonly ConditionalWeakTable<DbContext, List<Guid>> _awaitingCommit = new();

    public bool Contains(Guid eventId) => _appliedAt.ContainsKey(eventId);

    public DateTimeOffset AppliedAt(Guid eventId) => _appliedAt[eventId];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var added = context.ChangeTracker.TrackedEntriesOf<InboxMessage>()
                .Where(e => e.State == EntityState.Added && e.Entity.Consumer == Consumer)
                .Select(e => e.Entity.MessageId).ToList();
            if (added.Count > 0) lock (_saving) _saving.AddOrUpdate(context, added);
        }
        return ValueTask.FromResult(result);
    }

    // After the save the transaction exists if there is one (a deferred one begins inside the save).
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context) return ValueTask.FromResult(result);
        List<Guid>? saved;
        lock (_saving)
        {
            if (!_saving.TryGetValue(context, out saved)) return ValueTask.FromResult(result);
            _saving.Remove(context);
        }
        if (context.Database.CurrentTransaction is null) Stamp(saved);
        else lock (_awaitingCommit) _awaitingCommit.GetOrCreateValue(context).AddRange(saved);
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        List<Guid>? committed = null;
        lock (_awaitingCommit)
        {
            if (eventData.Context is { } context && _awaitingCommit.TryGetValue(context, out committed)) _awaitingCommit.Remove(context);
        }
        if (committed is not null) Stamp(committed);
        return Task.CompletedTask;
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        lock (_awaitingCommit)
        {
            if (eventData.Context is { } context) _awaitingCommit.Remove(context);
        }
        return Task.CompletedTask;
    }

    private void Stamp(IEnumerable<Guid> eventIds)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var id in eventIds) _appliedAt.TryAdd(id, now);
    }
}
