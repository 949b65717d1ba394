namespace Crm.Customers.Tests;

/// <summary>Registering a customer file through the gateway: the card, its validation, its code, its first history entry and its event.</summary>
public sealed class RegistrationTests(CustomersFixture fixture) : IClassFixture<CustomersFixture>
{
    [Fact]
    public async Task Branch_ids_that_differ_only_in_case_are_one_branch()
    {
        // A token saying "GZ" and one saying "gz" are the same branch: the same code sequence, the same files.
        using var upper = fixture.As("rep-case-1", "GZ", "sales-rep");
        using var lower = fixture.As("rep-case-2", " gz", "sales-rep");
        var first = await upper.RegisterAsync(Api.Unique("广州大小写甲"), "华南");
        var second = await lower.RegisterAsync(Api.Unique("广州大小写乙"), "华南");
        Assert.NotEqual(first.Code, second.Code);
        Assert.Equal(HttpStatusCode.OK, (await lower.GetAsync($"/api/customers/{first.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await upper.GetAsync($"/api/customers/{second.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_full_card_is_kept_with_typed_values_and_announced_with_the_fields_subscribers_need()
    {
        await using var subscriber = await fixture.SubscribeAsync("crm.customer-registered");
        using var rep = fixture.As("rep-full", "sh", "sales-rep");
        var name = Api.Unique("杭州利民日化有限公司");
        var taxNumber = TaxNumbers.New();
        var registered = await rep.RegisterAsync(new
        {
            name, kind = "agent", region = "华东", route = "R-07", industry = "日化", ownership = "joint-venture", businessFormat = "wholesale-store",
            legalRepresentative = "王建国", registeredCapital = 5000000.50m, foundedOn = "2008-03-15", size = "medium", address = "杭州市西湖区文三路 100 号",
            website = "www.limin.example.com", marketCoverage = "浙江全省", productsCarried = "洗衣粉, 洗洁精", businessScope = "日用化学品批发",
            bankCreditRating = "aa", annualSales = 12000000m, offSeasonSales = 600000m, peakSeasonSales = 1500000m, monthlyPurchasingPower = 1000000m,
            competitors = new[] { new { name = "立白", assessment = "价格低, 服务一般" } },
            taxNumber, invoiceBank = "中国工商银行杭州分行", invoiceAccount = "1202 0200 0900 1234 567", invoicePhone = "0571-88886666",
            invoiceRequirements = "增值税专用发票", category = "important", incomeGroup = "middle", locationType = "urban", validUntil = "2027-12-31",
            contacts = new[]
            {
                new { name = "张伟", title = "采购经理", mobile = "138 0013 8000", isPrimary = false },
                new { name = "李娜", title = "总经理", mobile = "139 0013 9000", isPrimary = true },
            },
        });

        Assert.StartsWith("SH-", registered.Code);
        Assert.Equal(1, registered.Version);
        var card = await rep.CardAsync(registered.Id);
        Assert.Equal(name, card.Text("name"));
        Assert.Equal("joint-venture", card.Text("ownership"));
        Assert.Equal("wholesale-store", card.Text("businessFormat"));
        Assert.Equal(5000000.50m, card.GetProperty("registeredCapital").GetDecimal());
        Assert.Equal("2008-03-15", card.Text("foundedOn"));
        Assert.Equal("aa", card.Text("bankCreditRating"));
        Assert.Equal(taxNumber, card.Text("taxNumber"));
        Assert.Equal("important", card.Text("category"));
        Assert.Equal("active", card.Text("status"));
        Assert.Equal("rep-full", card.Text("ownerId"));
        Assert.Equal("立白", card.GetProperty("competitors")[0].Text("name"));
        var contacts = card.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(2, contacts.Count);
        Assert.Equal("李娜", Assert.Single(contacts, c => c.GetProperty("isPrimary").GetBoolean()).Text("name"));
        Assert.Empty(card.GetProperty("maskedFields").EnumerateArray());

        var history = (await rep.HistoryAsync(registered.Id)).GetProperty("items");
        var first = Assert.Single(history.EnumerateArray());
        Assert.Equal("registered", first.Text("action"));
        Assert.Equal("rep-full", first.Text("by"));
        Assert.Contains(first.GetProperty("changes").EnumerateArray(), c => c.Text("field") == "name" && c.Text("to") == name);

        var registeredEvent = (await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == registered.Id)).Message;
        Assert.Equal(registered.Code, registeredEvent.Text("code"));
        Assert.Equal(name, registeredEvent.Text("name"));
        Assert.Equal("agent", registeredEvent.Text("kind"));
        Assert.Equal("华东", registeredEvent.Text("region"));
        Assert.Equal("R-07", registeredEvent.Text("route"));
        Assert.Equal("日化", registeredEvent.Text("industry"));
        Assert.Equal("important", registeredEvent.Text("category"));
        Assert.Equal("active", registeredEvent.Text("status"));
        Assert.Equal("rep-full", registeredEvent.Text("ownerId"));
        Assert.Equal("rep-full", registeredEvent.Text("registeredBy"));
        Assert.Equal("sh", registeredEvent.Text("branchId"));
        Assert.Equal(card.Text("entryDate"), registeredEvent.Text("entryDate"));
        Assert.DoesNotContain(taxNumber, registeredEvent.GetRawText());
    }

    [Fact]
    public async Task Every_invalid_field_is_named_in_one_400_problem()
    {
        using var rep = fixture.Rep();
        var response = await rep.PostAsJsonAsync("/api/customers", new
        {
            name = new string('名', 201), region = "", taxNumber = "91110105MA01ABCD1X", website = "not a site", registeredCapital = -1m,
            annualSales = 10.123m, foundedOn = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd"), invoicePhone = "call me",
            invoiceAccount = "#", competitors = new[] { new { name = "", assessment = "x" } },
            contacts = new[] { new { name = "", email = "not-an-email", mobile = "abc" } },
        });

        Assert.Equal(
            ["annualSales", "competitors[0].name", "contacts[0].email", "contacts[0].mobile", "contacts[0].name", "foundedOn", "invoiceAccount",
             "invoicePhone", "kind", "name", "region", "registeredCapital", "taxNumber", "website"],
            await response.FieldErrorsAsync());
    }

    [Theory]
    [InlineData("ownership", "township-enterprise")]
    [InlineData("businessFormat", "supermarket")]
    [InlineData("bankCreditRating", "BBB")]
    [InlineData("category", "vip")]
    [InlineData("kind", "3")]
    public async Task An_unknown_enumeration_value_is_a_400_naming_its_field(string field, string value)
    {
        using var rep = fixture.Rep();
        var body = new Dictionary<string, object> { ["name"] = Api.Unique("枚举测试"), ["kind"] = "agent", ["region"] = "华东", [field] = value };
        Assert.Equal([field], await (await rep.PostAsJsonAsync("/api/customers", body)).FieldErrorsAsync());
    }

    [Fact]
    public async Task A_tax_number_is_normalised_and_its_check_character_verified()
    {
        using var rep = fixture.Rep();
        var taxNumber = TaxNumbers.New();
        var fullWidthWithSpaces = string.Concat(taxNumber.ToLowerInvariant().Select(c => (char)(c + 0xFEE0))).Insert(6, " ");
        var registered = await rep.RegisterAsync(Api.Unique("全角税号"), taxNumber: fullWidthWithSpaces);
        Assert.Equal(taxNumber, (await rep.CardAsync(registered.Id)).Text("taxNumber"));

        var wrongCheck = taxNumber[..17] + (taxNumber[17] == '0' ? '1' : '0');
        var problem = await (await rep.PostAsJsonAsync("/api/customers", new { name = Api.Unique("错误税号"), kind = "agent", region = "华东", taxNumber = wrongCheck }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("check character", problem.GetProperty("errors").GetProperty("taxNumber")[0].GetString());
    }

    [Fact]
    public async Task Codes_are_unique_and_numbered_per_branch()
    {
        using var shanghai = fixture.Rep("rep-code-sh", "sh");
        using var chengdu = fixture.Rep("rep-code-cd", "cd");
        var first = await chengdu.RegisterAsync(Api.Unique("成都一号"), "西南");
        var second = await chengdu.RegisterAsync(Api.Unique("成都二号"), "西南");
        var other = await shanghai.RegisterAsync(Api.Unique("上海某号"));

        Assert.StartsWith("CD-", first.Code);
        Assert.Equal(int.Parse(first.Code[3..]) + 1, int.Parse(second.Code[3..]));
        Assert.StartsWith("SH-", other.Code);
    }

    [Fact]
    public async Task A_sales_rep_registers_for_themselves_and_inside_sales_for_any_rep()
    {
        using var rep = fixture.Rep("rep-self");
        var forSomeoneElse = await rep.PostAsJsonAsync("/api/customers", new { name = Api.Unique("代人登记"), kind = "agent", region = "华东", ownerId = "rep-other" });
        await forSomeoneElse.ProblemAsync(HttpStatusCode.Forbidden);

        using var insideSales = fixture.As("is-1", "sh", "inside-sales");
        var registered = await insideSales.RegisterAsync(new { name = Api.Unique("内勤代登记"), kind = "factory", region = "华东", ownerId = "rep-other", ownerName = "赵六" });
        var card = await insideSales.CardAsync(registered.Id);
        Assert.Equal("rep-other", card.Text("ownerId"));
        Assert.Equal("赵六", card.Text("ownerName"));
        Assert.Equal("is-1", card.Text("registeredBy"));

        using var manager = fixture.As("mm-1", "sh", "marketing-manager");
        await (await manager.PostAsJsonAsync("/api/customers", new { name = Api.Unique("经理登记"), kind = "agent", region = "华东" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Two_primary_contacts_are_refused()
    {
        using var rep = fixture.Rep();
        var response = await rep.PostAsJsonAsync("/api/customers", new
        {
            name = Api.Unique("两个主联系人"), kind = "agent", region = "华东",
            contacts = new[] { new { name = "甲", isPrimary = true }, new { name = "乙", isPrimary = true } },
        });
        Assert.Equal(["contacts"], await response.FieldErrorsAsync());
    }
}
