namespace Crm.Customers.Tests;

/// <summary>Roles and branches on every route; sensitive fields masked for everyone not entitled to them.</summary>
public sealed class AccessTests(CustomersFixture fixture) : IClassFixture<CustomersFixture>
{
    private static readonly string[] InvoicingFields = ["taxNumber", "invoiceBank", "invoiceAccount", "invoicePhone", "invoiceRequirements"];

    [Theory]
    [InlineData("owner", true)]
    [InlineData("inside-sales", true)]
    [InlineData("sales-admin-manager", true)]
    [InlineData("sales-vp", true)]
    [InlineData("group-gm", true)]
    [InlineData("sales-rep", false)]
    [InlineData("marketing-manager", false)]
    [InlineData("after-sales", false)]
    [InlineData("contract-custodian", false)]
    public async Task Sensitive_fields_are_shown_only_to_those_entitled(string role, bool entitled)
    {
        var (customer, taxNumber) = await RegisterSensitiveAsync("rep-secret");
        using var reader = role == "owner" ? fixture.Rep("rep-secret") : fixture.As($"{role}-reader", role == "group-gm" ? "hq" : "sh", role);

        var card = await reader.CardAsync(customer.Id);
        var contact = card.GetProperty("contacts")[0];
        if (entitled)
        {
            Assert.Equal(taxNumber, card.Text("taxNumber"));
            Assert.Equal("中国银行上海分行", card.Text("invoiceBank"));
            Assert.Equal("6216 6100 0001 2345", card.Text("invoiceAccount"));
            Assert.Equal("1985-06-01", contact.Text("birthday"));
            Assert.Equal("喜欢钓鱼", contact.Text("personalNotes"));
            Assert.Empty(card.GetProperty("maskedFields").EnumerateArray());
        }
        else
        {
            Assert.Equal(new string('*', 14) + taxNumber[^4..], card.Text("taxNumber"));
            Assert.Equal("***", card.Text("invoiceBank"));
            Assert.EndsWith("2345", card.Text("invoiceAccount"));
            Assert.DoesNotContain("6216", card.Text("invoiceAccount"));
            Assert.Equal("***", card.Text("invoicePhone"));
            Assert.Null(contact.Text("birthday"));
            Assert.Equal("***", contact.Text("personalNotes"));
            Assert.Equal("张三", contact.Text("name"));
            var masked = card.GetProperty("maskedFields").EnumerateArray().Select(f => f.GetString()).ToList();
            Assert.All(InvoicingFields, f => Assert.Contains(f, masked));
            Assert.Contains("contacts.personalNotes", masked);
        }

        var registration = (await reader.HistoryAsync(customer.Id)).GetProperty("items")[0].GetProperty("changes").EnumerateArray()
            .Single(c => c.Text("field") == "taxNumber");
        Assert.Equal(!entitled, registration.GetProperty("masked").GetBoolean());
        Assert.Equal(entitled, registration.Text("to") == taxNumber);
    }

    [Fact]
    public async Task Someone_not_entitled_may_send_the_masked_values_back_but_not_change_them()
    {
        var (customer, taxNumber) = await RegisterSensitiveAsync("rep-mask-edit");
        using var manager = fixture.As("mm-edit", "sh", "marketing-manager");
        var card = await manager.CardAsync(customer.Id);

        var sentBack = await manager.PutAsJsonAsync($"/api/customers/{customer.Id}", new
        {
            name = card.Text("name"), kind = "agent", region = "华东", remarks = "经理补充", taxNumber = card.Text("taxNumber"),
            invoiceBank = card.Text("invoiceBank"), version = card.GetProperty("version").GetInt64(), changeReason = "补充备注",
        });
        await sentBack.JsonAsync(HttpStatusCode.OK);
        using var owner = fixture.Rep("rep-mask-edit");
        var kept = await owner.CardAsync(customer.Id);
        Assert.Equal(taxNumber, kept.Text("taxNumber"));
        Assert.Equal("中国银行上海分行", kept.Text("invoiceBank"));
        Assert.Equal("经理补充", kept.Text("remarks"));

        var changed = await manager.PutAsJsonAsync($"/api/customers/{customer.Id}", new
        {
            name = card.Text("name"), kind = "agent", region = "华东", taxNumber = TaxNumbers.New(), version = kept.GetProperty("version").GetInt64(),
            changeReason = "改税号",
        });
        await changed.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(taxNumber, (await owner.CardAsync(customer.Id)).Text("taxNumber"));
    }

    [Fact]
    public async Task Another_branchs_customer_is_404_on_every_route_and_absent_from_the_list()
    {
        using var beijingRep = fixture.Rep("rep-bj", "bj");
        var name = Api.Unique("北京分公司的客户");
        var customer = await beijingRep.RegisterAsync(name, "华北");
        var contactId = (await (await beijingRep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "王五", version = customer.Version }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("contact").GetProperty("id").GetGuid();

        using var shanghaiManager = fixture.As("sam-sh", "sh", "sales-admin-manager", "inside-sales", "sales-rep");
        var id = customer.Id;
        var attempts = new Dictionary<string, Func<Task<HttpResponseMessage>>>
        {
            ["card"] = () => shanghaiManager.GetAsync($"/api/customers/{id}"),
            ["history"] = () => shanghaiManager.GetAsync($"/api/customers/{id}/history"),
            ["update"] = () => shanghaiManager.PutAsJsonAsync($"/api/customers/{id}", new { name, kind = "agent", region = "华北", version = 2, changeReason = "x" }),
            ["status"] = () => shanghaiManager.PostAsJsonAsync($"/api/customers/{id}/status", new { status = "lost", reason = "x", version = 2 }),
            ["owner"] = () => shanghaiManager.PostAsJsonAsync($"/api/customers/{id}/owner", new { ownerId = "sam-sh", reason = "x", version = 2 }),
            ["add contact"] = () => shanghaiManager.PostAsJsonAsync($"/api/customers/{id}/contacts", new { name = "x", version = 2 }),
            ["update contact"] = () => shanghaiManager.PutAsJsonAsync($"/api/customers/{id}/contacts/{contactId}", new { name = "x", version = 1 }),
            ["remove contact"] = () => shanghaiManager.DeleteAsync($"/api/customers/{id}/contacts/{contactId}?version=1"),
            ["evaluate"] = () => shanghaiManager.PostAsJsonAsync($"/api/customers/{id}/evaluations",
                new { initiative = 1, capability = 1, reputation = 1, relations = 1 }),
            ["evaluations"] = () => shanghaiManager.GetAsync($"/api/customers/{id}/evaluations"),
            ["violation"] = () => shanghaiManager.PostAsJsonAsync($"/api/customers/{id}/violations",
                new { occurredOn = "2026-01-01", type = "other", description = "x" }),
            ["violations"] = () => shanghaiManager.GetAsync($"/api/customers/{id}/violations"),
            ["visit"] = () => shanghaiManager.PostAsJsonAsync($"/api/customers/{id}/visits", new { on = "2026-01-01", kind = "visit", summary = "x" }),
            ["visits"] = () => shanghaiManager.GetAsync($"/api/customers/{id}/visits"),
            ["incident"] = () => shanghaiManager.PostAsJsonAsync($"/api/customers/{id}/incidents",
                new { kind = "theft", description = "x", occurredOn = "2026-01-01" }),
            ["incidents"] = () => shanghaiManager.GetAsync($"/api/customers/{id}/incidents"),
        };
        foreach (var (route, attempt) in attempts)
        {
            var response = await attempt();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var list = await (await shanghaiManager.GetAsync($"/api/customers?search={Uri.EscapeDataString(name)}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        using var groupGm = fixture.As("gm", "hq", "group-gm");
        var groupList = await (await groupGm.GetAsync($"/api/customers?search={Uri.EscapeDataString(name)}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, groupList.GetProperty("items")[0].GetProperty("id").GetGuid());
        using var admin = fixture.As("admin", "hq", "admin");
        Assert.Equal(name, (await admin.CardAsync(id)).Text("name"));
    }

    [Fact]
    public async Task Each_route_refuses_the_roles_API_md_does_not_name()
    {
        using var owner = fixture.Rep("rep-roles");
        var name = Api.Unique("角色客户");
        var customer = await owner.RegisterAsync(name);
        var id = customer.Id;
        using var otherRep = fixture.Rep("rep-not-owner");
        using var afterSales = fixture.As("as-1", "sh", "after-sales");
        using var marketing = fixture.As("mm-1", "sh", "marketing-manager");
        using var insideSales = fixture.As("is-1", "sh", "inside-sales");
        object Update() => new { name, kind = "agent", region = "华东", version = 1, changeReason = "x" };

        var refused = new (string What, Func<Task<HttpResponseMessage>> Attempt)[]
        {
            ("update by another rep", () => otherRep.PutAsJsonAsync($"/api/customers/{id}", Update())),
            ("update by after-sales", () => afterSales.PutAsJsonAsync($"/api/customers/{id}", Update())),
            ("status by another rep", () => otherRep.PostAsJsonAsync($"/api/customers/{id}/status", new { status = "lost", reason = "x", version = 1 })),
            ("status by inside-sales", () => insideSales.PostAsJsonAsync($"/api/customers/{id}/status", new { status = "lost", reason = "x", version = 1 })),
            ("owner by marketing-manager", () => marketing.PostAsJsonAsync($"/api/customers/{id}/owner", new { ownerId = "x", reason = "x", version = 1 })),
            ("owner by the owner", () => owner.PostAsJsonAsync($"/api/customers/{id}/owner", new { ownerId = "x", reason = "x", version = 1 })),
            ("contact by another rep", () => otherRep.PostAsJsonAsync($"/api/customers/{id}/contacts", new { name = "x", version = 1 })),
            ("contact by a manager", () => marketing.PostAsJsonAsync($"/api/customers/{id}/contacts", new { name = "x", version = 1 })),
            ("evaluation by another rep", () => otherRep.PostAsJsonAsync($"/api/customers/{id}/evaluations",
                new { initiative = 1, capability = 1, reputation = 1, relations = 1 })),
            ("evaluation by inside-sales", () => insideSales.PostAsJsonAsync($"/api/customers/{id}/evaluations",
                new { initiative = 1, capability = 1, reputation = 1, relations = 1 })),
            ("visit by a manager", () => marketing.PostAsJsonAsync($"/api/customers/{id}/visits", new { on = "2026-01-01", kind = "visit", summary = "x" })),
            ("visit by another rep", () => otherRep.PostAsJsonAsync($"/api/customers/{id}/visits", new { on = "2026-01-01", kind = "visit", summary = "x" })),
            ("incident by another rep", () => otherRep.PostAsJsonAsync($"/api/customers/{id}/incidents",
                new { kind = "theft", description = "x", occurredOn = "2026-01-01" })),
            ("import by a rep", () => owner.PostAsync("/api/customers/import", new StringContent("name,kind,region\nx,agent,华东\n", System.Text.Encoding.UTF8, "text/csv"))),
            ("export by a rep", () => owner.GetAsync("/api/customers/export")),
            ("export by inside-sales", () => insideSales.GetAsync("/api/customers/export")),
            ("weights by marketing-manager", () => marketing.PutAsJsonAsync("/api/customers/scorecard-weights",
                new { initiative = 25, capability = 25, reputation = 25, relations = 25, version = 0 })),
        };
        foreach (var (what, attempt) in refused)
        {
            var response = await attempt();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // And those it names may: a violation by any staff, an edit by inside sales and by a manager.
        await (await afterSales.PostAsJsonAsync($"/api/customers/{id}/violations", new { occurredOn = "2026-01-01", type = "price-violation", description = "低价倾销" }))
            .JsonAsync(HttpStatusCode.Created);
        await (await insideSales.PutAsJsonAsync($"/api/customers/{id}", Update())).JsonAsync(HttpStatusCode.OK);
        await (await marketing.PostAsJsonAsync($"/api/customers/{id}/status", new { status = "inactive", reason = "半年未进货", version = 1 })).JsonAsync(HttpStatusCode.OK);
    }

    private async Task<(Registered Customer, string TaxNumber)> RegisterSensitiveAsync(string ownerId)
    {
        using var owner = fixture.Rep(ownerId);
        var taxNumber = TaxNumbers.New();
        var customer = await owner.RegisterAsync(new
        {
            name = Api.Unique("保密客户"), kind = "agent", region = "华东", taxNumber, invoiceBank = "中国银行上海分行", invoiceAccount = "6216 6100 0001 2345",
            invoicePhone = "021-66668888", invoiceRequirements = "专票",
            contacts = new[] { new { name = "张三", mobile = "13600000000", birthday = "1985-06-01", personalNotes = "喜欢钓鱼" } },
        });
        return (customer, taxNumber);
    }
}
