using System.Diagnostics;
using Crm.Messaging.Persistence.Backups;
using Microsoft.Data.Sqlite;

namespace Crm.Backup;

/// <summary>
/// The command line behind <c>./build.sh backup</c> and <c>./build.sh restore</c>:
/// <code>
///   backup  --data DIR --target DIR [--services customers,credit,…]   a set of every service's database
///   verify  SET…                                                       check manifests and checksums only
///   restore --data DIR SET…                                            verify, then restore into DIR
/// </code>
/// Exit codes: 0 done, 1 refused or failed (the message says why), 2 usage.
/// </summary>
public static class BackupCommand
{
    public static readonly string[] AllServices = ["customers", "contracts", "credit", "aftersales", "alerts"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider clock)
    {
        var (command, options, positional) = Parse(args);
        try
        {
            switch (command)
            {
                case "backup" when options.TryGetValue("data", out var data) && options.TryGetValue("target", out var target) && positional.Count == 0:
                    await BackupAsync(data, target, options.GetValueOrDefault("services"), output, clock);
                    return 0;
                case "verify" when positional.Count > 0:
                    foreach (var set in positional)
                    {
                        var verified = await BackupSets.VerifyAsync(set);
                        output.WriteLine($"{verified.Path}: whole ({Describe(verified.Manifest)})");
                    }
                    return 0;
                case "restore" when options.TryGetValue("data", out var data) && positional.Count > 0:
                    await RestoreAsync(positional, data, output, clock);
                    return 0;
                default:
                    error.WriteLine("usage: Crm.Backup backup --data DIR --target DIR [--services a,b] | verify SET… | restore --data DIR SET…");
                    return 2;
            }
        }
        catch (BackupSetException e)
        {
            error.WriteLine($"Refused: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException or ArgumentException)
        {
            error.WriteLine($"Failed: {e.Message}");
            return 1;
        }
    }

    private static async Task BackupAsync(string data, string target, string? only, TextWriter output, TimeProvider clock)
    {
        var services = only?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? AllServices;
        var sources = services.Select(s => new BackupSource(s, Path.GetFullPath(Path.Combine(data, s + ".db")))).ToList();
        var missing = sources.Where(s => !File.Exists(s.DatabasePath)).ToList();
        if (missing.Count > 0)
            throw new BackupSetException($"没有数据库 (no database): {string.Join(", ", missing.Select(m => m.DatabasePath))} does not exist. " +
                "Has the system run with this data folder (CRM_DATA_DIR)? Name the services that exist with --services.");

        var stopwatch = Stopwatch.StartNew();
        var set = await BackupSets.CreateAsync(target, "crm", sources, "manual", clock);
        output.WriteLine($"Backup set {set.Path} ({stopwatch.Elapsed.TotalSeconds:F1} s):");
        foreach (var entry in set.Manifest.Databases)
            output.WriteLine($"  {entry.Service,-11} {entry.File,-16} {entry.Size / 1024d / 1024d,9:F1} MiB  sha256 {entry.Sha256[..16]}…  schema {entry.SchemaVersion ?? "(none)"}");
        output.WriteLine($"Restore it with: ./build.sh restore {set.Path}");
    }

    private static async Task RestoreAsync(IReadOnlyList<string> sets, string data, TextWriter output, TimeProvider clock)
    {
        var result = await BackupSets.RestoreAsync(sets, data, clock);
        output.WriteLine($"Restored into {Path.GetFullPath(data)}:");
        foreach (var database in result.Databases)
            output.WriteLine($"  {database.Service,-11} as of {database.BackedUpAt:yyyy-MM-dd HH:mm:ss}Z  schema {database.SchemaVersion ?? "(none)"}  → {database.Path}");
        var absent = AllServices.Except(result.Databases.Select(d => d.Service)).ToList();
        if (absent.Count > 0)
            output.WriteLine($"  not in the set(s), left as they were: {string.Join(", ", absent)}");
        if (result.PreviousFilesFolder is not null)
            output.WriteLine($"The files replaced were moved to {result.PreviousFilesFolder} (delete them once the restored system is verified).");
        output.WriteLine(EventsAfterRestore);
    }

    private static string Describe(BackupManifest manifest) =>
        $"{manifest.Kind}, {manifest.CreatedAt:yyyy-MM-dd HH:mm:ss}Z, {string.Join(", ", manifest.Databases.Select(d => d.Service))}";

    /// <summary>What going back to a past point means for the integration events (docs/operations.md has the runbook).</summary>
    public const string EventsAfterRestore = """

        What this restore means for events (事件) — see docs/operations.md, "Backups and restore":
          * The databases are as they were at the backup point. Whatever they recorded after it is gone, the events
            they published after it included: subscribers (the other services, other corporate systems) did receive
            those, so they may know customers, sales or contracts that the restored service no longer has.
          * Events in a restored outbox (committed, not yet confirmed at the backup point) are published again when the
            service starts. Some may have gone out before; every consumer's inbox skips an eventId it has handled,
            so a redelivery changes nothing.
          * Events a restored service had consumed after the backup point are gone from its inbox and were already
            taken off its queues: replay them from a subscriber's copy (an archive queue, another system's records) or
            shovel them back from the `{queue}_error` queues; the inbox makes a replay of the whole window safe.
          * Each database in a set is consistent on its own; the services were copied one after another, seconds
            apart, so an event in flight between two of them in those seconds may need the same replay.
        """;

    private static (string? Command, Dictionary<string, string> Options, List<string> Positional) Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var pair = args[i][2..].Split('=', 2);
                if (pair.Length == 2) options[pair[0]] = pair[1];
                else if (i + 1 < args.Length) options[pair[0]] = args[++i];
            }
            else positional.Add(args[i]);
        }
        return (args.Length > 0 ? args[0] : null, options, positional);
    }
}
