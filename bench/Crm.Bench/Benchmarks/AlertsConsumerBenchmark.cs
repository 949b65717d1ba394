using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Crm.Alerts.Infrastructure;
using Crm.Messaging.Inbox;
using Crm.Messaging.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// The alerts service's consumer alone: a backlog of crm.sale-recorded (several per customer, over the limit: the first
/// raises, the others add evidence) published straight to the broker, then drained. Reports the drain rate and the
/// process's CPU time per event, which holds up on a busy machine where wall-clock rates do not (nothing else runs in
/// the process: no credit service, no load generator). Options: --sales=4000 --sales-per-customer=4.
/// </summary>
public sealed class AlertsConsumerBenchmark : IBenchmark
{
    private const decimal Limit = 100_000m;

    public string Name => "alerts-consumer";

    public string Description => "alerts alone draining a backlog of crm.sale-recorded: events/s and CPU per event";

    public async Task RunAsync(string[] options)
    {
        var count = int.Parse(Option(options, "sales", "4000"), CultureInfo.InvariantCulture);
        var perCustomer = int.Parse(Option(options, "sales-per-customer", "4"), CultureInfo.InvariantCulture);
        var applied = new InboxRecordCounter();
        var commands = new CommandCounter();
        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions
        {
            Services = ["alerts"],
            WithGateway = false,
            Settings = _ => [new("Alerts:ScheduleEnabled", "false"), new("Logging:LogLevel:Default", "Warning")],
            ConfigureServices = (_, services) =>
            {
                services.AddSingleton<IInterceptor>(applied);
                services.AddSingleton<IInterceptor>(commands);
            },
        });
        using var readAhead = new ReadAheadCounter(system.ServicesOf("alerts").GetRequiredService<IMeterFactory>());

        var customers = Enumerable.Range(0, Math.Max(1, count / perCustomer)).Select(_ => Guid.CreateVersion7()).ToList();
        Console.WriteLine($"Registering {customers.Count} customers…");
        await RawPublisher.PublishManyAsync(system.Broker.AmqpUri(), customers.Select(Registered));
        await WaitAsync(() => system.QueryAsync("alerts", db => ((AlertsDbContext)db).Customers.CountAsync()), n => n >= customers.Count);

        // Warm-up: one round, not counted.
        var warm = Enumerable.Range(0, Math.Min(200, customers.Count)).Select(_ => Guid.CreateVersion7()).ToList();
        await RawPublisher.PublishManyAsync(system.Broker.AmqpUri(), warm.Select(Registered));
        await RawPublisher.PublishManyAsync(system.Broker.AmqpUri(), warm.SelectMany(c => Sales(c, 2)));
        await WaitAsync(() => Task.FromResult(applied.Sales), n => n >= 2 * warm.Count);

        var sales = Enumerable.Range(0, perCustomer).SelectMany(round => customers.Select(c => Sale(c, round))).ToList();
        Console.WriteLine($"Publishing {sales.Count} sales ({perCustomer} per customer) while the consumer runs…");
        var before = applied.Sales;
        var (reads, writes) = (commands.Reads, commands.Writes);
        var (readAheadApplied, readAgain) = (readAhead.Applied, readAhead.ReadAgain);
        var allocated = GC.GetTotalAllocatedBytes();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var gen0 = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        await RawPublisher.PublishManyAsync(system.Broker.AmqpUri(), sales);
        var published = clock.Elapsed;
        await WaitAsync(() => Task.FromResult(applied.Sales), n => n >= before + sales.Count);
        var drained = clock.Elapsed;
        process.Refresh();
        var used = process.TotalProcessorTime - cpu;

        Console.WriteLine($"  allocated {(GC.GetTotalAllocatedBytes() - allocated) / sales.Count / 1024.0:F0} KiB per event");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  SQL commands per event: {(double)(commands.Reads - reads) / sales.Count:F1} reads, {(double)(commands.Writes - writes) / sales.Count:F1} writes; " +
            $"read ahead of the write lock and applied as read: {readAhead.Applied - readAheadApplied}, read again: {readAhead.ReadAgain - readAgain}"));
        var alerts = await system.QueryAsync("alerts", db => ((AlertsDbContext)db).Alerts.CountAsync(a => a.Rule == "over-credit-limit"));
        Console.WriteLine($"  published in {published.TotalSeconds:F1} s, applied in {drained.TotalSeconds:F1} s; " +
            $"over-credit-limit alerts {alerts} for {customers.Count + warm.Count} customers; gen0 GCs {GC.CollectionCount(0) - gen0}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result alerts-consumer: {sales.Count / drained.TotalSeconds:F0} events/s, {used.TotalMilliseconds / sales.Count:F2} ms cpu per event"));
    }

    private static IEnumerable<SaleRecorded> Sales(Guid customer, int rounds) => Enumerable.Range(0, rounds).Select(r => Sale(customer, r));

    private static SaleRecorded Sale(Guid customer, int round)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        return new SaleRecorded
        {
            CustomerId = customer, BranchId = "sh", OccurredAt = DateTimeOffset.UtcNow.AddSeconds(round), EntryId = Guid.CreateVersion7(),
            Date = today, Product = "洗衣粉", Specification = "5kg", Quantity = 100, Amount = 120_000m, DueDate = today.AddDays(30),
            BalanceAfter = 120_000m * (round + 1), CreditLimit = Limit, OutsideContract = true,
        };
    }

    private static CustomerRegistered Registered(Guid id) => new()
    {
        CustomerId = id, BranchId = "sh", OccurredAt = DateTimeOffset.UtcNow, Code = "SH-" + id.ToString()[..8], Name = "基准客户",
        Kind = "agent", Region = "华东", OwnerId = "rep-bench", RegisteredBy = "rep-bench", EntryDate = DateOnly.FromDateTime(DateTime.UtcNow),
    };

    private static async Task WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (!done(await probe()))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(15)) throw new TimeoutException("The alerts service did not drain its queue.");
            await Task.Delay(20);
        }
    }

    private static string Option(string[] options, string name, string fallback) =>
        options.FirstOrDefault(o => o.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..] ?? fallback;

    /// <summary>Counts crm.sale-recorded applied in alerts: inbox records of the sale handler committed.</summary>
    private sealed class InboxRecordCounter : SaveChangesInterceptor
    {
        private int _sales;
        private readonly ConditionalWeakTable<DbContext, StrongBox<int>> _pending = new();

        public int Sales => Volatile.Read(ref _sales);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } context)
            {
                var added = context.ChangeTracker.TrackedEntriesOf<InboxMessage>()
                    .Count(e => e.State == EntityState.Added && e.Entity.Consumer == "SaleRecordedHandler");
                if (added > 0) _pending.GetOrCreateValue(context).Value += added;
            }
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            // Counted once saved; the transaction commits right after (a benchmark's count, not a latency).
            if (eventData.Context is { } context && _pending.TryGetValue(context, out var box))
            {
                Interlocked.Add(ref _sales, box.Value);
                box.Value = 0;
            }
            return ValueTask.FromResult(result);
        }
    }
}

/// <summary>The alerts host's SQL commands: reads (SELECT) and writes (anything else, BEGIN and COMMIT excluded: not commands).</summary>
internal sealed class CommandCounter : DbCommandInterceptor
{
    private long _reads;
    private long _writes;

    public long Reads => Interlocked.Read(ref _reads);
    public long Writes => Interlocked.Read(ref _writes);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    private void Count(DbCommand command)
    {
        if (command.CommandText.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)) Interlocked.Increment(ref _reads);
        else Interlocked.Increment(ref _writes);
    }
}

/// <summary>The alerts host's crm.alerts.sales_read_ahead: sales applied as read ahead, and read again.</summary>
internal sealed class ReadAheadCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _applied;
    private long _readAgain;

    public ReadAheadCounter(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Name == "crm.alerts.sales_read_ahead") listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key != "crm.alerts.read_ahead") continue;
                if (Equals(tag.Value, "applied")) Interlocked.Add(ref _applied, value);
                else Interlocked.Add(ref _readAgain, value);
            }
        });
        _listener.Start();
    }

    public long Applied => Interlocked.Read(ref _applied);
    public long ReadAgain => Interlocked.Read(ref _readAgain);

    public void Dispose() => _listener.Dispose();
}
