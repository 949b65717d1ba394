using Crm.Messaging.Persistence.Backups;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// <c>./build.sh backup</c> and <c>restore</c> at size: 100,000 customers in the customers service (each with a contact,
/// seeded through the model as the customers benchmark does) and, in credit's file, the same number with 24 months of
/// sales and payments (the grading benchmark's generator). The backup is taken online, with the customers service
/// running on its file; the restore goes into an empty folder. Reported: wall time of each (manifest, checksums and
/// the restore's verification included), and the size of the set.
/// Options: --customers=100000, --target=DIR (where the set goes; by default a temporary folder on the data's disk).
/// </summary>
public sealed class BackupBenchmark : IBenchmark
{
    public string Name => "backup";
    public string Description => "online backup and restore of the customers and credit databases: 100,000 customers, 24 months of ledger";

    public async Task RunAsync(string[] options)
    {
        var customers = int.Parse(Option(options, "customers") ?? "100000", CultureInfo.InvariantCulture);
        var target = Option(options, "target") ?? Path.Combine(Path.GetTempPath(), "crm-bench-backup", Guid.NewGuid().ToString("N"));
        var restoreInto = Path.Combine(Path.GetTempPath(), "crm-bench-restore", Guid.NewGuid().ToString("N"));

        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions { Services = ["customers"], WithGateway = false });
        var customersDb = Path.Combine(system.DataDirectory, "customers.db");
        var creditDb = Path.Combine(system.DataDirectory, "credit.db");
        try
        {
            var seeding = Stopwatch.StartNew();
            await CustomersBenchmark.SeedAsync(system, customers);
            Console.WriteLine($"  customers: {customers:N0} seeded through the model in {seeding.Elapsed.TotalSeconds:F0} s");
            seeding.Restart();
            var (sales, payments) = await GradingBenchmark.GenerateAsync(creditDb, customers);
            SqliteConnection.ClearAllPools();
            Console.WriteLine($"  credit: {customers:N0} customers, {sales:N0} sales and {payments:N0} payments generated in {seeding.Elapsed.TotalSeconds:F0} s");
            Console.WriteLine($"  live files: customers {Size(customersDb)}, credit {Size(creditDb)} (+ their -wal)");

            var sources = new[] { new BackupSource("customers", customersDb), new BackupSource("credit", creditDb) };
            var backup = Stopwatch.StartNew();
            var set = await BackupSets.CreateAsync(target, "crm", sources, "manual", TimeProvider.System);
            backup.Stop();
            var bytes = set.Manifest.Databases.Sum(d => d.Size);
            Console.WriteLine($"  backup (customers service running): {backup.Elapsed.TotalSeconds:F1} s into {set.Path}: " +
                string.Join(", ", set.Manifest.Databases.Select(d => $"{d.Service} {d.Size / 1024d / 1024d:F0} MiB")));

            var restore = Stopwatch.StartNew();
            await BackupSets.RestoreAsync([set.Path], restoreInto, TimeProvider.System);
            restore.Stop();
            Console.WriteLine($"  restore into an empty folder (checksums verified before and after the copy): {restore.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"  restored customers: {Count(Path.Combine(restoreInto, "customers.db"), "Customers"):N0}, " +
                $"ledger entries: {Count(Path.Combine(restoreInto, "credit.db"), "LedgerEntries"):N0}");
            Console.WriteLine($"result backup: backup {backup.Elapsed.TotalSeconds:F1} s, size {bytes / 1024d / 1024d:F0} MiB, restore {restore.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var folder in new[] { target, restoreInto })
                if (Option(options, "target") != folder && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static string Size(string file) => $"{new FileInfo(file).Length / 1024d / 1024d:F0} MiB";

    private static long Count(string database, string table)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }

    private static string? Option(string[] options, string name) =>
        options.FirstOrDefault(o => o.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..];
}
