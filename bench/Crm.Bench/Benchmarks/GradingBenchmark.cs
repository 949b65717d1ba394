using Crm.Credit.Apis;
using Crm.Credit.Model;
using Crm.Credit.Services;
using Crm.Messaging.Persistence;
using Crm.ServiceDefaults;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// A grading run (客户等级评估) of one branch on SQLite: N customers with 24 months of sales (one a month) and a payment
/// for each, graded for the 24th month. The first run grades everyone (every grade new, an event each, a limit
/// request for every changed limit); the second run is the idempotent one, which must find nothing to do. Reported:
/// wall time per phase (the run's own spans), peak working set and managed heap sampled during the run, bytes allocated.
/// Options: --customers=100000,200000 (the sizes, run in turn; the default: 100,000 for the figure, 200,000 for linearity),
/// --keep (leave the SQLite files), --reuse (generate each size's ledger once into a seed file beside the working one,
/// crm-bench-grading-N.seed.db, and start every later run from a copy of it: the same data, without regenerating it).
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
        var reuse = options.Contains("--reuse");
        var results = new List<(int Customers, double Run, double Anchor, double Sale)>();
        foreach (var customers in sizes)
        {
            var file = Path.Combine(Path.GetTempPath(), $"crm-bench-grading-{customers}.db");
            try
            {
                var seed = Path.ChangeExtension(file, ".seed.db");
                if (reuse && File.Exists(seed))
                {
                    foreach (var path in new[] { file + "-wal", file + "-shm" }) File.Delete(path);
                    File.Copy(seed, file, overwrite: true);
                    Console.WriteLine($"  {customers:N0} customers: the ledger generated earlier, copied from {seed} ({new FileInfo(file).Length / 1024 / 1024:N0} MiB)");
                }
                else
                {
                    var generation = Stopwatch.StartNew();
                    var (sales, payments) = await GenerateAsync(file, customers);
                    Console.WriteLine($"  {customers:N0} customers: {sales:N0} sales and {payments:N0} payments generated in date order in {generation.Elapsed.TotalSeconds:F1} s " +
                        $"({new FileInfo(file).Length / 1024 / 1024:N0} MiB)");
                    if (reuse)
                    {
                        SqliteConnection.ClearAllPools(); // the file is whole (its WAL checkpointed) once every connection is closed
                        File.Copy(file, seed, overwrite: true);
                    }
                }

                await using var services = Services(file);
                await using (var scope = services.CreateAsyncScope()) // a seed from before a later migration gets it now
                    await scope.ServiceProvider.GetRequiredService<CreditDbContext>().Database.MigrateAsync();
                // The month before is graded already (untimed), as in production: the run under test writes the new
                // period's grades, an event where a grade or score moved, and requests where none is pending.
                var earlier = await MeasureAsync(services, "earlier period 2026-09 (setup, not the figure)", Period.AddMonths(-1), withSales: true);
                var anchorBefore = await AnchorAsync(file);
                var first = await MeasureAsync(services, "run 2026-10", Period, withSales: true);
                var anchorAfter = await AnchorAsync(file);
                var second = await MeasureAsync(services, "re-run 2026-10 (idempotent)", Period, withSales: false);
                if (second.Summary.Changed != 0 || second.Summary.GradesPublished != 0 || second.Summary.LimitRequestsFiled != 0)
                    throw new InvalidOperationException("The second run changed something: grading is not idempotent.");
                if (first.Summary.Graded + first.Summary.SkippedLost != customers || earlier.Summary.Graded != first.Summary.Graded)
                    throw new InvalidOperationException($"The first run graded {first.Summary.Graded} of {customers}.");
                var anchor = (anchorBefore + anchorAfter) / 2;
                Console.WriteLine($"  anchor (plain SQL aggregate per customer over the same ledger and window): {anchorBefore:F2} s before the run, {anchorAfter:F2} s after");
                results.Add((customers, first.Seconds, anchor, first.WorstSaleMs));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                if (!keep)
                    foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                        File.Delete(path);
            }
        }
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Customers:N0} customers: run {r.Run:F2} s, anchor {r.Anchor:F2} s, ratio {r.Run / r.Anchor:F1}, worst sale during the run {r.Sale:F0} ms"));
        var baseline = results.FirstOrDefault(r => r.Customers == 100_000);
        if (baseline != default)
            foreach (var r in results.Where(r => r.Customers > baseline.Customers))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  linearity: {r.Customers:N0} customers take {r.Run / baseline.Run:F2}× the run of 100,000 ({(double)r.Customers / baseline.Customers:F1}× the customers; the anchor {r.Anchor / baseline.Anchor:F2}×)"));
        var shown = baseline != default ? baseline : results[0];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result grading: run {shown.Run:F1} s, anchor {shown.Anchor:F1} s, ratio {shown.Run / shown.Anchor:F1}, sale during run {shown.Sale:F0} ms"));
    }

    /// <summary>
    /// The anchor: the plain SQL aggregate over the same ledger and window as the run's gather, one row per customer,
    /// read to the end with a plain data reader on its own connection.
    /// </summary>
    private static async Task<double> AnchorAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT CustomerId, SUM(CASE Kind WHEN 'sale' THEN Amount ELSE -Amount END), COUNT(*) FROM LedgerEntries " +
            "WHERE BranchId = $branch AND Date <= $end GROUP BY CustomerId";
        command.Parameters.AddWithValue("$branch", Branch);
        command.Parameters.AddWithValue("$end", Iso(Period.LastDay));
        var stopwatch = Stopwatch.StartNew();
        long rows = 0, total = 0;
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                rows++;
                total += reader.GetInt64(1) + reader.GetInt64(2);
                _ = reader.GetString(0);
            }
        stopwatch.Stop();
        if (rows == 0 || total == 0) throw new InvalidOperationException("The anchor read nothing.");
        return stopwatch.Elapsed.TotalSeconds;
    }

    private sealed record Measured(GradingRunSummary Summary, double Seconds, double WorstSaleMs);

    private static async Task<Measured> MeasureAsync(ServiceProvider services, string label, YearMonth period, bool withSales)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var phases = new Dictionary<string, double>();
        // The process's CPU over each of the run's top-level phases (on a shared machine the steadier figure; it includes
        // the sales recorded meanwhile and the GC's threads).
        var cpuPhases = new Dictionary<string, double>();
        string[] timedCpu = ["grading gather", "grading gather ledger", "grading assess", "grading write"];
        long ledgerRows = 0, replayed = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CreditTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity =>
            {
                if (timedCpu.Contains(activity.DisplayName))
                    activity.SetCustomProperty("cpu", Process.GetCurrentProcess().TotalProcessorTime);
            },
            ActivityStopped = activity =>
            {
                if (activity.GetCustomProperty("cpu") is TimeSpan cpuAtStart)
                    lock (cpuPhases) cpuPhases[activity.DisplayName] = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds;
                lock (phases) phases[activity.DisplayName] = phases.GetValueOrDefault(activity.DisplayName) + activity.Duration.TotalSeconds;
                if (activity.DisplayName == "grading gather")
                {
                    ledgerRows = Convert.ToInt64(activity.GetTagItem("crm.grading.ledger_rows") ?? 0L, CultureInfo.InvariantCulture);
                    replayed = Convert.ToInt64(activity.GetTagItem("crm.grading.replayed_whole") ?? 0, CultureInfo.InvariantCulture);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var sampler = new PeakSampler();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        using var stop = new CancellationTokenSource();
        var salesDuring = withSales ? RecordSalesAsync(services, stop.Token) : Task.FromResult(new List<double>());
        var stopwatch = Stopwatch.StartNew();
        GradingRunSummary summary;
        await using (var scope = services.CreateSystemScope("the grading benchmark"))
            summary = await scope.ServiceProvider.GetRequiredService<GradingService>().RunAsync(Branch, period, "bench", "Bench", CancellationToken.None);
        stopwatch.Stop();
        await stop.CancelAsync();
        var saleLatencies = await salesDuring;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var (workingSet, heap) = sampler.Stop();

        Console.WriteLine($"  {label}: {stopwatch.Elapsed.TotalSeconds:F2} s, CPU {cpu.TotalSeconds:F1} s " +
            $"(gather {Phase(phases, "grading gather")} of which ledger {Phase(phases, "grading gather ledger")}, assess {Phase(phases, "grading assess")}, " +
            $"write {Phase(phases, "grading write")}: prepare {Phase(phases, "grading write prepare")}, in transactions {Phase(phases, "grading write chunk")} of which commits {Phase(phases, "grading write commit")}; " +
            $"ledger rows stepped {ledgerRows:N0}, customers replayed whole {replayed:N0}); " +
            $"peak working set {workingSet / 1024 / 1024:N0} MiB, peak managed heap {heap / 1024 / 1024:N0} MiB, allocated {allocated / 1024 / 1024:N0} MiB");
        Console.WriteLine($"    CPU per phase: gather {Phase(cpuPhases, "grading gather")} (ledger {Phase(cpuPhases, "grading gather ledger")}), " +
            $"assess {Phase(cpuPhases, "grading assess")}, write {Phase(cpuPhases, "grading write")}");
        Console.WriteLine($"    graded {summary.Graded:N0} (lost skipped {summary.SkippedLost:N0}), changed {summary.Changed:N0}, " +
            $"events {summary.GradesPublished:N0}, limit requests {summary.LimitRequestsFiled:N0}; " +
            string.Join(" ", summary.ByGrade.Select(g => $"{g.Key} {g.Value:N0}")));
        var worst = saleLatencies.Count == 0 ? 0 : saleLatencies.Max();
        if (withSales)
        {
            if (saleLatencies.Count == 0) throw new InvalidOperationException("No sale was recorded during the run.");
            saleLatencies.Sort();
            Console.WriteLine($"    {saleLatencies.Count} sales recorded during the run: median {saleLatencies[saleLatencies.Count / 2]:F1} ms, worst {worst:F1} ms");
        }
        return new Measured(summary, stopwatch.Elapsed.TotalSeconds, worst);
    }

    /// <summary>
    /// A sale every 100 ms while the run works, each through the service's own <see cref="LedgerService"/> in its own
    /// scope and connection (what <c>POST /api/credit/ledger/sales</c> calls), timed until it is committed.
    /// </summary>
    private static async Task<List<double>> RecordSalesAsync(ServiceProvider services, CancellationToken stop)
    {
        var latencies = new List<double>();
        var first = true;
        Guid customerId;
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        await using (var scope = scopes.CreateBranchScope(Branch, "the grading benchmark's sales"))
            customerId = await scope.ServiceProvider.GetRequiredService<CreditDbContext>().Customers.Where(c => c.Status == "active")
                .OrderBy(c => c.Code).Select(c => c.Id).FirstAsync();
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(100, stop); }
            catch (OperationCanceledException) { break; }
            var stopwatch = Stopwatch.StartNew();
            await using (var scope = scopes.CreateBranchScope(Branch, "the grading benchmark's sales"))
                await scope.ServiceProvider.GetRequiredService<LedgerService>().RecordSaleAsync(
                    new RecordSaleRequest(customerId, DateOnly.FromDateTime(Now.UtcDateTime), Products[0], null, 1m, 100m, DateOnly.FromDateTime(Now.UtcDateTime).AddDays(30), null),
                    CancellationToken.None);
            // The first sale pays for JIT and the first connection; it is not a sale waiting on the run.
            if (!first) latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
            first = false;
        }
        return latencies;
    }

    private static string Phase(Dictionary<string, double> phases, string name) =>
        phases.TryGetValue(name, out var seconds) ? $"{seconds:F2} s" : "—";

    private static ServiceProvider Services(string file)
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(new FixedClock(Now));
        services.AddOptions();
        services.AddSingleton<BusinessCalendar>();
        services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
        services.AddScoped<BackgroundIdentity>();
        services.AddScoped<ICurrentUser, CurrentUser>(); // outside a request: the service itself, acting as its scope declares
        // As the service registers it (AddServiceDatabase): writers queue on the file's write gate, and SQLite's own busy
        // handler waits for what the gate cannot see.
        var gate = new SqliteWriteGateInterceptor();
        services.AddServiceDbContext<CreditDbContext, SqliteCreditDbContext>((_, o) => o.UseSqlite($"Data Source={file};Pooling=True").AddInterceptors(gate, new SqliteBusyTimeout()));
        services.AddSingleton<CreditTelemetry>();
        services.AddSingleton<GradingModelCache>();
        services.AddScoped<GradingModels>();
        services.AddScoped<GradingGather>();
        services.AddScoped<GradingWriter>();
        services.AddScoped<GradingService>();
        services.AddScoped<CustomerDirectory>();
        services.AddScoped<Rebates>();
        services.AddScoped<LedgerService>();
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
            "INSERT INTO Customers (Id, BranchId, Code, Name, Region, Status, OwnerId, RegisteredAt, ProfileVersion, OwnerChangedAt, StatusChangedAt, ScorecardScore, ScorecardAt, ScorecardId, Version) " +
            "VALUES ($id, $branch, $code, $name, $region, $status, $owner, $at, 1, $at, $at, $score, $scoreAt, $scoreId, 1)");
        var account = Prepare(connection, transaction,
            "INSERT INTO CreditAccounts (CustomerId, BranchId, Balance, CreditLimit, EntryCount, Version) VALUES ($id, $branch, $balance, $limit, $count, 1)");
        var entry = Prepare(connection, transaction,
            "INSERT INTO LedgerEntries (Id, BranchId, CustomerId, Number, Date, Amount, BalanceAfter, RecordedAt, RecordedBy, Kind, Product, Quantity, DueDate) " +
            "VALUES ($id, $branch, $customer, $number, $date, $amount, $balance, $at, 'bench', $kind, $product, $quantity, $due)");

        // Customers first, then the ledger in date order, month by month across the whole branch, as production
        // records it (not customer by customer): each customer's rows end up spread over the whole file.
        var random = new Random(20261116);
        var registeredAt = Now.AddYears(-3).UtcTicks;
        long sales = 0, payments = 0;
        var firstMonth = Period.AddMonths(-23);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var texts = new string[customers];
        var levels = new decimal[customers];
        var drifts = new decimal[customers];
        var punctualities = new int[customers];
        var balances = new decimal[customers];
        var numbers = new int[customers];
        for (var i = 1; i <= customers; i++)
        {
            var text = Text(Guid.CreateVersion7());
            texts[i - 1] = text;
            Bind(customer, ("$id", text), ("$branch", Branch), ("$code", $"B-{i:D7}"), ("$name", $"客户{i}"), ("$region", Regions[i % Regions.Length]),
                ("$status", i % 100 == 0 ? "lost" : "active"), ("$owner", $"rep-{i % 500}"), ("$at", registeredAt),
                ("$score", random.Next(10) < 7 ? Micro(random.Next(4000, 10000) / 100m) : DBNull.Value),
                ("$scoreAt", Now.AddDays(-random.Next(1, 300)).UtcTicks), ("$scoreId", Text(Guid.NewGuid())));
            customer.ExecuteNonQuery();
            // One sale a month around a level that drifts, due in 30 days; each paid in one payment, most by the due
            // date, some late, one in ten short (the shortfall stays open).
            levels[i - 1] = random.Next(100_000, 10_000_000) / 100m;
            drifts[i - 1] = 1m + (random.Next(-30, 31) / 1000m);
            punctualities[i - 1] = random.Next(50, 101);
        }

        // Entries wait in the bucket of their month and are written in date order when that month comes.
        var buckets = new Dictionary<YearMonth, List<Pending>>();
        for (var m = 0; m < 26; m++)
        {
            var month = firstMonth.AddMonths(m);
            if (m < 24)
                for (var c = 0; c < customers; c++)
                {
                    var date = new DateOnly(month.Year, month.Month, random.Next(1, 29));
                    var due = date.AddDays(30);
                    var amount = Money.Round(levels[c] * (0.7m + random.Next(0, 61) / 100m));
                    levels[c] = Money.Round(levels[c] * drifts[c]);
                    Add(buckets, new Pending(c, date, amount, random.Next(Products.Length), random.Next(1, 500), due));
                    var on = random.Next(100) < punctualities[c] ? due.AddDays(-random.Next(0, 20)) : due.AddDays(random.Next(1, 45));
                    if (on > today) continue; // not paid yet
                    var paid = random.Next(10) == 0 ? Money.Round(amount * 0.8m) : amount;
                    Add(buckets, new Pending(c, on, paid, -1, 0, null));
                }
            if (!buckets.Remove(month, out var entries)) continue;
            entries.Sort(static (a, b) => a.Date.CompareTo(b.Date));
            foreach (var e in entries)
            {
                var isSale = e.Product >= 0;
                balances[e.Customer] += isSale ? e.Amount : -e.Amount;
                Bind(entry, ("$id", Text(Guid.CreateVersion7())), ("$branch", Branch), ("$customer", texts[e.Customer]), ("$number", ++numbers[e.Customer]),
                    ("$date", Iso(e.Date)), ("$amount", Micro(e.Amount)), ("$balance", Micro(balances[e.Customer])), ("$at", Now.UtcTicks),
                    ("$kind", isSale ? "sale" : "payment"), ("$product", isSale ? Products[e.Product] : DBNull.Value),
                    ("$quantity", isSale ? Micro(e.Quantity) : DBNull.Value), ("$due", e.Due is { } d ? Iso(d) : DBNull.Value));
                entry.ExecuteNonQuery();
                if (isSale) sales++;
                else payments++;
            }
        }
        for (var c = 0; c < customers; c++)
        {
            Bind(account, ("$id", texts[c]), ("$branch", Branch), ("$balance", Micro(balances[c])),
                ("$limit", Micro((c + 1) % 2 == 0 ? 0 : Money.Round(levels[c]))), ("$count", numbers[c]));
            account.ExecuteNonQuery();
        }
        await transaction.CommitAsync();
        foreach (var index in indexes) await Execute(connection, index);
        await Execute(connection, "PRAGMA synchronous=NORMAL;");
        await Execute(connection, "ANALYZE;");
        await Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return (sales, payments);
    }

    private readonly record struct Pending(int Customer, DateOnly Date, decimal Amount, int Product, int Quantity, DateOnly? Due);

    private static void Add(Dictionary<YearMonth, List<Pending>> buckets, Pending entry)
    {
        var month = YearMonth.Of(entry.Date);
        if (!buckets.TryGetValue(month, out var list)) buckets[month] = list = [];
        list.Add(entry);
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
