using Microsoft.Data.Sqlite;

namespace Crm.Platform.Tests;

/// <summary>
/// The write gate on a real SQLite file: writers of one file queue in the process instead of meeting SQLite's lock.
/// Connections here wait at most one second for SQLite's lock (<c>Default Timeout=1</c>, no busy timeout pragma), so
/// any writer that reaches SQLite while another holds the lock, and waits past that, fails with "database is locked".
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private const int Writers = 24;
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"crm-gate-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Concurrent_transactions_and_single_statements_take_turns_without_busy_errors()
    {
        await CreateAsync();
        var gate = new SqliteWriteGateInterceptor();

        var failures = await RunWritersAsync(gate);

        Assert.Empty(failures);
        await using var db = Context(gate);
        // Every transaction's read-increment-write and every single UPDATE counted: nothing lost, nothing failed.
        Assert.Equal(Writers * 2, (await db.Tallies.SingleAsync(t => t.Name == "shared")).Count);
    }

    [Fact]
    public async Task Without_the_gate_the_same_writers_meet_the_lock_and_fail()
    {
        await CreateAsync();

        var failures = await RunWritersAsync(gate: null);

        // The control: the load is heavy enough that SQLite's own waiting gives up, so the test above can fail.
        Assert.Contains(failures, e => e is SqliteException { SqliteErrorCode: 5 } || e.InnerException is SqliteException { SqliteErrorCode: 5 });
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_gives_the_turn_back()
    {
        await CreateAsync();
        var gate = new SqliteWriteGateInterceptor(timeout: TimeSpan.FromSeconds(5));

        await using (var abandoned = Context(gate))
        {
            await abandoned.Database.OpenConnectionAsync(); // kept open: only the next command can notice the end
            await using (await abandoned.Database.BeginTransactionAsync())
            {
                abandoned.Tallies.Add(new Tally { Name = "rolled-back", Count = 1 });
                await abandoned.SaveChangesAsync();
            } // disposed without commit: SQLite rolls back, and EF tells no interceptor

            // The same connection writes again; then another context writes while the first is still open.
            await abandoned.Tallies.Where(t => t.Name == "shared").ExecuteUpdateAsync(s => s.SetProperty(t => t.Count, t => t.Count + 1));
            await using var other = Context(gate);
            await using var transaction = await other.Database.BeginTransactionAsync();
            other.Tallies.Add(new Tally { Name = "after", Count = 1 });
            await other.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using var db = Context(gate);
        Assert.False(await db.Tallies.AnyAsync(t => t.Name == "rolled-back"));
        Assert.True(await db.Tallies.AnyAsync(t => t.Name == "after"));
        Assert.Equal(1, (await db.Tallies.SingleAsync(t => t.Name == "shared")).Count);
    }

    /// <summary>Half the writers run read-increment-write transactions that hold the lock a while; half single UPDATEs.</summary>
    private async Task<List<Exception>> RunWritersAsync(SqliteWriteGateInterceptor? gate)
    {
        var failures = new List<Exception>();
        using var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, Writers * 2).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await using var db = Context(gate);
                if (i % 2 == 0)
                {
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    var tally = await db.Tallies.SingleAsync(t => t.Name == "shared");
                    tally.Count++;
                    await Task.Delay(80); // work inside the transaction: the lock is held meanwhile
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                }
                else
                {
                    await db.Tallies.Where(t => t.Name == "shared").ExecuteUpdateAsync(s => s.SetProperty(t => t.Count, t => t.Count + 1));
                }
            }
            catch (Exception e)
            {
                lock (failures) failures.Add(e);
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(writers);
        return failures;
    }

    private async Task CreateAsync()
    {
        await using var db = Context(gate: null);
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        db.Tallies.Add(new Tally { Name = "shared" });
        await db.SaveChangesAsync();
    }

    private TallyDbContext Context(SqliteWriteGateInterceptor? gate)
    {
        var options = new DbContextOptionsBuilder<TallyDbContext>().UseSqlite($"Data Source={_file};Default Timeout=1");
        if (gate is not null) options.AddInterceptors(gate);
        return new TallyDbContext(options.Options);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
    }
}
