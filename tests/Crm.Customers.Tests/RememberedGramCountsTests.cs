namespace Crm.Customers.Tests;

/// <summary>
/// The customers service with small plan thresholds: a first look of 2 rows per gram, the walk above 5, so that a few
/// customers cross both (the plan's counts are remembered for the default 60 s).
/// </summary>
public sealed class RememberedCountsFixture : CustomersFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Customers:SearchWalkAbove", "5"), new("Customers:SearchFirstLook", "2")];
}

/// <summary>
/// A search plans from gram counts it remembers for a while (GramCounts); customers registered, renamed or gone since
/// then change how the search runs, never what it finds: each answer is the plain evaluation of the texts as they are
/// now, and a gram that was in no text is counted again, never remembered as empty.
/// </summary>
public sealed class RememberedGramCountsTests(RememberedCountsFixture fixture) : IClassFixture<RememberedCountsFixture>
{
    private const string Term = "锦华泽";

    [Fact]
    public async Task A_search_planned_from_remembered_counts_finds_the_customers_registered_and_renamed_since()
    {
        using var insideSales = fixture.As("is-remember", "rm", "inside-sales");
        using var manager = fixture.As("mm-remember", "rm", "marketing-manager");
        using var groupGm = fixture.As("gm-remember", "hq", "group-gm");
        var named = new Dictionary<Guid, (string Name, long Version)>();
        async Task RegisterAsync(string name)
        {
            var registered = await insideSales.RegisterAsync(name, "华东");
            named[registered.Id] = (name, registered.Version);
        }

        for (var i = 0; i < 3; i++) await RegisterAsync($"{Api.Unique("苏州")}{Term}{i}商行");
        await AssertFindsAsync(insideSales, Term, named); // counted (3 rows per gram) and remembered
        await AssertFindsAsync(groupGm, Term, named);

        for (var i = 3; i < 9; i++) await RegisterAsync($"{Api.Unique("无锡")}{Term}{i}商行");
        await AssertFindsAsync(insideSales, Term, named); // 9 rows now, 3 remembered: every candidate read, all found
        await AssertFindsAsync(groupGm, Term, named);

        // A gram in no text is not remembered: the customer registered next is found at once.
        await AssertFindsAsync(insideSales, "华泽龙", named);
        await RegisterAsync($"{Api.Unique("常州")}华泽龙商行");
        await AssertFindsAsync(insideSales, "华泽龙", named);

        // Renamed away from the term (remembered counts now too high): only the one left is found.
        foreach (var (id, (name, version)) in named.Where(n => n.Value.Name.Contains(Term, StringComparison.Ordinal)).Skip(1).ToList())
        {
            var renamed = name.Replace(Term, "锦绣", StringComparison.Ordinal);
            var response = await manager.PutAsJsonAsync($"/api/customers/{id}", new { name = renamed, kind = "agent", region = "华东", version, changeReason = "改名" });
            named[id] = (renamed, (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("version").GetInt64());
        }
        await AssertFindsAsync(insideSales, Term, named);
        await AssertFindsAsync(groupGm, Term, named);
        await AssertFindsAsync(insideSales, "锦绣", named);
    }

    /// <summary>Every page of 4 of the search gives, in name order, exactly the customers whose name holds the term, with their total.</summary>
    private static async Task AssertFindsAsync(HttpClient client, string term, Dictionary<Guid, (string Name, long Version)> named)
    {
        var expected = named.Where(n => n.Value.Name.Contains(term, StringComparison.Ordinal))
            .OrderBy(n => n.Value.Name, StringComparer.Ordinal).Select(n => n.Key).ToList();
        var found = new List<Guid>();
        for (var page = 1; page <= 5; page++)
        {
            var body = await (await client.GetAsync($"/api/customers?search={Uri.EscapeDataString(term)}&page={page}&pageSize=4")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(expected.Count, body.GetProperty("total").GetInt32());
            found.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        }
        Assert.Equal(expected, found);
    }
}
