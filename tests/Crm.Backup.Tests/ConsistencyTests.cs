namespace Crm.Backup.Tests;

/// <summary>
/// A backup of the running customers and credit services while reps register customers and inside sales record sales
/// through the gateway.
///
/// What "consistent" can honestly be checked against: the only points at which the right row counts are known are
/// those where the writers have stopped and the asynchronous work (outbox publishing, credit's projection of new
/// customers) has drained. So: (1) a backup taken at such a quiet point must hold exactly the counts read there
/// (a copy of the .db file alone fails this: commits still in the -wal file are missing); (2) a backup taken in the
/// middle of the next burst must pass SQLite's integrity check, hold counts between the quiet point before the burst
/// and the one after it, and satisfy what every committed transaction keeps true in credit (each account's entry
/// count and balance agree with its ledger rows), which a copy torn between two commits would break.
/// </summary>
public sealed class ConsistencyTests : IAsyncLifetime
{
    private CrmSystem _system = null!;
    private readonly string _target = Path.Combine(Path.GetTempPath(), "crm-backup-tests", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => _system = await CrmSystem.StartAsync(new CrmSystemOptions { Services = ["customers", "credit"] });

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        try { Directory.Delete(_target, recursive: true); }
        catch (IOException) { /* temp folder */ }
    }

    private sealed record Counts(long Customers, long CreditCustomers, long LedgerEntries)
    {
        public static Counts Of(string customersDb, string creditDb) => new(
            Sqlite.Scalar(customersDb, "SELECT count(*) FROM Customers"),
            Sqlite.Scalar(creditDb, "SELECT count(*) FROM Customers"),
            Sqlite.Scalar(creditDb, "SELECT count(*) FROM LedgerEntries"));
    }

    [Fact]
    public async Task A_backup_taken_during_registrations_and_sales_is_consistent()
    {
        using var rep = _system.Gateway("rep-1", "sh", "sales-rep");
        using var clerk = _system.Gateway("clerk-1", "sh", "inside-sales");
        var buyers = new List<Guid>();
        for (var i = 0; i < 4; i++)
            buyers.Add((await (await rep.Post("/api/customers", new { name = $"备份买家{i}", kind = "agent", region = "华东" })).JsonAsync(HttpStatusCode.Created))
                .GetProperty("id").GetGuid());
        await QuietAsync();

        var writers = new Writers(rep, clerk, buyers);
        await writers.BurstAsync(registrations: 15, sales: 25);
        var before = await QuietAsync();

        var atQuiet = await BackupAsync();
        Assert.Equal(before, Counts.Of(Path.Combine(atQuiet, "customers.db"), Path.Combine(atQuiet, "credit.db")));

        var burst = writers.StartAsync();
        await writers.UntilAsync(burst, () => writers.Registered >= 5 && writers.Sold >= 5, "the second burst to be under way");
        var during = await BackupAsync();
        var afterBackup = (writers.Registered, writers.Sold);
        await writers.UntilAsync(burst, () => writers.Registered >= afterBackup.Registered + 5 && writers.Sold >= afterBackup.Sold + 5,
            "the burst to go on after the backup");
        await writers.StopAsync(burst);
        var after = await QuietAsync();

        var customersDb = Path.Combine(during, "customers.db");
        var creditDb = Path.Combine(during, "credit.db");
        Assert.Equal("ok", SqliteBackup.IntegrityCheck(customersDb));
        Assert.Equal("ok", SqliteBackup.IntegrityCheck(creditDb));
        var backedUp = Counts.Of(customersDb, creditDb);
        Assert.InRange(backedUp.Customers, before.Customers, after.Customers);
        Assert.InRange(backedUp.CreditCustomers, before.CreditCustomers, after.CreditCustomers);
        Assert.InRange(backedUp.LedgerEntries, before.LedgerEntries, after.LedgerEntries);
        Assert.True(after.Customers > before.Customers && after.LedgerEntries > before.LedgerEntries, "the second burst wrote nothing");

        // Every sale commits its ledger row and its account's count and balance together.
        Assert.Equal(0, Sqlite.Scalar(creditDb,
            "SELECT count(*) FROM CreditAccounts a WHERE a.EntryCount <> (SELECT count(*) FROM LedgerEntries e WHERE e.CustomerId = a.CustomerId)"));
        Assert.Equal(0, Sqlite.Scalar(creditDb,
            "SELECT count(*) FROM CreditAccounts a WHERE a.Balance <> coalesce((SELECT e.BalanceAfter FROM LedgerEntries e WHERE e.CustomerId = a.CustomerId ORDER BY e.Number DESC LIMIT 1), 0)"));
        Assert.True(Sqlite.Scalar(creditDb, "SELECT count(*) FROM CreditAccounts WHERE EntryCount > 0") > 0, "the invariant was checked on no account");
    }

    private async Task<string> BackupAsync()
    {
        var result = await Cli.RunAsync("backup", "--data", _system.DataDirectory, "--target", _target, "--services", "customers,credit");
        Assert.True(result.ExitCode == 0, result.Error);
        return BackupSets.List(_target, "crm")[0].Path;
    }

    /// <summary>Waits until nothing is in flight (outboxes empty, credit knows every customer) and reads the counts there.</summary>
    private async Task<Counts> QuietAsync()
    {
        var customersDb = Path.Combine(_system.DataDirectory, "customers.db");
        var creditDb = Path.Combine(_system.DataDirectory, "credit.db");
        await Eventually.Until(() => Task.FromResult(
                Sqlite.Scalar(customersDb, "SELECT count(*) FROM OutboxMessages") == 0
                && Sqlite.Scalar(creditDb, "SELECT count(*) FROM OutboxMessages") == 0
                && Sqlite.Scalar(creditDb, "SELECT count(*) FROM Customers") == Sqlite.Scalar(customersDb, "SELECT count(*) FROM Customers")),
            "the system to be quiet", TimeSpan.FromSeconds(60));
        return Counts.Of(customersDb, creditDb);
    }

    /// <summary>Two reps registering and two clerks recording sales, as fast as the services answer.</summary>
    private sealed class Writers(HttpClient rep, HttpClient clerk, IReadOnlyList<Guid> buyers)
    {
        private int _registered;
        private int _sold;
        private int _next;
        private volatile bool _stop;
        private Exception? _failure;

        public int Registered => Volatile.Read(ref _registered);
        public int Sold => Volatile.Read(ref _sold);

        public async Task BurstAsync(int registrations, int sales)
        {
            var run = StartAsync();
            await UntilAsync(run, () => Registered >= registrations && Sold >= sales, "the first burst");
            await StopAsync(run);
        }

        /// <summary>Waits for <paramref name="done"/>, failing at once with the writers' own error if one of them fails.</summary>
        public Task UntilAsync(Task running, Func<bool> done, string what) => Eventually.Until(() =>
        {
            if (_failure is { } failure) throw new InvalidOperationException("A writer failed", failure);
            return Task.FromResult((Done: done(), Registered, Sold));
        }, state => state.Done, what, TimeSpan.FromSeconds(90));

        public Task StartAsync()
        {
            _stop = false;
            _registered = 0;
            _sold = 0;
            return Task.WhenAll(Guard(Register), Guard(Register), Guard(Sell), Guard(Sell));
        }

        public async Task StopAsync(Task running)
        {
            _stop = true;
            await running;
        }

        private async Task Guard(Func<Task> writer)
        {
            try { await writer(); }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
                throw;
            }
        }

        private async Task Register()
        {
            while (!_stop)
            {
                var n = Interlocked.Increment(ref _next);
                await (await rep.Post("/api/customers", new { name = $"备份并发客户{n}", kind = "agent", region = "华北" })).JsonAsync(HttpStatusCode.Created);
                Interlocked.Increment(ref _registered);
            }
        }

        private async Task Sell()
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            while (!_stop)
            {
                var n = Interlocked.Increment(ref _next);
                await (await clerk.Post("/api/credit/sales", new
                {
                    customerId = buyers[n % buyers.Count], date = today, product = "洗衣粉", quantity = 1, amount = 10m + n, dueDate = today.AddDays(30),
                })).JsonAsync(HttpStatusCode.Created);
                Interlocked.Increment(ref _sold);
            }
        }
    }
}
