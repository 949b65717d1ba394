using System.Diagnostics;
using System.Globalization;
using Crm.Credit.Infrastructure;
using Crm.Credit.Model;
using Crm.Credit.Services;
using Crm.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Crm.ServiceDefaults;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// A grading run (客户等级评估) of one branch on SQLite: N customers with 24 months of sales (one a month) and a payment
/// for each, graded for the 24th month. The first run grades everyone (every grade new, an event each, a limit
/// request for every changed limit); the second run is the idempotent one, which must find nothing to do. Reported:
/// wall time per phase (the run's own spans), peak working set and managed heap sampled during the run, bytes allocated.
/// Options: --customers=100000,200000 (the sizes, run in turn), --keep (leave the SQLite files).
/// </summary>
public sealed class GradingBenchmark : IBenchmark
{
    public string Name => "grading";
    public string Description => "grading run over N customers × 24 months of sales on SQLite (set-based), first run and idempotent re-run";

    private const string Branch = "bench";
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 2, 0, 0, TimeSpan.Zero);
    private static readonly YearMonth Period = new(2026, 10);
    private static readonly string[] Products = ["洗衣粉", "香皂", "牙膏", "洗发水", "沐浴露", "洗洁精", "柔顺剂", "消毒液", "纸巾", "湿巾"];
    private static readonly string[] Regions = ["华东", "华北", "华南", "西南", "东北"];

    public async Task RunAsync(string[] options)
    {
        var sizes = Option(options, "customers")?.Split(',').Select(int.Parse).ToArray() ?? [100_000, 200_000];
        var keep = options.Contains("--keep");
        foreach (var customers in sizes)
        {
            var file = Path.Combine(Path.GetTempPath(), $"crm-bench-grading-{customers}.db");
            try
            {
                var generation = Stopwatch.StartNew();
                var (sales, payments) = await GenerateAsync(file, customers);
                Console.WriteLine($"  {customers:N0} customers: {sales:N0} sales and {payments:N0} payments generated in {generation.Elapsed.TotalSeconds:F1} s " +
                    $"({new FileInfo(file).Length / 1024 / 1024:N0} MiB)");

                await using var services = Services(file);
                var first = await MeasureAsync(services, "first run");
                var second = await MeasureAsync(services, "second run");
                if (second.Summary.Changed != 0 || second.Summary.GradesPublished != 0 || second.Summary.LimitRequestsFiled != 0)
                    throw new InvalidOperationException("The second run changed something: grading is not idempotent.");
                if (first.Summary.Graded + first.Summary.SkippedLost != customers)
                    throw new InvalidOperationException($"The first run graded {first.Summary.Graded} of {customers}.");
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                if (!keep)
                    foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                        File.Delete(path);
            }
        }
    }

    private sealed record Measured(GradingRunSummary Summary);

    private static async Task<Measured> MeasureAsync(ServiceProvider services, string label)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var phases = new Dictionary<string, double>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CreditTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (phases) phases[activity.DisplayName] = activity.Duration.TotalSeconds; },
        };
        ActivitySource.AddActivityListener(listener);

        using var sampler = new PeakSampler();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        GradingRunSummary summary;
        await using (var scope = services.CreateSystemScope("the grading benchmark"))
            summary = await scope.ServiceProvider.GetRequiredService<GradingService>().RunAsync(Branch, Period, "bench", "Bench", CancellationToken.None);
        stopwatch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var (workingSet, heap) = sampler.Stop();

        Console.WriteLine($"  {label}: {stopwatch.Elapsed.TotalSeconds:F1} s, CPU {cpu.TotalSeconds:F1} s " +
            $"(gather {Phase(phases, "grading gather")}, assess {Phase(phases, "grading assess")}, write {Phase(phases, "grading write")}); " +
            $"peak working set {workingSet / 1024 / 1024:N0} MiB, peak managed heap {heap / 1024 / 1024:N0} MiB, allocated {allocated / 1024 / 1024:N0} MiB");
        Console.WriteLine($"    graded {summary.Graded:N0} (lost skipped {summary.SkippedLost:N0}), changed {summary.Changed:N0}, " +
            $"events {summary.GradesPublished:N0}, limit requests {summary.LimitRequestsFiled:N0}; " +
            string.Join(" ", summary.ByGrade.Select(g => $"{g.Key} {g.Value:N0}")));
        return new Measured(summary);
    }

    private static string Phase(Dictionary<string, double> phases, string name) =>
        phases.TryGetValue(name, out var seconds) ? $"{seconds:F1} s" : "—";

    private static ServiceProvider Services(string file)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(new FixedClock(Now));
        services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
        services.AddScoped<BackgroundIdentity>();
        services.AddScoped<ICurrentUser, CurrentUser>(); // outside a request: the service itself, acting as its scope declares
        services.AddDbContext<CreditDbContext, SqliteCreditDbContext>(o => o.UseSqlite($"Data Source={file};Pooling=True"));
        services.AddSingleton<CreditTelemetry>();
        services.AddScoped<GradingModels>();
        services.AddScoped<GradingService>();
        return services.BuildServiceProvider();
    }

    /// <summary>Creates the schema with the service's own migrations, then loads the data with plain prepared inserts.</summary>
    internal static async Task<(long Sales, long Payments)> GenerateAsync(string file, int customers)
    {
        foreach (var path in new[] { file, file + "-wal", file + "-shm" }) File.Delete(path);
        await using (var provider = Services(file))
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CreditDbContext>();
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await Execute(connection, "PRAGMA synchronous=OFF;");
        // The ledger's indexes are built once after the load rather than row by row during it.
        var indexes = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'LedgerEntries' AND sql IS NOT NULL";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) indexes.Add(reader.GetString(1));
        }
        foreach (var index in indexes)
            await Execute(connection, $"DROP INDEX \"{System.Text.RegularExpressions.Regex.Match(index, "INDEX \"([^\"]+)\"").Groups[1].Value}\";");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var customer = Prepare(connection, transaction,
            "INSERT INTO Customers (Id, BranchId, Code, Name, Region, Status, OwnerId, RegisteredAt, ProfileVersion, OwnerChangedAt, StatusChangedAt, ScorecardScore, ScorecardAt, ScorecardId) " +
            "VALUES ($id, $branch, $code, $name, $region, $status, $owner, $at, 1, $at, $at, $score, $scoreAt, $scoreId)");
        var account = Prepare(connection, transaction,
            "INSERT INTO CreditAccounts (CustomerId, BranchId, Balance, CreditLimit, EntryCount, Version) VALUES ($id, $branch, $balance, $limit, $count, 1)");
        var entry = Prepare(connection, transaction,
            "INSERT INTO LedgerEntries (Id, BranchId, CustomerId, Number, Date, Amount, BalanceAfter, RecordedAt, RecordedBy, Kind, Product, Quantity, DueDate) " +
            "VALUES ($id, $branch, $customer, $number, $date, $amount, $balance, $at, 'bench', $kind, $product, $quantity, $due)");

        var random = new Random(20261116);
        var registeredAt = Now.AddYears(-3).UtcTicks;
        long sales = 0, payments = 0;
        var firstMonth = Period.AddMonths(-23);
        for (var i = 1; i <= customers; i++)
        {
            var id = Guid.CreateVersion7();
            var text = Text(id);
            Bind(customer, ("$id", text), ("$branch", Branch), ("$code", $"B-{i:D7}"), ("$name", $"客户{i}"), ("$region", Regions[i % Regions.Length]),
                ("$status", i % 100 == 0 ? "lost" : "active"), ("$owner", $"rep-{i % 500}"), ("$at", registeredAt),
                ("$score", random.Next(10) < 7 ? Micro(random.Next(4000, 10000) / 100m) : DBNull.Value),
                ("$scoreAt", Now.AddDays(-random.Next(1, 300)).UtcTicks), ("$scoreId", Text(Guid.NewGuid())));
            customer.ExecuteNonQuery();

            // One sale a month around a level that drifts, due in 30 days; each paid in one payment, most by the due
            // date, some late, one in ten short (the shortfall stays open).
            var level = random.Next(100_000, 10_000_000) / 100m;
            var drift = 1m + (random.Next(-30, 31) / 1000m);
            var punctuality = random.Next(50, 101);
            decimal balance = 0;
            var number = 0;
            var today = DateOnly.FromDateTime(Now.UtcDateTime);
            for (var m = 0; m < 24; m++)
            {
                var month = firstMonth.AddMonths(m);
                var date = new DateOnly(month.Year, month.Month, random.Next(1, 29));
                var due = date.AddDays(30);
                var amount = Money.Round(level * (0.7m + random.Next(0, 61) / 100m));
                level = Money.Round(level * drift);
                balance += amount;
                Bind(entry, ("$id", Text(Guid.CreateVersion7())), ("$branch", Branch), ("$customer", text), ("$number", ++number),
                    ("$date", Iso(date)), ("$amount", Micro(amount)), ("$balance", Micro(balance)), ("$at", Now.UtcTicks), ("$kind", "sale"),
                    ("$product", Products[random.Next(Products.Length)]), ("$quantity", Micro(random.Next(1, 500))), ("$due", Iso(due)));
                entry.ExecuteNonQuery();
                sales++;

                var on = random.Next(100) < punctuality ? due.AddDays(-random.Next(0, 20)) : due.AddDays(random.Next(1, 45));
                if (on > today) continue; // not paid yet
                var paid = random.Next(10) == 0 ? Money.Round(amount * 0.8m) : amount;
                balance -= paid;
                Bind(entry, ("$id", Text(Guid.CreateVersion7())), ("$branch", Branch), ("$customer", text), ("$number", ++number),
                    ("$date", Iso(on)), ("$amount", Micro(paid)), ("$balance", Micro(balance)), ("$at", Now.UtcTicks), ("$kind", "payment"),
                    ("$product", DBNull.Value), ("$quantity", DBNull.Value), ("$due", DBNull.Value));
                entry.ExecuteNonQuery();
                payments++;
            }
            Bind(account, ("$id", text), ("$branch", Branch), ("$balance", Micro(balance)), ("$limit", Micro(i % 2 == 0 ? 0 : Money.Round(level))), ("$count", number));
            account.ExecuteNonQuery();
        }
        await transaction.CommitAsync();
        foreach (var index in indexes) await Execute(connection, index);
        await Execute(connection, "PRAGMA synchronous=NORMAL;");
        await Execute(connection, "ANALYZE;");
        return (sales, payments);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$\w+").Select(m => m.Value).Distinct())
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params (string Name, object Value)[] values)
    {
        foreach (var (name, value) in values) command.Parameters[name].Value = value;
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    // As the service stores them on SQLite: Guids as upper-case text, dates as ISO text, decimals in millionths.
    private static string Text(Guid id) => id.ToString().ToUpperInvariant();
    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static long Micro(decimal value) => (long)(value * 1_000_000m);

    private static string? Option(string[] options, string name) =>
        options.FirstOrDefault(o => o.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..];

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Samples the process's working set and the managed heap every 50 ms; reports the highest of each.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;
        private long _workingSet;
        private long _heap;

        public PeakSampler() => _sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                Sample(process);
                try { await Task.Delay(50, _stop.Token); }
                catch (OperationCanceledException) { }
            }
            Sample(process);
        });

        private void Sample(Process process)
        {
            process.Refresh();
            _workingSet = Math.Max(_workingSet, process.WorkingSet64);
            _heap = Math.Max(_heap, GC.GetTotalMemory(forceFullCollection: false));
        }

        public (long WorkingSet, long Heap) Stop()
        {
            _stop.Cancel();
            _sampling.Wait();
            return (_workingSet, _heap);
        }

        public void Dispose() => _stop.Dispose();
    }
}
