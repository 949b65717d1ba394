namespace Crm.Messaging.Persistence.Backups;

/// <summary>
/// Whether a running process holds a database file: a service keeps its SQLite file (and its <c>-wal</c>/<c>-shm</c>)
/// open for as long as it runs, pooled connections included. On Linux every process's open files are listed under
/// <c>/proc/{pid}/fd</c>; elsewhere, or for a process we may not look into, SQLite's own lock is tried as well.
/// </summary>
internal static class FilesInUse
{
    public static IReadOnlyList<string> Find(IEnumerable<string> files)
    {
        var wanted = files.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (pid, file) in OpenFiles())
            if (wanted.Contains(file)) found.Add($"{file} (process {pid} {ProcessName(pid)})");
        foreach (var database in wanted.Where(f => f.EndsWith(".db", StringComparison.Ordinal) && File.Exists(f)))
            if (IsWriteLocked(database)) found.Add($"{database} (locked by a writer)");
        return found.ToList();
    }

    private static IEnumerable<(int Pid, string File)> OpenFiles()
    {
        if (!Directory.Exists("/proc/self/fd")) yield break;
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), out var pid)) continue;
            IEnumerable<string> descriptors;
            try { descriptors = Directory.GetFiles(Path.Combine(process, "fd")); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var descriptor in descriptors)
            {
                string? target;
                try { target = new FileInfo(descriptor).LinkTarget; }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
                if (target is not null && target.StartsWith('/')) yield return (pid, target);
            }
        }
    }

    private static string ProcessName(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    /// <summary>True when another connection holds (or is taking) the write lock: a writer is at work right now.</summary>
    private static bool IsWriteLocked(string database)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 0,
            }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;";
            command.ExecuteNonQuery();
            return false;
        }
        catch (SqliteException e)
        {
            return e.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED; anything else (not a database) is no lock
        }
    }
}
