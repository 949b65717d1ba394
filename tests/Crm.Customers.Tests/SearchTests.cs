using Crm.Events;

namespace Crm.Customers.Tests;

/// <summary>The list: text search over name, code, contact name and phone; filters; paging and sorting; the grade from credit.</summary>
public sealed class SearchTests(CustomersFixture fixture) : IClassFixture<CustomersFixture>
{
    [Fact]
    public async Task Search_finds_a_customer_by_name_code_contact_name_and_phone()
    {
        using var rep = fixture.Rep("rep-search", "xa");
        var token = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var customer = await rep.RegisterAsync(new
        {
            name = $"西安秦风{token}商贸有限公司", kind = "trading", region = "西北",
            contacts = new[] { new { name = $"欧阳{token}", mobile = "+86 139-2233-4455" } },
        });
        await rep.RegisterAsync(Api.Unique("西安无关客户"), "西北");

        foreach (var search in new[] { $"秦风{token}", $"秦风{token.ToLowerInvariant()}", FullWidth($"秦风{token}"), customer.Code.ToLowerInvariant(), $"欧阳{token}", "139 2233 4455", "22334455" })
        {
            var found = await ListAsync(rep, $"search={Uri.EscapeDataString(search)}");
            Assert.True(found.Ids.SequenceEqual([customer.Id]), $"search '{search}' found {found.Total}");
        }
        var list = await ListAsync(rep, $"search={Uri.EscapeDataString(token)}");
        var item = list.Items.Single();
        Assert.Equal($"欧阳{token}", item.GetProperty("primaryContact").Text("name"));
        Assert.Equal("trading", item.Text("kind"));
    }

    [Fact]
    public async Task Filters_combine_and_the_list_pages_and_sorts()
    {
        using var rep = fixture.Rep("rep-filter", "nj");
        using var insideSales = fixture.As("is-filter", "nj", "inside-sales");
        var created = new List<Guid>();
        for (var i = 1; i <= 7; i++)
        {
            var registered = await insideSales.RegisterAsync(new
            {
                name = $"南京{i:D2}号{Guid.NewGuid().ToString("N")[..6]}", kind = i % 2 == 0 ? "factory" : "agent", region = "江苏", route = i <= 4 ? "R-1" : "R-2",
                category = i == 1 ? "core" : "general", ownerId = i <= 5 ? "rep-filter" : "rep-other",
            });
            created.Add(registered.Id);
        }
        await (await rep.PostAsJsonAsync($"/api/customers/{created[2]}/status", new { status = "inactive", reason = "停业整顿", version = 1 })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(7, (await ListAsync(rep, "region=江苏")).Total);
        Assert.Equal(7, (await ListAsync(rep, "region=%E6%B1%9F%20%E8%8B%8F")).Total); // "江 苏": width and spaces ignored
        Assert.Equal(4, (await ListAsync(rep, "region=江苏&route=R-1")).Total);
        Assert.Equal([created[0], created[2]], (await ListAsync(rep, "region=江苏&route=R-1&ownerId=rep-filter&kind=agent")).Ids);
        Assert.Equal([created[0]], (await ListAsync(rep, "region=江苏&category=core")).Ids);
        Assert.Equal([created[2]], (await ListAsync(rep, "region=江苏&status=inactive")).Ids);
        Assert.Equal(6, (await ListAsync(rep, "region=江苏&status=active")).Total);

        var page1 = await ListAsync(rep, "region=江苏&sort=-name&pageSize=3&page=1");
        var page3 = await ListAsync(rep, "region=江苏&sort=-name&pageSize=3&page=3");
        Assert.Equal(7, page1.Total);
        Assert.Equal(3, page1.Items.Count);
        Assert.Single(page3.Items);
        Assert.Equal(created[6], page1.Ids[0]);
        Assert.Equal(created[0], page3.Ids[0]);

        var bad = await rep.GetAsync("/api/customers?status=dormant&grade=F&sort=price&pageSize=500&category=vip");
        Assert.Equal(["category", "grade", "pageSize", "sort", "status"], await bad.FieldErrorsAsync());
        Assert.Equal(["pageSize"], await (await rep.GetAsync("/api/customers?pageSize=201")).FieldErrorsAsync());
        // (page - 1) × pageSize past int.MaxValue wrapped around and answered page 1.
        Assert.Equal(["page"], await (await rep.GetAsync($"/api/customers?page={int.MaxValue}&pageSize=200")).FieldErrorsAsync());
        Assert.Equal(["page"], await (await rep.GetAsync($"/api/customers?page={int.MaxValue / 50 + 2}")).FieldErrorsAsync());
    }

    [Fact]
    public async Task The_grade_from_credit_is_kept_for_the_card_and_the_filter_and_an_older_period_never_overwrites_it()
    {
        using var rep = fixture.Rep("rep-grade", "sy");
        var customer = await rep.RegisterAsync(Api.Unique("评级客户"), "东北");
        var uri = fixture.System.Broker.AmqpUri();

        var october = Graded(customer.Id, "2026-10", "B", 82m);
        await RawPublisher.PublishAsync(uri, october);
        await Eventually.Until(async () => (await rep.CardAsync(customer.Id)).Text("grade") == "B", "the grade to arrive");
        var card = await rep.CardAsync(customer.Id);
        Assert.Equal(82m, card.GetProperty("gradeScore").GetDecimal());
        Assert.Equal("2026-10", card.Text("gradePeriod"));
        Assert.Equal(1, card.GetProperty("version").GetInt64());
        Assert.Equal([customer.Id], (await ListAsync(rep, "grade=b&region=东北")).Ids);

        await RawPublisher.PublishAsync(uri, Graded(customer.Id, "2026-09", "E", 40m));
        await RawPublisher.PublishAsync(uri, october); // a redelivery: the inbox absorbs it
        await RawPublisher.PublishAsync(uri, Graded(customer.Id, "2026-11", "D", 65m));
        await Eventually.Until(async () => (await rep.CardAsync(customer.Id)).Text("grade") == "D", "the November grade");
        await Task.Delay(500); // the September grade, published before November's, must have been ignored rather than be late
        Assert.Equal("D", (await rep.CardAsync(customer.Id)).Text("grade"));

        var graded = (await rep.HistoryAsync(customer.Id)).GetProperty("items").EnumerateArray().Where(e => e.Text("action") == "graded").ToList();
        Assert.Equal([("B", "D")], graded.Skip(1).Select(e => (e.GetProperty("changes")[0].Text("from")!, e.GetProperty("changes")[0].Text("to")!)));
        Assert.Equal(2, graded.Count);
        Assert.Equal(0u, await RawPublisher.ErrorQueueDepthAsync(uri, "customers.customer-graded"));
    }

    private static CustomerGraded Graded(Guid customerId, string period, string grade, decimal score) => new()
    {
        CustomerId = customerId, BranchId = "sy", OccurredAt = DateTimeOffset.UtcNow, Period = period, Grade = grade, Score = score, ModelVersion = "1",
    };

    private static async Task<(int Total, List<JsonElement> Items, List<Guid> Ids)> ListAsync(HttpClient client, string query)
    {
        var page = await (await client.GetAsync($"/api/customers?{query}")).JsonAsync(HttpStatusCode.OK);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        return (page.GetProperty("total").GetInt32(), items, items.Select(i => i.GetProperty("id").GetGuid()).ToList());
    }

    private static string FullWidth(string text) => string.Concat(text.Select(c => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c));
}
