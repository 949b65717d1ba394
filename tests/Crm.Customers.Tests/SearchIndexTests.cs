using Crm.ServiceDefaults;

namespace Crm.Customers.Tests;

/// <summary>
/// The customers service with the n-gram search walking the sort order as soon as a gram has 5 rows (the large-result
/// plan on a small file), its plan looking at 2 rows per gram first.
/// </summary>
public sealed class WalkingSearchFixture : CustomersFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Customers:SearchWalkAbove", "5"), new("Customers:SearchFirstLook", "2")];
}

/// <summary>The n-gram search against a plain scan of the same texts, with the plan that reads every candidate.</summary>
public sealed class SearchIndexTests(CustomersFixture fixture) : SearchIndexProperty(fixture), IClassFixture<CustomersFixture>;

/// <summary>The same with the plan that walks the sort order and probes the grams per row.</summary>
public sealed class WalkingSearchIndexTests(WalkingSearchFixture fixture) : SearchIndexProperty(fixture), IClassFixture<WalkingSearchFixture>;

/// <summary>
/// Random Chinese names, codes, contact names and phones, written through the model and the DbContext (the one save
/// path that keeps the grams), then edited at random (renames, contacts added, changed, removed); every search term
/// must then find through the list exactly the customers a plain scan of their search text finds, in the caller's
/// branch only, with the same total.
/// </summary>
public abstract class SearchIndexProperty(CustomersFixture fixture)
{
    // Few distinct characters, so that two-character fragments are shared by many customers, in both branches.
    private const string Hanzi = "利民华美日化商贸杭州恒通金山永盛有限公司王李张经理";
    private static readonly string[] Branches = ["pa", "pb"];

    [Fact]
    public async Task The_ngram_search_finds_exactly_what_a_plain_scan_of_the_search_text_finds()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var ids = await SeedAsync(random, 240);
        await EditAsync(random, ids);

        var texts = await fixture.System.QueryAsync("customers", db => ((CustomersDbContext)db).Customers.IgnoreQueryFilters()
            .Select(c => new { c.Id, c.BranchId, c.Name, c.SearchText }).ToListAsync());
        using var rep = fixture.As("rep-prop", "pa", "sales-rep");
        using var groupGm = fixture.As("gm-prop", "hq", "group-gm");

        var terms = Terms(random, texts.Select(t => t.SearchText).ToList()).ToList();
        foreach (var term in terms)
        {
            var key = CustomerQueries.SearchTerm(term);
            foreach (var (client, branch) in new[] { (rep, "pa"), (groupGm, (string?)null) })
            {
                var expected = texts.Where(t => (branch is null || t.BranchId == branch) && t.SearchText.Contains(key, StringComparison.Ordinal))
                    .OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => t.Id).ToList();
                var (total, found) = await SearchAllAsync(client, term);
                var because = $"seed {seed}, search '{term}' as {(branch ?? "group")}: expected {expected.Count}, found {found.Count} (total {total})";
                Assert.True(expected.Count == total, because);
                Assert.True(expected.SequenceEqual(found), because);
            }
        }
    }

    /// <summary>Every page of the search, sorted by name.</summary>
    private static async Task<(int Total, List<Guid> Ids)> SearchAllAsync(HttpClient client, string term)
    {
        var ids = new List<Guid>();
        int total;
        var page = 1;
        do
        {
            var body = await (await client.GetAsync($"/api/customers?search={Uri.EscapeDataString(term)}&sort=name&pageSize=100&page={page++}"))
                .JsonAsync(HttpStatusCode.OK);
            total = body.GetProperty("total").GetInt32();
            ids.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        } while (ids.Count < total && page < 20);
        return (total, ids);
    }

    private async Task<List<Guid>> SeedAsync(Random random, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return await fixture.System.Customers.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CustomersDbContext>();
            var counters = Branches.ToDictionary(b => b, b => new BranchCodeCounter(b));
            db.BranchCodeCounters.AddRange(counters.Values);
            var ids = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                var branch = Branches[random.Next(Branches.Length)];
                var contacts = Enumerable.Range(0, random.Next(0, 3))
                    .Select(c => new NewContact(new ContactDetails { Name = Chinese(random, 2, 4), Mobile = Phone(random), Phone = random.Next(3) == 0 ? Phone(random) : null }, c == 0))
                    .ToList();
                var customer = Customer.Register(
                    branch, counters[branch].Next(), new CustomerProfile { Name = $"{Chinese(random, 3, 9)}{i}", Kind = CustomerKind.Agent, Region = "华东" },
                    contacts, "rep-prop", "rep-prop", new Actor("rep-prop", "rep-prop"), new Actor("rep-prop", "rep-prop"), null, now, today);
                db.Customers.Add(customer);
                ids.Add(customer.Id);
            }
            await db.SaveChangesAsync();
            return ids;
        });
    }

    /// <summary>Renames and contact changes on a third of the customers, each saved as a request saves it: loaded, changed, saved.</summary>
    private async Task EditAsync(Random random, List<Guid> ids)
    {
        var by = new Actor("rep-prop", "rep-prop");
        var now = DateTimeOffset.UtcNow;
        foreach (var id in ids.Where(_ => random.Next(3) == 0))
        {
            var edits = random.Next(1, 4);
            await fixture.System.Customers.InScopeAsync(async services =>
            {
                var db = services.GetRequiredService<CustomersDbContext>();
                var customer = await db.Customers.Include(c => c.Contacts).SingleAsync(c => c.Id == id);
                for (var e = 0; e < edits; e++)
                {
                    switch (random.Next(4))
                    {
                        case 0:
                            customer.Update(customer.Profile with { Name = $"{Chinese(random, 3, 9)}{e}{id.ToString()[..4]}" }, by, "改名", now);
                            break;
                        case 1:
                            customer.AddContact(new ContactDetails { Name = Chinese(random, 2, 4), Mobile = Phone(random) }, random.Next(2) == 0, by, null, now);
                            break;
                        case 2 when customer.Contacts.Count > 0:
                            var contact = customer.Contacts[random.Next(customer.Contacts.Count)];
                            customer.UpdateContact(contact.Id, new ContactDetails { Name = Chinese(random, 2, 4), Phone = Phone(random) }, contact.IsPrimary, contact.Version, by, null, now);
                            break;
                        case 3 when customer.Contacts.Count > 0:
                            // The primary contact goes only when it is the last one.
                            var removed = customer.Contacts.FirstOrDefault(c => !c.IsPrimary) ?? customer.Contacts[0];
                            customer.RemoveContact(removed.Id, removed.Version, by, null, now);
                            break;
                    }
                    // Some edits are saved one by one in the same unit of work, as a second change after a first save.
                    if (random.Next(3) == 0) await db.SaveChangesAsync();
                }
                return await db.SaveChangesAsync();
            });
        }
    }

    /// <summary>Fragments of the texts (two characters most often), phone digits as people type them, codes, and a few that match nothing or cannot be indexed.</summary>
    private static IEnumerable<string> Terms(Random random, List<string> texts)
    {
        for (var i = 0; i < 60; i++)
        {
            var text = texts[random.Next(texts.Count)];
            var length = random.Next(4) == 0 ? random.Next(3, 8) : 2;
            var start = random.Next(Math.Max(1, text.Length - length));
            var fragment = text.Substring(start, Math.Min(length, text.Length - start));
            yield return random.Next(5) == 0 ? fragment.ToUpperInvariant() : fragment;
        }
        for (var i = 0; i < 20; i++) yield return Chinese(random, 2, 2);
        for (var i = 0; i < 10; i++) yield return Chinese(random, 3, 4);
        var phones = texts.SelectMany(t => t.Split(" | ")).Where(p => p.Length == 11 && p.All(char.IsAsciiDigit)).ToList();
        for (var i = 0; i < 15 && phones.Count > 0; i++)
        {
            var phone = phones[random.Next(phones.Count)];
            var length = random.Next(3, 12);
            var digits = phone.Substring(random.Next(phone.Length - length + 1), length);
            yield return random.Next(2) == 0 ? digits : $"{digits[..Math.Min(3, digits.Length)]} {digits[Math.Min(3, digits.Length)..]}";
        }
        yield return $"PA-{random.Next(1, 120):D6}";
        yield return "pa-0000";
        yield return "PB-00";
        yield return "ｐａ－０００";
        yield return "利";
        yield return "1 | ";
        yield return "民 华";
        yield return "无此客户";
        yield return "1234567";
    }

    private static string Chinese(Random random, int min, int max)
    {
        var text = new StringBuilder();
        for (var i = random.Next(min, max + 1); i > 0; i--) text.Append(Hanzi[random.Next(Hanzi.Length)]);
        return text.ToString();
    }

    private static string Phone(Random random) => random.Next(3) switch
    {
        0 => $"13{random.Next(100_000_000, 999_999_999)}",
        1 => $"+86 139-{random.Next(1000, 9999)}-{random.Next(1000, 9999)}",
        _ => $"(021) {random.Next(5000_0000, 6999_9999)}",
    };
}
