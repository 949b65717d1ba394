using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Crm.Alerts.Infrastructure;
using Crm.Alerts.Model;
using Crm.Alerts.Services;
using Crm.Events;
using Crm.Messaging;
using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Crm.Messaging.Persistence;
using Crm.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// Early warning: the latency from a sale committed with its event in a ledger's outbox to the over-credit-limit
/// alert committed in the alerts database, at sustained rates, and the highest rate the alerts service keeps up with.
/// The ledger is a stand-in with the credit service's shape (a ledger row and its crm.sale-recorded in one
/// transaction, published by Crm.Messaging's outbox dispatcher); swap it for the real credit service once merged.
/// Last, the time one sweep of the time-based rules takes over every customer registered for the run.
/// Options: --rates=25,50,100,200 --seconds=15 --burst=2000 --max-p99-ms=1000.
/// </summary>
public sealed class AlertsBenchmark : IBenchmark
{
    private const decimal Limit = 100_000m;

    public string Name => "alerts";

    public string Description => "sale committed in the ledger's outbox → over-credit-limit alert stored: p50/p99 at sustained rates, highest rate kept up with";

    public async Task RunAsync(string[] options)
    {
        var rates = Option(options, "rates", "25,50,100,200").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToList();
        var seconds = int.Parse(Option(options, "seconds", "15"), CultureInfo.InvariantCulture);
        var burst = int.Parse(Option(options, "burst", "2000"), CultureInfo.InvariantCulture);
        var maxP99 = double.Parse(Option(options, "max-p99-ms", "1000"), CultureInfo.InvariantCulture);

        var stored = new AlertStoredProbe();
        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions
        {
            Services = ["alerts"],
            WithGateway = false,
            Settings = _ => [new("Alerts:ScheduleEnabled", "false"), new("Logging:LogLevel:Default", "Warning")],
            ConfigureServices = (_, services) => services.AddSingleton<IInterceptor>(stored),
        });
        await using var ledger = await LedgerStandIn.StartAsync(system.Broker.AmqpUri());

        var needed = rates.Sum(rate => rate * seconds) + burst;
        Console.WriteLine($"Registering {needed} customers…");
        var customers = Enumerable.Range(0, needed).Select(_ => Guid.CreateVersion7()).ToList();
        var registering = Stopwatch.StartNew();
        foreach (var chunk in customers.Chunk(500))
            await ledger.CommitAsync(chunk.Select(id => (IntegrationEvent)Registered(id)).ToList());
        await WaitAsync(() => system.QueryAsync("alerts", db => ((AlertsDbContext)db).Customers.CountAsync()), n => n >= needed, TimeSpan.FromMinutes(10));
        Console.WriteLine($"  {needed} registrations handled in {registering.Elapsed.TotalSeconds:F1} s ({needed / registering.Elapsed.TotalSeconds:F0}/s, outbox to projection)");

        var next = 0;
        Console.WriteLine();
        Console.WriteLine("| offered rate | achieved | sales | p50 | p99 | max | backlog drained after | kept up |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|:---:|");
        int? highestKept = null;
        foreach (var rate in rates)
        {
            var batch = customers.GetRange(next, rate * seconds);
            next += batch.Count;
            var result = await RunAtRateAsync(ledger, stored, batch, rate);
            var keptUp = result.Latencies.Percentile(99) <= maxP99 && result.Achieved >= rate * 0.95;
            if (keptUp) highestKept = rate;
            Console.WriteLine($"| {rate}/s | {result.Achieved:F0}/s | {batch.Count} | {result.Latencies.Percentile(50):F1} ms | {result.Latencies.Percentile(99):F1} ms | {result.Latencies.Percentile(100):F1} ms | {result.Drain.TotalMilliseconds:F0} ms | {(keptUp ? "yes" : "no")} |");
        }

        var burstCustomers = customers.GetRange(next, burst);
        var throughput = await RunBurstAsync(ledger, stored, burstCustomers);
        Console.WriteLine();
        Console.WriteLine($"Burst: {burst} sales committed at once (all in the outbox within {throughput.Committed.TotalMilliseconds:F0} ms), " +
            $"all {burst} alerts stored after {throughput.AllStored.TotalSeconds:F2} s: {burst / throughput.AllStored.TotalSeconds:F0} alerts/s sustained by the alerts service.");
        var sweep = system.ServicesOf("alerts").GetRequiredService<AlertSweep>();
        var sweeping = Stopwatch.StartNew();
        await sweep.EvaluateTimeBasedRulesAsync(CancellationToken.None);
        Console.WriteLine($"Sweep of the time-based rules over {needed} customers: {sweeping.Elapsed.TotalSeconds:F1} s " +
            $"({sweeping.Elapsed.TotalMilliseconds * 1000 / needed:F0} µs per customer).");
        Console.WriteLine($"Highest offered rate kept up with (p99 ≤ {maxP99} ms, ≥ 95 % of the rate achieved): {(highestKept is { } h ? $"{h}/s" : "none of those tried")}.");
    }

    private static async Task<RateResult> RunAtRateAsync(LedgerStandIn ledger, AlertStoredProbe stored, List<Guid> customers, int rate)
    {
        var committedAt = new ConcurrentDictionary<Guid, long>();
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < customers.Count; i++)
        {
            var due = interval * i;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            await ledger.CommitAsync([Sale(customers[i])]);
            committedAt[customers[i]] = Stopwatch.GetTimestamp();
        }
        var sending = clock.Elapsed;
        var drainStart = Stopwatch.GetTimestamp();
        await WaitAsync(() => Task.FromResult(customers.Count(stored.Contains)), n => n == customers.Count, TimeSpan.FromMinutes(5));
        var drain = Stopwatch.GetElapsedTime(drainStart);

        var latencies = new Latencies();
        foreach (var customer in customers)
            latencies.Add(Stopwatch.GetElapsedTime(committedAt[customer], stored.StoredAt(customer)));
        return new RateResult(customers.Count / sending.TotalSeconds, latencies, drain);
    }

    private static async Task<(TimeSpan Committed, TimeSpan AllStored)> RunBurstAsync(LedgerStandIn ledger, AlertStoredProbe stored, List<Guid> customers)
    {
        var start = Stopwatch.StartNew();
        foreach (var chunk in customers.Chunk(200))
            await ledger.CommitAsync([.. chunk.Select(Sale)]);
        var committed = start.Elapsed;
        await WaitAsync(() => Task.FromResult(customers.Count(stored.Contains)), n => n == customers.Count, TimeSpan.FromMinutes(10));
        return (committed, start.Elapsed);
    }

    private static CustomerRegistered Registered(Guid id) => new()
    {
        CustomerId = id, BranchId = "sh", OccurredAt = DateTimeOffset.UtcNow, Code = "SH-" + id.ToString()[..8], Name = "基准客户",
        Kind = "agent", Region = "华东", OwnerId = "rep-bench", RegisteredBy = "rep-bench", EntryDate = DateOnly.FromDateTime(DateTime.UtcNow),
    };

    private static IntegrationEvent Sale(Guid customer) => new SaleRecorded
    {
        CustomerId = customer, BranchId = "sh", OccurredAt = DateTimeOffset.UtcNow, EntryId = Guid.CreateVersion7(),
        Date = DateOnly.FromDateTime(DateTime.UtcNow), Product = "洗衣粉", Quantity = 100, Amount = 120_000m,
        DueDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), BalanceAfter = 120_000m, CreditLimit = Limit,
    };

    private static async Task WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!done(await probe()))
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException($"Gave up after {timeout}: the alerts service did not keep up.");
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

/// <summary>
/// A ledger with the credit service's shape, for the benchmark only: each commit writes ledger rows and their events
/// in one transaction, and Crm.Messaging's dispatcher publishes the events, as the credit service does.
/// </summary>
public sealed class LedgerStandIn : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _file;

    private LedgerStandIn(IHost host, string file)
    {
        _host = host;
        _file = file;
    }

    public static async Task<LedgerStandIn> StartAsync(string amqpUri)
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-bench-ledger-{Guid.NewGuid():N}.db");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = amqpUri,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDbContext<LedgerDbContext>((services, options) => options
            .UseSqlite($"Data Source={file}")
            .AddInterceptors(services.GetServices<IInterceptor>()));
        builder.AddMessaging<LedgerDbContext>("bench-ledger");
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        await host.StartAsync();
        return new LedgerStandIn(host, file);
    }

    /// <summary>Commits one ledger row per event and the events themselves, in one transaction.</summary>
    public async Task CommitAsync(IReadOnlyList<IntegrationEvent> events)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        foreach (var integrationEvent in events)
        {
            db.Entries.Add(new LedgerEntry { Id = integrationEvent.EventId, CustomerId = integrationEvent.CustomerId, Kind = integrationEvent.GetType().Name });
            db.AddIntegrationEvent(integrationEvent, TimeProvider.System);
        }
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}

public sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : DbContext(options), IMessagingDbContext
{
    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LedgerEntry>().HasKey(e => e.Id);
        modelBuilder.AddOutboxAndInbox();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        ProviderConventions.ForSqlite(configurationBuilder);
}

public sealed class LedgerEntry
{
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public string Kind { get; set; } = "";
}
