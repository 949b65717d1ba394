using System.Globalization;
using System.Text.RegularExpressions;

namespace Crm.Messaging.Persistence.Backups;

/// <summary>A service's database file to back up: <c>customers</c> and <c>/srv/crm/.data/customers.db</c>.</summary>
public sealed record BackupSource(string Service, string DatabasePath);

/// <summary>A finished set: its folder and its manifest.</summary>
public sealed record BackupSet(string Path, BackupManifest Manifest)
{
    public string Name => System.IO.Path.GetFileName(Path);
}

/// <summary>What a restore did, per service: the file written and where the files it replaced went.</summary>
public sealed record RestoredDatabase(string Service, string Path, string? SchemaVersion, DateTimeOffset BackedUpAt);

public sealed record RestoreResult(IReadOnlyList<RestoredDatabase> Databases, string? PreviousFilesFolder);

/// <summary>
/// Backup sets on disk: a folder <c>{label}-{yyyyMMddTHHmmssfffZ}</c> holding one file per service and a
/// <c>manifest.json</c>. Written under a hidden <c>.partial</c> name and renamed only when complete, so a set that
/// exists is whole. The one definition shared by <c>./build.sh backup|restore</c> (tools/Crm.Backup) and the
/// services' scheduled backups.
/// </summary>
public static partial class BackupSets
{
    private const string StampFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    [GeneratedRegex(@"^(?<label>[a-z][a-z0-9]*)-(?<stamp>\d{8}T\d{9}Z)$")]
    private static partial Regex SetName();

    [GeneratedRegex(@"^[a-z][a-z0-9]*$")]
    private static partial Regex ServiceName();

    /// <summary>
    /// Backs up every source into a new set under <paramref name="target"/>, named <c>{label}-{time}</c>. Each
    /// database goes through SQLite's online backup (consistent while the service writes), then is checksummed.
    /// </summary>
    public static async Task<BackupSet> CreateAsync(
        string target, string label, IReadOnlyCollection<BackupSource> sources, string kind, TimeProvider clock,
        CancellationToken cancellationToken = default)
    {
        if (sources.Count == 0) throw new ArgumentException("Nothing to back up.", nameof(sources));
        foreach (var source in sources)
        {
            if (!ServiceName().IsMatch(source.Service))
                throw new ArgumentException($"'{source.Service}' is not a service name.", nameof(sources));
            if (!File.Exists(source.DatabasePath))
                throw new FileNotFoundException($"No database for {source.Service}: {source.DatabasePath} does not exist.", source.DatabasePath);
        }
        if (sources.Select(s => s.Service).Distinct().Count() != sources.Count)
            throw new ArgumentException("A service is named twice.", nameof(sources));

        Directory.CreateDirectory(target);
        var createdAt = clock.GetUtcNow();
        var name = $"{label}-{createdAt.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture)}";
        var final = Path.Combine(Path.GetFullPath(target), name);
        if (Directory.Exists(final)) throw new IOException($"The backup set {final} already exists.");
        var partial = Path.Combine(Path.GetFullPath(target), $".{name}.partial");
        Directory.CreateDirectory(partial);
        try
        {
            var entries = new List<BackupManifestEntry>();
            foreach (var source in sources)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var file = source.Service + ".db";
                var copy = Path.Combine(partial, file);
                await Task.Run(() => SqliteBackup.Copy(source.DatabasePath, copy), cancellationToken);
                entries.Add(new BackupManifestEntry
                {
                    Service = source.Service,
                    File = file,
                    Size = new FileInfo(copy).Length,
                    Sha256 = await SqliteBackup.Sha256Async(copy, cancellationToken),
                    SchemaVersion = SqliteBackup.SchemaVersion(copy),
                });
            }
            var manifest = new BackupManifest
            {
                Format = BackupManifest.CurrentFormat,
                CreatedAt = createdAt,
                Kind = kind,
                Host = Environment.MachineName,
                Databases = entries,
            };
            await File.WriteAllTextAsync(Path.Combine(partial, BackupManifest.FileName), manifest.ToJson(), cancellationToken);
            Directory.Move(partial, final);
            return new BackupSet(final, manifest);
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(partial, recursive: true); }
            catch (IOException) { /* the partial folder is hidden and ignored by restore and retention alike */ }
            throw;
        }
    }

    /// <summary>
    /// Proves a set whole: its manifest reads, every file it lists is there with the size and SHA-256 it lists, and
    /// nothing is listed twice. Throws <see cref="BackupSetException"/> with what is wrong.
    /// </summary>
    public static async Task<BackupSet> VerifyAsync(string setDirectory, CancellationToken cancellationToken = default)
    {
        var path = Path.GetFullPath(setDirectory);
        if (!Directory.Exists(path))
            throw new BackupSetException($"找不到备份集 (no such set): {path} is not a folder.");
        var manifest = BackupManifest.Read(path);
        if (manifest.Databases.Count == 0)
            throw new BackupSetException($"备份清单损坏 (bad manifest): {Path.Combine(path, BackupManifest.FileName)} lists no databases.");
        foreach (var entry in manifest.Databases)
        {
            if (entry.Service is null || !ServiceName().IsMatch(entry.Service) || entry.File is null
                || entry.File != Path.GetFileName(entry.File) || entry.File is "." or ".." || entry.Sha256 is null)
                throw new BackupSetException($"备份清单损坏 (bad manifest): the entry for '{entry.Service}' / '{entry.File}' is not valid.");
        }
        if (manifest.Databases.GroupBy(d => d.Service).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new BackupSetException($"备份清单损坏 (bad manifest): {twice.Key} is listed twice.");

        foreach (var entry in manifest.Databases)
        {
            var file = Path.Combine(path, entry.File);
            if (!File.Exists(file))
                throw new BackupSetException($"备份集不完整 (incomplete set): {entry.File} ({entry.Service}) is listed in the manifest but missing from {path}.");
            var size = new FileInfo(file).Length;
            if (size != entry.Size)
                throw new BackupSetException($"备份文件损坏 (corrupted set): {entry.File} ({entry.Service}) has {size:N0} bytes, the manifest says {entry.Size:N0}.");
            var sha256 = await SqliteBackup.Sha256Async(file, cancellationToken);
            if (!string.Equals(sha256, entry.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new BackupSetException($"备份文件损坏 (corrupted set): the checksum of {entry.File} ({entry.Service}) is {sha256}, the manifest says {entry.Sha256}.");
        }
        return new BackupSet(path, manifest);
    }

    /// <summary>
    /// Restores every database of the given sets into <paramref name="dataDirectory"/> as <c>{service}.db</c>: verifies
    /// all sets first, refuses if any target file is open by a running process (the system is up), moves the files it
    /// replaces aside into <c>pre-restore-{time}</c>, and writes every file under a temporary name (checked against its
    /// checksum) before any is renamed into place, so a failed copy leaves the data folder as it was.
    /// </summary>
    public static async Task<RestoreResult> RestoreAsync(
        IReadOnlyCollection<string> setDirectories, string dataDirectory, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        if (setDirectories.Count == 0) throw new BackupSetException("没有备份集 (no set): name at least one backup set to restore.");
        var sets = new List<BackupSet>();
        foreach (var set in setDirectories) sets.Add(await VerifyAsync(set, cancellationToken));
        var entries = sets.SelectMany(s => s.Manifest.Databases.Select(d => (Set: s, Entry: d))).ToList();
        if (entries.GroupBy(e => e.Entry.Service).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new BackupSetException($"{twice.Key} is in more than one of the sets given; name one set per service.");

        dataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var targets = entries.Select(e => Path.Combine(dataDirectory, e.Entry.Service + ".db")).ToList();
        RefuseIfInUse(targets);

        // Every file is copied and checked under a temporary name first: a copy that fails (a full disk) leaves the data
        // folder as it was. Only then are the old files moved aside and the new ones renamed into place.
        var staged = new List<(string Temporary, string Target)>();
        try
        {
            foreach (var (set, entry) in entries)
            {
                var target = Path.Combine(dataDirectory, entry.Service + ".db");
                var temporary = target + ".restoring";
                staged.Add((temporary, target));
                File.Copy(Path.Combine(set.Path, entry.File), temporary, overwrite: true);
                if (!string.Equals(await SqliteBackup.Sha256Async(temporary, cancellationToken), entry.Sha256, StringComparison.OrdinalIgnoreCase))
                    throw new BackupSetException($"The copy of {entry.File} into {dataDirectory} does not match its checksum; the disk may be failing. Nothing was replaced.");
            }
            RefuseIfInUse(targets); // again: the copies took a while, and a service may have been started meanwhile
        }
        catch
        {
            foreach (var (temporary, _) in staged) File.Delete(temporary);
            throw;
        }

        var existing = targets.SelectMany(DatabaseFiles).Where(File.Exists).ToList();
        string? previous = null;
        if (existing.Count > 0)
        {
            previous = Path.Combine(dataDirectory, $"pre-restore-{clock.GetUtcNow().UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture)}");
            Directory.CreateDirectory(previous);
            foreach (var file in existing) File.Move(file, Path.Combine(previous, Path.GetFileName(file)));
        }
        foreach (var (temporary, target) in staged) File.Move(temporary, target);
        var restored = entries.Select(e => new RestoredDatabase(e.Entry.Service, Path.Combine(dataDirectory, e.Entry.Service + ".db"),
            e.Entry.SchemaVersion, e.Set.Manifest.CreatedAt)).ToList();
        return new RestoreResult(restored, previous);
    }

    /// <summary>
    /// Removes the sets of <paramref name="label"/> under <paramref name="directory"/> beyond the newest
    /// <paramref name="keep"/>, and (when <paramref name="maxAge"/> is given) those older than it, never the newest.
    /// Only folders named like a set of that label are considered; anything else there is left alone, but for the
    /// hidden partial sets of that label older than its newest set (left by a backup that died).
    /// </summary>
    public static IReadOnlyList<string> ApplyRetention(string directory, string label, int keep, TimeSpan? maxAge, DateTimeOffset now)
    {
        if (keep < 1) throw new ArgumentOutOfRangeException(nameof(keep), "Keep at least one set.");
        var sets = List(directory, label);
        var removed = new List<string>();
        for (var i = 1; i < sets.Count; i++)
        {
            var (path, createdAt) = sets[i];
            if (i >= keep || (maxAge is { } age && now - createdAt > age))
            {
                Directory.Delete(path, recursive: true);
                removed.Add(path);
            }
        }
        // A partial set older than the newest finished one was left by a backup that died (a crash, a full disk).
        if (sets.Count > 0 && Directory.Exists(directory))
            foreach (var partial in Directory.EnumerateDirectories(directory, $".{label}-*.partial"))
            {
                var match = SetName().Match(System.IO.Path.GetFileName(partial)[1..^".partial".Length]);
                if (match.Success && match.Groups["label"].Value == label && ParseStamp(match.Groups["stamp"].Value) < sets[0].CreatedAt)
                {
                    Directory.Delete(partial, recursive: true);
                    removed.Add(partial);
                }
            }
        return removed;
    }

    /// <summary>The finished sets of a label under a folder, newest first, by the time in their names.</summary>
    public static IReadOnlyList<(string Path, DateTimeOffset CreatedAt)> List(string directory, string label)
    {
        if (!Directory.Exists(directory)) return [];
        return Directory.EnumerateDirectories(directory)
            .Select(path => (Path: path, Match: SetName().Match(System.IO.Path.GetFileName(path))))
            .Where(s => s.Match.Success && s.Match.Groups["label"].Value == label && File.Exists(System.IO.Path.Combine(s.Path, BackupManifest.FileName)))
            .Select(s => (s.Path, CreatedAt: ParseStamp(s.Match.Groups["stamp"].Value)))
            .OrderByDescending(s => s.CreatedAt)
            .ToList();
    }

    private static void RefuseIfInUse(IEnumerable<string> databases)
    {
        var inUse = FilesInUse.Find(databases.SelectMany(DatabaseFiles));
        if (inUse.Count > 0)
            throw new BackupSetException("数据文件正在使用 (system running): these files are open, so the system (or part of it) is running; " +
                "stop it before restoring — this command stops nothing it did not start:\n  " + string.Join("\n  ", inUse));
    }

    private static DateTimeOffset ParseStamp(string stamp) => new(DateTime.ParseExact(stamp, StampFormat,
        CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    private static IEnumerable<string> DatabaseFiles(string database) => [database, database + "-wal", database + "-shm", database + "-journal"];
}
