using Crm.Credit.Model;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// Service CPU per request: the archive card, a page of 50 of the customer list and the credit account, each against an
/// anchor in the same host that reads the same rows with one plain command and writes them with the same JSON options
/// (<see cref="RequestAnchors"/>). Each service runs in a process of its own (<see cref="HostProcess"/>), so its CPU
/// time is its own; 16 clients in this process send each route in turn, alternating with its anchor, and the CPU the
/// process used while idle is taken off. Options: --customers=20000 --accounts=2000 --seconds=8 --rounds=2
/// --concurrency=16.
/// </summary>
public sealed class RequestBenchmark : IBenchmark
{
    public string Name => "request";
    public string Description => "service CPU per request (card, list, credit account) against a plain-command anchor in the same host";

    public async Task RunAsync(string[] options)
    {
        var customerCount = CustomersBenchmark.Option(options, "customers", 20_000);
        var accountCount = CustomersBenchmark.Option(options, "accounts", 2_000);
        var seconds = CustomersBenchmark.Option(options, "seconds", 8);
        var rounds = CustomersBenchmark.Option(options, "rounds", 2);
        var concurrency = CustomersBenchmark.Option(options, "concurrency", 16);

        var data = Path.Combine(Path.GetTempPath(), "crm-bench-request", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        await using var broker = await TestBroker.CreateVirtualHostAsync();
        try
        {
            Console.WriteLine($"Seeding {customerCount:N0} customers (customers service) and {accountCount:N0} credit accounts with 24 months of ledger (credit service)…");
            List<Guid> cards;
            await using (var seeding = await CrmSystem.StartAsync(new CrmSystemOptions { Services = ["customers", "credit"], WithGateway = false, DataDirectory = data }))
                cards = (await CustomersBenchmark.SeedAsync(seeding, customerCount)).Ids;
            SqliteConnection.ClearAllPools();
            var accounts = await SeedAccountsAsync(Path.Combine(data, "credit.db"), accountCount);
            SqliteConnection.ClearAllPools();

            await using var customers = await HostProcess.StartAsync("customers", Settings("customers", data, broker));
            await using var credit = await HostProcess.StartAsync("credit", Settings("credit", data, broker));
            using var rep = HttpLoad.Client(customers.Address, TestTokens.For("rep-001", "sh", "sales-rep"), concurrency);
            using var creditRep = HttpLoad.Client(credit.Address, TestTokens.For("rep-001", "bench", "sales-rep"), concurrency);

            var next = 0;
            string Card() => cards[Interlocked.Increment(ref next) % cards.Count].ToString();
            string Account() => accounts[Interlocked.Increment(ref next) % accounts.Count].ToString();
            var pairs = new (string Name, HostProcess Host, HttpClient Client, Func<string> Route, Func<string> Anchor)[]
            {
                ("card", customers, rep, () => $"/api/customers/{Card()}", () => $"/bench/anchor/customers/{Card()}"),
                ("list", customers, rep, () => "/api/customers?page=1&pageSize=50", () => "/bench/anchor/customers"),
                ("account", credit, creditRep, () => $"/api/credit/accounts/{Account()}", () => $"/bench/anchor/credit/accounts/{Account()}"),
            };

            Console.WriteLine($"{concurrency} clients, {rounds} rounds of {seconds} s per route and anchor, alternating, after a warm-up of 3 s each");
            Console.WriteLine();
            Console.WriteLine("| route | requests/s | p50 ms | p99 ms | service CPU per request | allocated per request | anchor requests/s | anchor CPU per request | anchor allocated | CPU ratio |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");

            var results = new List<(string Name, double Route, double Anchor)>();
            var idles = new List<string>();
            var settles = new List<string>();
            foreach (var (name, host, client, route, anchor) in pairs)
            {
                await MeasureAsync(host, client, route, TimeSpan.FromSeconds(3), concurrency, 0); // warm-up: JIT, pools, page cache
                await MeasureAsync(host, client, anchor, TimeSpan.FromSeconds(3), concurrency, 0);
                // The runtime finishes what the warm-up started (tiered JIT compiling the hot methods again, the GC) in the
                // seconds after it: that is not background work, so the host settles first (a second under 10 % of a core,
                // at most 20 s), then its idle share is measured for 3 s and taken off below (outbox polling, schedulers).
                var settled = await SettleAsync(host);
                settles.Add($"{name} {settled}");
                var idleMeter = host.MeasureCpu();
                await Task.Delay(TimeSpan.FromSeconds(3));
                var idle = Rate(idleMeter.Stop());
                idles.Add($"{name} {idle * 100:F1} %");
                var routeRuns = new List<Measured>();
                var anchorRuns = new List<Measured>();
                for (var round = 0; round < rounds; round++)
                {
                    routeRuns.Add(await MeasureAsync(host, client, route, TimeSpan.FromSeconds(seconds), concurrency, idle));
                    anchorRuns.Add(await MeasureAsync(host, client, anchor, TimeSpan.FromSeconds(seconds), concurrency, idle));
                }
                var r = Measured.Combine(routeRuns);
                var a = Measured.Combine(anchorRuns);
                if (r.Load.Errors + a.Load.Errors > 0)
                    throw new InvalidOperationException($"{name}: {r.Load.Errors} failed requests on the route, {a.Load.Errors} on the anchor.");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {r.Load.RequestsPerSecond:F0} | {r.Load.Latencies.Percentile(50):F2} | {r.Load.Latencies.Percentile(99):F2} | {r.CpuMicroseconds:F0} µs | {r.KilobytesAllocated:F1} KiB | {a.Load.RequestsPerSecond:F0} | {a.CpuMicroseconds:F0} µs | {a.KilobytesAllocated:F1} KiB | {r.CpuMicroseconds / a.CpuMicroseconds:F2} |"));
                results.Add((name, r.CpuMicroseconds, a.CpuMicroseconds));
            }
            Console.WriteLine();
            Console.WriteLine($"After each warm-up, until the host settled (share of a core per second): {string.Join("; ", settles)}");
            Console.WriteLine($"The host's CPU while idle, measured before each pair and taken off its figures (share of a core): {string.Join(", ", idles)}");
            foreach (var (name, route, anchor) in results.Where(r => r.Name != "card"))
                Console.WriteLine(Line(name, route, anchor));
            var card = results.Single(r => r.Name == "card");
            Console.WriteLine($"result request: {Line("card", card.Route, card.Anchor)}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { /* a child may still hold a file for a moment */ }
        }
    }

    /// <summary>Waits until the host used under 10 % of a core for a whole second (at most 20 s); returns the shares seen.</summary>
    private static async Task<string> SettleAsync(HostProcess host)
    {
        var seen = new List<string>();
        for (var second = 0; second < 20; second++)
        {
            var meter = host.MeasureCpu();
            await Task.Delay(TimeSpan.FromSeconds(1));
            var share = Rate(meter.Stop());
            seen.Add(string.Create(CultureInfo.InvariantCulture, $"{share * 100:F0} %"));
            if (share < 0.10) break;
        }
        return string.Join(", ", seen);
    }

    private static string Line(string name, double route, double anchor) => string.Create(CultureInfo.InvariantCulture,
        $"{name} {route:F0} us cpu, anchor {anchor:F0} us cpu, ratio {route / anchor:F1}");

    private static double Rate((TimeSpan Cpu, TimeSpan Wall) measured) => measured.Cpu / measured.Wall;

    private sealed record Measured(HttpLoad.Result Load, TimeSpan Cpu, long Allocated)
    {
        public double CpuMicroseconds => Cpu.TotalMicroseconds / Load.Requests;
        public double KilobytesAllocated => Allocated / 1024.0 / Load.Requests;

        public static Measured Combine(IReadOnlyList<Measured> runs) =>
            new(HttpLoad.Result.Combine(runs.Select(r => r.Load).ToList()), TimeSpan.FromTicks(runs.Sum(r => r.Cpu.Ticks)), runs.Sum(r => r.Allocated));
    }

    private static async Task<Measured> MeasureAsync(HostProcess host, HttpClient client, Func<string> path, TimeSpan duration, int concurrency, double idle)
    {
        var allocatedBefore = await AllocatedAsync(client);
        var meter = host.MeasureCpu();
        var load = await RunAsync(client, path, duration, concurrency);
        var (cpu, wall) = meter.Stop();
        var allocated = await AllocatedAsync(client) - allocatedBefore;
        return new Measured(load, cpu - wall * idle, allocated);
    }

    private static async Task<long> AllocatedAsync(HttpClient client) =>
        long.Parse(await client.GetStringAsync("/bench/allocated"), CultureInfo.InvariantCulture);

    private static async Task<HttpLoad.Result> RunAsync(HttpClient client, Func<string> path, TimeSpan duration, int concurrency)
    {
        var latencies = new Latencies();
        var errors = 0;
        var stop = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (stop.Elapsed < duration)
            {
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path());
                await response.Content.LoadIntoBufferAsync();
                latencies.Add(start);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
            }
        }));
        return new HttpLoad.Result(latencies, stop.Elapsed, errors);
    }

    private static IEnumerable<KeyValuePair<string, string?>> Settings(string service, string data, BrokerVirtualHost broker) =>
        TestTokens.HostSettings().Concat(
        [
            new($"ConnectionStrings:{service}db", $"Data Source={Path.Combine(data, service + ".db")}"),
            new("ConnectionStrings:messaging", broker.AmqpUri()),
        ]);

    /// <summary>
    /// Credit customers of branch <c>bench</c> (as <c>crm.customer-registered</c> leaves them), each with its account and
    /// 24 months of ledger: a sale a month, due in 30 days, paid in one payment. Plain inserts into the migrated file, with
    /// the account's ledger snapshot as the service keeps it when it records entries (<see cref="LedgerSnapshot"/>).
    /// </summary>
    private static async Task<List<Guid>> SeedAccountsAsync(string file, int count)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var customer = Command(connection, transaction,
            "INSERT INTO Customers (Id, BranchId, Code, Name, Region, Status, OwnerId, RegisteredAt, ProfileVersion, OwnerChangedAt, StatusChangedAt, Version) " +
            "VALUES ($id, 'bench', $code, $name, '华东', 'active', $owner, $at, 1, $at, $at, 1)");
        var account = Command(connection, transaction,
            "INSERT INTO CreditAccounts (CustomerId, BranchId, Balance, CreditLimit, EntryCount, Version) VALUES ($id, 'bench', $balance, $limit, 48, 1)");
        var settlement = Command(connection, transaction,
            "INSERT INTO AccountSettlements (CustomerId, BranchId, EntryCount, Data) VALUES ($id, 'bench', 48, $data)");
        var entry = Command(connection, transaction,
            "INSERT INTO LedgerEntries (Id, BranchId, CustomerId, Number, Date, Amount, BalanceAfter, RecordedAt, RecordedBy, Kind, Product, Quantity, DueDate, OutsideContract, DueDateFromContract) " +
            "VALUES ($id, 'bench', $customer, $number, $date, $amount, $balance, $at, 'bench', $kind, $product, $quantity, $due, $outside, 0)");
        var random = new Random(11);
        var ids = new List<Guid>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var at = DateTimeOffset.UtcNow.AddYears(-3).UtcTicks;
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7();
            ids.Add(id);
            var text = id.ToString().ToUpperInvariant();
            Run(customer, ("$id", text), ("$code", $"B-{i:D7}"), ("$name", $"客户{i}"), ("$owner", $"rep-{i % 50}"), ("$at", at));
            long balance = 0;
            var number = 0;
            var lines = new List<LedgerLine>(48);
            for (var m = 24; m >= 1; m--)
            {
                var date = today.AddMonths(-m).AddDays(-random.Next(0, 20));
                var amount = random.Next(10_000, 1_000_000) * 1_000_000L;
                balance += amount;
                Run(entry, ("$id", Guid.CreateVersion7().ToString().ToUpperInvariant()), ("$customer", text), ("$number", ++number), ("$date", Iso(date)),
                    ("$amount", amount), ("$balance", balance), ("$at", at), ("$kind", "sale"), ("$product", "洗衣粉"), ("$quantity", 100_000_000L),
                    ("$due", Iso(date.AddDays(30))), ("$outside", 1));
                lines.Add(new LedgerLine(LedgerEntryKind.Sale, number, date, date.AddDays(30), amount / 1_000_000m, null));
                balance -= amount;
                var paidOn = date.AddDays(random.Next(10, 45));
                lines.Add(new LedgerLine(LedgerEntryKind.Payment, number + 1, paidOn, paidOn, amount / 1_000_000m, null));
                Run(entry, ("$id", Guid.CreateVersion7().ToString().ToUpperInvariant()), ("$customer", text), ("$number", ++number),
                    ("$date", Iso(paidOn)), ("$amount", amount), ("$balance", balance), ("$at", at), ("$kind", "payment"),
                    ("$product", DBNull.Value), ("$quantity", DBNull.Value), ("$due", DBNull.Value), ("$outside", DBNull.Value));
            }
            Run(account, ("$id", text), ("$balance", balance), ("$limit", 5_000_000_000_000L));
            Run(settlement, ("$id", text), ("$data", LedgerSnapshot.Of(lines).ToBytes()));
        }
        await transaction.CommitAsync();
        return ids.Take(500).ToList();
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Run(SqliteCommand command, params (string Name, object Value)[] values)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in values) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
