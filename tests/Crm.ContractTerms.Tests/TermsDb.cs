using Crm.Messaging.Persistence;
using Crm.Terms;
using Microsoft.EntityFrameworkCore;

namespace Crm.Terms.Tests;

/// <summary>A service's context as the library expects it: the projection mapped, then the branch-filter convention.</summary>
public sealed class TermsDbContext(DbContextOptions<TermsDbContext> options, string? callerBranch) : DbContext(options), IBranchScopedDbContext
{
    bool IBranchScopedDbContext.SeesAllBranches => callerBranch is null;
    string IBranchScopedDbContext.CallerBranch => callerBranch ?? "";

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.AddContractTermsProjection().ApplyBranchFilters(this);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        ProviderConventions.ForSqlite(configurationBuilder);
}

/// <summary>A real SQLite file per test class; each event is applied and saved in a context of its own, as the inbox does.</summary>
public sealed class TermsDb : IAsyncDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"contract-terms-{Guid.NewGuid():N}.db");
    private readonly DbContextOptions<TermsDbContext> _options;

    private TermsDb() => _options = new DbContextOptionsBuilder<TermsDbContext>().UseSqlite($"Data Source={_file};Pooling=false").Options;

    public static async Task<TermsDb> CreateAsync()
    {
        var db = new TermsDb();
        await using var context = db.Context();
        await context.Database.EnsureCreatedAsync();
        return db;
    }

    public TermsDbContext Context(string? callerBranch = null) => new(_options, callerBranch);

    public async Task ApplyAsync(Func<DbContext, CancellationToken, Task> apply)
    {
        await using var context = Context();
        await apply(context, CancellationToken.None);
        await context.SaveChangesAsync();
    }

    public async Task<T> ReadAsync<T>(Func<TermsDbContext, Task<T>> read, string? callerBranch = null)
    {
        await using var context = Context(callerBranch);
        return await read(context);
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(_file);
        return ValueTask.CompletedTask;
    }
}
