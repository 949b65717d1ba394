using Crm.AfterSales.Infrastructure;
using Crm.Alerts.Infrastructure;
using Crm.Contracts.Infrastructure;
using Crm.Credit.Infrastructure;
using Crm.Customers.Infrastructure;
using Crm.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Crm.Platform.Tests;

/// <summary>
/// Branch ownership is one convention (ARCHITECTURE.md, "Identity, branches"): every entity with a <c>BranchId</c> in
/// every service's model carries the branch filter, unless it is listed below as truly group-wide, with the reason.
/// </summary>
public sealed class BranchFilterTests
{
    /// <summary>Entities that have a BranchId yet are read across branches on purpose. Empty today: keep a reason per entry.</summary>
    private static readonly IReadOnlyDictionary<string, string> GroupWide = new Dictionary<string, string>();

    public static TheoryData<string> Contexts => ["customers", "contracts", "credit", "aftersales", "alerts"];

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Every_entity_with_a_branch_id_has_the_branch_filter(string service)
    {
        foreach (var sqlServer in new[] { false, true })
        {
            using var db = Create(service, sqlServer);
            var entities = db.Model.GetEntityTypes().Where(e => e.FindProperty(nameof(IBranchOwned.BranchId)) is not null).ToList();
            Assert.NotEmpty(entities);
            var unfiltered = entities
                .Where(e => !GroupWide.ContainsKey(e.ClrType.FullName!))
                .Where(e => Root(e).FindBranchFilter() is null)
                .Select(e => e.ClrType.Name)
                .ToList();
            Assert.True(unfiltered.Count == 0,
                $"{service}: {string.Join(", ", unfiltered)} {(unfiltered.Count == 1 ? "has" : "have")} a BranchId but no branch filter; " +
                "implement IBranchOwned (the convention filters it), or list it in GroupWide with the reason.");
            // And the convention's filter is the only way an entity is scoped: no hand-written filter beside it.
            Assert.All(entities, e => Assert.All(Root(e).GetDeclaredQueryFilters(), f => Assert.Equal(BranchFilters.FilterName, f.Key)));
        }
    }

    [Fact]
    public void A_model_built_once_scopes_each_context_to_its_own_caller()
    {
        // Two contexts share the cached model; each query reads its own context's caller (not the first one's).
        using var shanghai = Serving(Caller("sh"));
        using var beijing = Serving(Caller("bj"));
        Assert.Same(shanghai.Model, beijing.Model);
        Assert.Contains("'sh'", SqlOf(shanghai), StringComparison.Ordinal);
        Assert.Contains("'bj'", SqlOf(beijing), StringComparison.Ordinal);

        static string SqlOf(CustomersDbContext db) =>
            db.Contacts.Where(c => c.Name == "x").ToQueryString();
    }

    [Fact]
    public void Without_a_caller_and_without_a_declared_branch_nothing_is_read()
    {
        var nobody = new CurrentUser(new HttpContextAccessor(), new BackgroundIdentity());
        Assert.Throws<InvalidOperationException>(() => nobody.SeesAllBranches);
        Assert.Throws<InvalidOperationException>(() => nobody.BranchId);
        Assert.Throws<InvalidOperationException>(() => nobody.CanAccessBranch("sh"));

        using var db = Serving(nobody);
        Assert.Throws<InvalidOperationException>(() => db.Customers.ToQueryString());

        // A context that serves no caller at all (not leased to a scope, nor told one) reads nothing either.
        using var unserved = new SqliteCustomersDbContext(Options());
        Assert.Throws<InvalidOperationException>(() => unserved.Customers.ToQueryString());
    }

    [Fact]
    public async Task A_pooled_context_reads_for_the_scope_it_serves_and_keeps_no_caller_after_it()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
        services.AddScoped<BackgroundIdentity>();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddSingleton<RegistrationGate>();
        services.AddServiceDbContext<CustomersDbContext, SqliteCustomersDbContext>((_, options) => options.UseSqlite("Data Source=:memory:"));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        CustomersDbContext first;
        await using (var shanghai = provider.GetRequiredService<IServiceScopeFactory>().CreateBranchScope("sh", "the pooling test"))
        {
            first = shanghai.ServiceProvider.GetRequiredService<CustomersDbContext>();
            Assert.Contains("'sh'", first.Contacts.Where(c => c.Name == "x").ToQueryString(), StringComparison.Ordinal);
        }
        await using (var beijing = provider.GetRequiredService<IServiceScopeFactory>().CreateBranchScope("bj", "the pooling test"))
        {
            var second = beijing.ServiceProvider.GetRequiredService<CustomersDbContext>();
            Assert.Same(first, second); // the same instance, back from the pool
            var sql = second.Contacts.Where(c => c.Name == "x").ToQueryString();
            Assert.Contains("'bj'", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("'sh'", sql, StringComparison.Ordinal);
        }
        await using (var everyBranch = provider.CreateSystemScope("the pooling test"))
            Assert.DoesNotContain("'bj'", everyBranch.ServiceProvider.GetRequiredService<CustomersDbContext>().Contacts.ToQueryString(), StringComparison.Ordinal);

        // Leased outside a scope, straight from the pool, it has no caller: the last scope's is not kept.
        await using var leased = provider.GetRequiredService<IDbContextFactory<SqliteCustomersDbContext>>().CreateDbContext();
        Assert.Same(first, leased);
        Assert.Throws<InvalidOperationException>(() => leased.Customers.ToQueryString());
    }

    [Fact]
    public void Background_work_acts_for_the_branch_it_names_or_for_every_branch_by_name()
    {
        var forShanghai = new BackgroundIdentity();
        forShanghai.ActForBranch(" SH ", "a consumer");
        var consumer = new CurrentUser(new HttpContextAccessor(), forShanghai);
        Assert.Equal(("sh", false, true, false), (consumer.BranchId, consumer.SeesAllBranches, consumer.CanAccessBranch("sh"), consumer.CanAccessBranch("bj")));
        Assert.True(consumer.IsSystem);
        // A scope keeps the identity it declared: widening it needs a scope of its own.
        Assert.Throws<InvalidOperationException>(() => forShanghai.ActForAllBranches("a sweep"));

        var everyBranch = new BackgroundIdentity();
        everyBranch.ActForAllBranches("the expiry job");
        var sweep = new CurrentUser(new HttpContextAccessor(), everyBranch);
        Assert.True(sweep.SeesAllBranches);
        Assert.True(sweep.CanAccessBranch("bj"));
        Assert.Throws<ArgumentException>(() => new BackgroundIdentity().ActForAllBranches(" "));
    }

    /// <summary>
    /// Where an entity's filter lives: the root of its hierarchy, or for an owned type (stored with, and only ever read
    /// through, its owner, which EF does not let carry a filter of its own) its owner's root.
    /// </summary>
    private static IEntityType Root(IEntityType entityType) =>
        entityType.FindOwnership() is { } ownership ? Root(ownership.PrincipalEntityType) : (IEntityType)entityType.GetRootType();

    private static SqliteCustomersDbContext Serving(ICurrentUser caller)
    {
        var db = new SqliteCustomersDbContext(Options());
        db.Serve(caller);
        return db;
    }

    private static DbContextOptions<SqliteCustomersDbContext> Options() =>
        new DbContextOptionsBuilder<SqliteCustomersDbContext>().UseSqlite("Data Source=:memory:").Options;

    private static ICurrentUser Caller(string branch)
    {
        var identity = new BackgroundIdentity();
        identity.ActForBranch(branch, "a test");
        return new CurrentUser(new HttpContextAccessor(), identity);
    }

    private static DbContext Create(string service, bool sqlServer) => (service, sqlServer) switch
    {
        ("customers", false) => new SqliteCustomersDesignTimeFactory().CreateDbContext([]),
        ("customers", true) => new SqlServerCustomersDesignTimeFactory().CreateDbContext([]),
        ("contracts", false) => new SqliteContractsDesignTimeFactory().CreateDbContext([]),
        ("contracts", true) => new SqlServerContractsDesignTimeFactory().CreateDbContext([]),
        ("credit", false) => new SqliteCreditDesignTimeFactory().CreateDbContext([]),
        ("credit", true) => new SqlServerCreditDesignTimeFactory().CreateDbContext([]),
        ("aftersales", false) => new SqliteAfterSalesDesignTimeFactory().CreateDbContext([]),
        ("aftersales", true) => new SqlServerAfterSalesDesignTimeFactory().CreateDbContext([]),
        ("alerts", false) => new SqliteAlertsDesignTimeFactory().CreateDbContext([]),
        ("alerts", true) => new SqlServerAlertsDesignTimeFactory().CreateDbContext([]),
        _ => throw new ArgumentException(service),
    };
}
