using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Backup.Tests;

/// <summary>
/// Sets on disk: what a restore refuses (corrupted, incomplete, a bad manifest) and that it then touches nothing, and
/// what retention removes. Small databases made here; the services' own files are the other classes' business.
/// </summary>
public sealed class BackupSetTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "crm-backup-tests", Guid.NewGuid().ToString("N"));
    private readonly string _data;
    private readonly string _target;

    public BackupSetTests()
    {
        _data = Path.Combine(_root, "data");
        _target = Path.Combine(_root, "backups");
        Directory.CreateDirectory(_data);
        Sqlite.CreateServiceDatabase(Path.Combine(_data, "customers.db"), 500);
        Sqlite.CreateServiceDatabase(Path.Combine(_data, "credit.db"), 800);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* temp folder; cleaned eventually */ }
    }

    private async Task<string> BackupAsync()
    {
        var result = await Cli.RunAsync("backup", "--data", _data, "--target", _target, "--services", "customers,credit");
        Assert.True(result.ExitCode == 0, result.Error);
        return Directory.GetDirectories(_target).Single(d => Path.GetFileName(d).StartsWith("crm-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_set_holds_each_database_with_its_size_checksum_and_schema_version_and_restores_into_an_empty_folder()
    {
        var set = await BackupAsync();

        var manifest = BackupManifest.Read(set);
        Assert.Equal(["customers", "credit"], manifest.Databases.Select(d => d.Service));
        foreach (var entry in manifest.Databases)
        {
            var file = Path.Combine(set, entry.File);
            Assert.Equal(new FileInfo(file).Length, entry.Size);
            Assert.Equal(await SqliteBackup.Sha256Async(file), entry.Sha256);
            Assert.Equal("20261120000000_Second", entry.SchemaVersion);
            Assert.Equal("ok", SqliteBackup.IntegrityCheck(file));
        }
        Assert.Empty(Directory.GetFiles(set, "*-wal"));

        var fresh = Path.Combine(_root, "fresh");
        var restore = await Cli.RunAsync("restore", "--data", fresh, set);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Equal(500, Sqlite.Scalar(Path.Combine(fresh, "customers.db"), "SELECT count(*) FROM Rows"));
        Assert.Equal(800, Sqlite.Scalar(Path.Combine(fresh, "credit.db"), "SELECT count(*) FROM Rows"));
        Assert.Contains("inbox", restore.Output, StringComparison.Ordinal);
        Assert.Contains("_error", restore.Output, StringComparison.Ordinal);
        Assert.Contains("not in the set(s), left as they were: contracts, aftersales, alerts", restore.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_set_with_a_flipped_byte_is_refused_and_nothing_is_restored()
    {
        var set = await BackupAsync();
        var file = Path.Combine(set, "credit.db");
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(file, bytes);

        var fresh = Path.Combine(_root, "fresh");
        var restore = await Cli.RunAsync("restore", "--data", fresh, set);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("corrupted set", restore.Error, StringComparison.Ordinal);
        Assert.Contains("checksum of credit.db", restore.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(fresh) && Directory.EnumerateFileSystemEntries(fresh).Any(), "a refused restore wrote something");
    }

    [Fact]
    public async Task A_set_missing_a_file_is_refused_and_the_data_folder_is_left_as_it_was()
    {
        var set = await BackupAsync();
        File.Delete(Path.Combine(set, "customers.db"));
        var before = await SqliteBackup.Sha256Async(Path.Combine(_data, "credit.db"));

        var restore = await Cli.RunAsync("restore", "--data", _data, set);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("incomplete set", restore.Error, StringComparison.Ordinal);
        Assert.Contains("customers.db (customers) is listed in the manifest but missing", restore.Error, StringComparison.Ordinal);
        Assert.Equal(before, await SqliteBackup.Sha256Async(Path.Combine(_data, "credit.db")));
        Assert.Empty(Directory.GetDirectories(_data, "pre-restore-*"));
    }

    [Theory]
    [InlineData("not json", "bad manifest")]
    [InlineData("""{ "format": "crm-backup/1", "createdAt": "2026-11-29T00:00:00Z", "kind": "manual", "databases": [] }""", "lists no databases")]
    [InlineData("""{ "format": "crm-backup/9", "createdAt": "2026-11-29T00:00:00Z", "kind": "manual", "databases": [] }""", "has format 'crm-backup/9'")]
    [InlineData(null, "has no manifest.json")]
    public async Task A_set_whose_manifest_is_missing_or_bad_is_refused(string? manifest, string expected)
    {
        var set = await BackupAsync();
        var path = Path.Combine(set, BackupManifest.FileName);
        if (manifest is null) File.Delete(path);
        else await File.WriteAllTextAsync(path, manifest);

        var restore = await Cli.RunAsync("restore", "--data", Path.Combine(_root, "fresh"), set);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains(expected, restore.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_naming_a_file_outside_the_set_is_refused()
    {
        var set = await BackupAsync();
        var path = Path.Combine(set, BackupManifest.FileName);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        json["databases"]![0]!["file"] = "../../data/customers.db";
        await File.WriteAllTextAsync(path, json.ToJsonString());

        var restore = await Cli.RunAsync("restore", "--data", Path.Combine(_root, "fresh"), set);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("bad manifest", restore.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_without_a_database_to_back_up_fails_with_what_is_missing()
    {
        var result = await Cli.RunAsync("backup", "--data", _data, "--target", _target);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Path.Combine(_data, "contracts.db"), result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_target) && Directory.EnumerateFileSystemEntries(_target).Any());
    }

    [Fact]
    public async Task The_scheduled_sets_of_several_services_restore_together_but_a_service_given_twice_is_refused()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero));
        var customers = await BackupSets.CreateAsync(_target, "customers", [new BackupSource("customers", Path.Combine(_data, "customers.db"))], "scheduled", clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        var credit = await BackupSets.CreateAsync(_target, "credit", [new BackupSource("credit", Path.Combine(_data, "credit.db"))], "scheduled", clock);
        var full = await BackupAsync();

        var twice = await Cli.RunAsync("restore", "--data", Path.Combine(_root, "fresh"), customers.Path, full);
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains("customers is in more than one of the sets given", twice.Error, StringComparison.Ordinal);

        var fresh = Path.Combine(_root, "fresh");
        var restore = await Cli.RunAsync("restore", "--data", fresh, customers.Path, credit.Path);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Equal(500, Sqlite.Scalar(Path.Combine(fresh, "customers.db"), "SELECT count(*) FROM Rows"));
        Assert.Equal(800, Sqlite.Scalar(Path.Combine(fresh, "credit.db"), "SELECT count(*) FROM Rows"));
    }

    [Fact]
    public async Task Retention_removes_only_the_old_sets_of_its_own_service()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero));
        var source = new BackupSource("customers", Path.Combine(_data, "customers.db"));
        var sets = new List<string>();
        for (var day = 0; day < 5; day++)
        {
            sets.Add((await BackupSets.CreateAsync(_target, "customers", [source], "scheduled", clock)).Path);
            clock.Advance(TimeSpan.FromDays(1));
        }
        var otherService = (await BackupSets.CreateAsync(_target, "credit", [new BackupSource("credit", Path.Combine(_data, "credit.db"))], "scheduled", clock)).Path;
        var foreign = Directory.CreateDirectory(Path.Combine(_target, "customers-notes")).FullName;
        var unfinished = Directory.CreateDirectory(Path.Combine(_target, "customers-20260101T000000000Z")).FullName; // no manifest
        var died = Directory.CreateDirectory(Path.Combine(_target, ".customers-20261101T120000000Z.partial")).FullName; // a backup that crashed
        var running = Directory.CreateDirectory(Path.Combine(_target, $".customers-{clock.GetUtcNow():yyyyMMdd'T'HHmmss}001Z.partial")).FullName; // one under way

        var removed = BackupSets.ApplyRetention(_target, "customers", keep: 3, maxAge: null, clock.GetUtcNow());

        Assert.Equal(sets.Take(2).Append(died).Order(), removed.Order());
        Assert.All(sets.Skip(2).Append(otherService).Append(foreign).Append(unfinished).Append(running), path => Assert.True(Directory.Exists(path), path));

        // By age as well: of the three left (2, 3 and 4 days old at "now" + 1 day), those over 3.5 days go.
        var older = BackupSets.ApplyRetention(_target, "customers", keep: 3, maxAge: TimeSpan.FromDays(3.5), clock.GetUtcNow().AddDays(1));
        Assert.Equal([sets[2]], older);
        Assert.True(Directory.Exists(sets[3]) && Directory.Exists(sets[4]));

        // Never the newest, however old.
        var none = BackupSets.ApplyRetention(_target, "customers", keep: 1, maxAge: TimeSpan.FromDays(1), clock.GetUtcNow().AddDays(100));
        Assert.Equal([sets[3]], none);
        Assert.True(Directory.Exists(sets[4]));
    }
}
