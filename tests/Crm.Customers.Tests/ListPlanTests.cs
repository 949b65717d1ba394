using Crm.ServiceDefaults;

namespace Crm.Customers.Tests;

/// <summary>
/// The customers service with every search treated as one of many candidates (a gram with 5 rows is "many"), walking the
/// name order for the first two pages of 7 and sorting the candidates after that: the large-result plans on a small file.
/// The plan's first look reads 2 rows per gram, so that common grams are counted in a second round.
/// </summary>
public sealed class ManyCandidatesFixture : CustomersFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Customers:SearchWalkAbove", "5"), new("Customers:SearchWalkRowsAtMost", "14"), new("Customers:SearchFirstLook", "2")];
}

/// <summary>The list's plans with the default thresholds: on this file every search reads all its candidates.</summary>
public sealed class ListPlanTests(CustomersFixture fixture) : ListPlanProperty(fixture), IClassFixture<CustomersFixture>;

/// <summary>The same with the plans for many candidates (a bounded count, the walk, the sorted candidates past the walk).</summary>
public sealed class ManyCandidatesListPlanTests(ManyCandidatesFixture fixture) : ListPlanProperty(fixture), IClassFixture<ManyCandidatesFixture>;

/// <summary>
/// Random customers (Chinese names, statuses, grades, regions, routes, owners, categories, entry dates) in two branches;
/// then every combination the list offers — a search term or none, with a filter or two, in one of the sorts — read
/// page by page through the list must give exactly the rows, in exactly the order, and the total that a plain
/// evaluation of the same filters over every customer gives: in the caller's branch only for a branch user,
/// group-wide for a group role. Pages past the end are empty and still carry the total.
/// </summary>
public abstract class ListPlanProperty(CustomersFixture fixture)
{
    private const string Hanzi = "利民华美日化商贸杭州恒通金山永盛有限公司";
    private static readonly string[] Branches = ["la", "lb"];
    private static readonly string[] Regions = ["华东", "华北", "西南"];
    private static readonly string[] Owners = ["rep-a", "rep-b", "rep-c"];

    private sealed record Row(
        Guid Id, string BranchId, string Name, string Code, string SearchText, CustomerStatus Status, string? Grade, string Region,
        string? Route, string OwnerId, CustomerCategory Category, DateOnly EntryDate);

    [Fact]
    public async Task Every_filter_search_and_sort_gives_the_rows_and_the_order_of_a_plain_evaluation()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        await SeedAsync(random, 160);
        await EditAsync(random);
        var rows = await fixture.System.QueryAsync("customers", db => ((CustomersDbContext)db).Customers.IgnoreQueryFilters()
            .Select(c => new Row(c.Id, c.BranchId, c.Name, c.Code, c.SearchText, c.Status, c.Grade, c.Region, c.Route, c.OwnerId, c.Category, c.EntryDate))
            .ToListAsync());
        using var rep = fixture.As("rep-a", "la", "sales-rep");
        using var groupGm = fixture.As("gm-plans", "hq", "group-gm");

        var filters = new (string Query, Func<Row, bool> Keeps)[]
        {
            ("", _ => true),
            ("status=active", r => r.Status == CustomerStatus.Active),
            ("status=inactive", r => r.Status == CustomerStatus.Inactive),
            ("grade=A", r => r.Grade == "A"),
            ($"region={Uri.EscapeDataString(Regions[1])}", r => r.Region == Regions[1]),
            ("route=R-1&grade=B", r => r.Route == "R-1" && r.Grade == "B"),
            ("ownerId=rep-b", r => r.OwnerId == "rep-b"),
            ("category=core&status=active", r => r.Category == CustomerCategory.Core && r.Status == CustomerStatus.Active),
        };
        var sorts = new (string? Sort, Func<IEnumerable<Row>, IOrderedEnumerable<Row>> Order)[]
        {
            (null, rs => rs.OrderBy(r => r.Name, StringComparer.Ordinal)),
            ("-entryDate", rs => rs.OrderByDescending(r => r.EntryDate)),
            ("code", rs => rs.OrderBy(r => r.Code, StringComparer.Ordinal)),
            ("-name", rs => rs.OrderByDescending(r => r.Name, StringComparer.Ordinal)),
        };
        var texts = rows.Select(r => r.SearchText).ToList();
        var terms = new List<string?> { null };
        for (var i = 0; i < 7; i++)
        {
            var text = texts[random.Next(texts.Count)];
            var length = i < 5 ? 2 : 3;
            var start = random.Next(text.Length - length);
            terms.Add(text.Substring(start, length));
        }
        terms.Add("无此客户");

        foreach (var term in terms)
        foreach (var (query, keeps) in filters)
        foreach (var (client, branch) in new[] { (rep, "la"), (groupGm, (string?)null) })
        {
            var (sort, order) = sorts[random.Next(sorts.Length)];
            var key = term is null ? null : CustomerQueries.SearchTerm(term);
            var matching = rows.Where(r => (branch is null || r.BranchId == branch) && keeps(r)
                && (key is null || r.SearchText.Contains(key, StringComparison.Ordinal)));
            // Ties in the sort are broken by the id as the database stores it (upper-case text).
            var expected = order(matching).ThenBy(r => r.Id.ToString().ToUpperInvariant(), StringComparer.Ordinal).Select(r => r.Id).ToList();
            var path = string.Join('&', new[] { term is null ? null : $"search={Uri.EscapeDataString(term)}", query, sort is null ? null : $"sort={sort}" }
                .Where(p => !string.IsNullOrEmpty(p)));
            var because = $"seed {seed}, ?{path} as {branch ?? "group"}";

            var (totals, found) = await ReadAllAsync(client, path);
            Assert.True(totals.All(t => t == expected.Count), $"{because}: expected total {expected.Count}, got {string.Join(", ", totals)}");
            Assert.True(expected.SequenceEqual(found), $"{because}: expected {expected.Count} rows in order, found {found.Count}");

            var beyond = await (await client.GetAsync($"/api/customers?{path}{(path.Length == 0 ? "" : "&")}page=40&pageSize=7")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(expected.Count, beyond.GetProperty("total").GetInt32());
            Assert.Equal(0, beyond.GetProperty("items").GetArrayLength());
        }
    }

    /// <summary>Every page of 7 (the totals each page carried, and the ids in order).</summary>
    private static async Task<(List<int> Totals, List<Guid> Ids)> ReadAllAsync(HttpClient client, string path)
    {
        var totals = new List<int>();
        var ids = new List<Guid>();
        for (var page = 1; page <= 30; page++)
        {
            var body = await (await client.GetAsync($"/api/customers?{path}{(path.Length == 0 ? "" : "&")}page={page}&pageSize=7")).JsonAsync(HttpStatusCode.OK);
            totals.Add(body.GetProperty("total").GetInt32());
            var items = body.GetProperty("items").EnumerateArray().ToList();
            Assert.All(items, i => Assert.True(i.GetProperty("primaryContact").ValueKind == JsonValueKind.Object, "every seeded customer has a primary contact"));
            ids.AddRange(items.Select(i => i.GetProperty("id").GetGuid()));
            if (items.Count < 7) break;
        }
        return (totals, ids);
    }

    private async Task SeedAsync(Random random, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await fixture.System.Customers.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CustomersDbContext>();
            var counters = Branches.ToDictionary(b => b, b => new BranchCodeCounter(b));
            db.BranchCodeCounters.AddRange(counters.Values);
            for (var i = 0; i < count; i++)
            {
                var branch = Branches[random.Next(Branches.Length)];
                var owner = Owners[random.Next(Owners.Length)];
                var by = new Actor(owner, owner);
                var customer = Customer.Register(
                    branch, counters[branch].Next(),
                    new CustomerProfile
                    {
                        Name = $"{Chinese(random, 3, 7)}{i}", Kind = CustomerKind.Agent, Region = Regions[random.Next(Regions.Length)],
                        Route = $"R-{random.Next(1, 3)}",
                        Category = random.Next(4) switch { 0 => CustomerCategory.Core, 1 => CustomerCategory.Important, _ => CustomerCategory.General },
                    },
                    [new NewContact(new ContactDetails { Name = Chinese(random, 2, 3), Mobile = $"13{random.Next(100_000_000, 999_999_999)}" }, true)],
                    owner, owner, by, by, null, now, today.AddDays(-random.Next(5)));
                if (random.Next(4) > 0) customer.ApplyGrade(((char)('A' + random.Next(3))).ToString(), 80, "2026-10", now, new Actor("credit", "credit"));
                if (random.Next(4) == 0) customer.ChangeStatus(random.Next(2) == 0 ? CustomerStatus.Inactive : CustomerStatus.Lost, by, "测试", now);
                db.Customers.Add(customer);
            }
            return await db.SaveChangesAsync();
        });
    }

    /// <summary>
    /// Status changes and renames after registration, each saved as a request saves it (loaded, changed, saved): the
    /// grams keep the customer's status, and a renamed customer's kept grams take a status changed with the name.
    /// </summary>
    private async Task EditAsync(Random random)
    {
        var ids = await fixture.System.QueryAsync("customers", db => ((CustomersDbContext)db).Customers.IgnoreQueryFilters().Select(c => c.Id).ToListAsync());
        var now = DateTimeOffset.UtcNow;
        foreach (var id in ids.Where(_ => random.Next(4) == 0))
        {
            var edit = random.Next(3);
            var status = (CustomerStatus)random.Next(3);
            var name = $"{Chinese(random, 3, 7)}{id.ToString()[..4]}";
            await fixture.System.Customers.InScopeAsync(async services =>
            {
                var db = services.GetRequiredService<CustomersDbContext>();
                var customer = await db.Customers.IgnoreQueryFilters().Include(c => c.Contacts).SingleAsync(c => c.Id == id);
                var by = new Actor(customer.OwnerId, customer.OwnerId);
                if (edit != 1 && status != customer.Status) customer.ChangeStatus(status, by, "测试", now);
                if (edit != 0) customer.Update(customer.Profile with { Name = name }, by, "改名", now);
                return await db.SaveChangesAsync();
            });
        }
    }

    private static string Chinese(Random random, int min, int max)
    {
        var text = new StringBuilder();
        for (var i = random.Next(min, max + 1); i > 0; i--) text.Append(Hanzi[random.Next(Hanzi.Length)]);
        return text.ToString();
    }
}
