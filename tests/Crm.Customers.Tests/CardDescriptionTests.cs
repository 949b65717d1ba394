using System.Text.Json.Nodes;
using Crm.Customers.Apis;
using Crm.Customers.IntegrationEvents;
using Crm.ServiceDefaults.Problems;

namespace Crm.Customers.Tests;

/// <summary>
/// The one description of the card (<see cref="CustomerCard"/>): every field it lists goes through the API, the CSV
/// export and import, and is masked for a role that may not see it, wherever it shows.
/// </summary>
public sealed class CardDescriptionTests(CustomersFixture fixture) : IClassFixture<CustomersFixture>
{
    [Fact]
    public async Task Every_field_of_the_card_round_trips_through_csv_export_and_import_and_is_masked_for_a_role_that_may_not_see_it()
    {
        using var insideSales = fixture.As("is-card", "sh", "inside-sales");
        var parent = await insideSales.RegisterAsync(Api.Unique("上级经销商"), Api.Unique("上级区"));
        var region = Api.Unique("全字段区");
        var registered = await insideSales.RegisterAsync(CardBody.Full(Api.Unique("全字段客户"), region, TaxNumbers.New(), parent.Id));
        var original = await insideSales.CardAsync(registered.Id);
        Assert.All(CustomerCard.Fields, f => Assert.True(
            original.TryGetProperty(f.Name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined),
            $"The test's card leaves {f.Name} empty: give it a value, so that the field is proven to travel."));

        // Exported by an entitled manager, imported again by inside sales as a second file (confirmed not a duplicate).
        using var salesAdmin = fixture.As("sam-card", "sh", "sales-admin-manager");
        var exported = await ExportAsync(salesAdmin, region, chinese: false);
        Assert.Equal(2, exported.Length);
        var csv = exported[0] + ",confirmNotDuplicate,reason\n" + exported[1] + ",true,往返测试\n";
        var report = await (await insideSales.PostAsync("/api/customers/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).JsonAsync(HttpStatusCode.OK);
        var copy = await insideSales.CardAsync(report.GetProperty("customers")[0].GetProperty("id").GetGuid());
        Assert.NotEqual(registered.Id, copy.GetProperty("id").GetGuid());
        foreach (var field in CustomerCard.Fields) AssertSame(original.GetProperty(field.Name), copy.GetProperty(field.Name), field.Name);

        // The Chinese export reads back the same way.
        var zh = await ExportAsync(salesAdmin, region, chinese: true);
        var zhCsv = zh[0] + ",确认非重复,原因\n" + zh[1] + ",是,往返测试\n";
        var zhReport = await (await insideSales.PostAsync("/api/customers/import", new StringContent(zhCsv, Encoding.UTF8, "text/csv"))).JsonAsync(HttpStatusCode.OK);
        var zhCopy = await insideSales.CardAsync(zhReport.GetProperty("customers")[0].GetProperty("id").GetGuid());
        foreach (var field in CustomerCard.Fields) AssertSame(original.GetProperty(field.Name), zhCopy.GetProperty(field.Name), field.Name);

        // A marketing manager may read the card but is not entitled to its sensitive fields: the card, the history and
        // the export show them masked, and every other field as it is.
        using var marketing = fixture.As("mm-card", "sh", "marketing-manager");
        var masked = await marketing.CardAsync(registered.Id);
        var maskedFields = masked.GetProperty("maskedFields").EnumerateArray().Select(f => f.GetString()).ToList();
        var history = (await marketing.HistoryAsync(registered.Id)).GetProperty("items")[0].GetProperty("changes").EnumerateArray()
            .ToDictionary(c => c.Text("field")!);
        var export = await ExportAsync(marketing, region, chinese: false);
        var header = export[0].Split(',');
        var row = export[1].Split(',');
        foreach (var field in CustomerCard.Fields)
        {
            var stored = original.GetProperty(field.Name);
            if (!field.Sensitive)
            {
                AssertSame(stored, masked.GetProperty(field.Name), field.Name);
                Assert.DoesNotContain(field.Name, maskedFields);
                continue;
            }
            var expected = field.Mask(stored.GetString());
            Assert.NotEqual(stored.GetString(), expected);
            Assert.Equal(expected, masked.Text(field.Name));
            Assert.Contains(field.Name, maskedFields);
            Assert.True(history[field.Name].GetProperty("masked").GetBoolean(), field.Name);
            Assert.Equal(expected, history[field.Name].Text("to"));
            Assert.Equal(expected, row[Array.IndexOf(header, field.CsvKey)]);
        }
    }

    [Fact]
    public async Task A_role_that_may_not_see_a_field_cannot_change_it_but_may_send_back_what_it_read()
    {
        using var insideSales = fixture.As("is-card-put", "sh", "inside-sales");
        var registered = await insideSales.RegisterAsync(CardBody.Full(Api.Unique("受保护客户"), Api.Unique("受保护区"), TaxNumbers.New(), parentId: null));
        using var marketing = fixture.As("mm-card-put", "sh", "marketing-manager");
        var read = await marketing.CardAsync(registered.Id);

        // Sent back as read, masked: nothing changes but the remarks, and the stored values are kept.
        var body = CustomerCard.Fields.ToDictionary(f => f.Name, f => (object?)read.GetProperty(f.Name));
        body["remarks"] = "改备注";
        body["changeReason"] = "只改备注";
        body["version"] = read.GetProperty("version").GetInt64();
        var updated = await (await marketing.PutAsJsonAsync($"/api/customers/{registered.Id}", body)).JsonAsync(HttpStatusCode.OK);
        var stored = await insideSales.CardAsync(registered.Id);
        Assert.Equal("改备注", stored.Text("remarks"));
        var changed = (await insideSales.HistoryAsync(registered.Id)).GetProperty("items")[1].GetProperty("changes").EnumerateArray().Select(c => c.Text("field"));
        Assert.Equal(["remarks"], changed);

        foreach (var field in CustomerCard.SensitiveFields)
        {
            var attempt = new Dictionary<string, object?>(body) { [field.Name] = "1234567890", ["version"] = updated.GetProperty("version").GetInt64() };
            await (await marketing.PutAsJsonAsync($"/api/customers/{registered.Id}", attempt)).ProblemAsync(HttpStatusCode.Forbidden);
        }
        Assert.Equal(stored.GetRawText(), (await insideSales.CardAsync(registered.Id)).GetRawText());
    }

    private static void AssertSame(JsonElement expected, JsonElement actual, string field)
    {
        if (expected.ValueKind == JsonValueKind.Number) Assert.True(expected.GetDecimal() == actual.GetDecimal(), $"{field}: {expected} ≠ {actual}");
        else Assert.True(expected.GetRawText() == actual.GetRawText(), $"{field}: {expected.GetRawText()} ≠ {actual.GetRawText()}");
    }

    private static async Task<string[]> ExportAsync(HttpClient client, string region, bool chinese)
    {
        var response = await client.GetAsync($"/api/customers/export?region={Uri.EscapeDataString(region)}{(chinese ? "&headers=zh" : "")}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}

/// <summary>The descriptor read by itself, without a host: every field has a CSV column, a round trip and a mask where it is sensitive.</summary>
public sealed class CardDescriptorTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void Every_field_has_one_csv_column_in_the_cards_order_and_names_no_other_field()
    {
        var cardColumns = CustomerCsv.Columns.Skip(1).Take(CustomerCard.Fields.Count).Select(c => c.Key);
        Assert.Equal(CustomerCard.Fields.Select(f => f.CsvKey), cardColumns);
        Assert.Equal(CustomerCard.Fields.Count, CustomerCard.Fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["name", "kind", "region"], CustomerCsv.RequiredColumns);
        Assert.Equal(["taxNumber", "invoiceBank", "invoiceAccount", "invoicePhone", "invoiceRequirements", "contacts.birthday", "contacts.personalNotes"],
            Masking.AllSensitiveFields);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_field_round_trips_through_a_csv_row_and_is_masked_for_whom_may_not_see_it(bool chineseLabels)
    {
        var card = CardBody.FullProfile(Guid.CreateVersion7());
        var customer = Customer.Register("sh", "SH-000042", card, [], "rep-1", "王五", new Actor("rep-1", "王五"), new Actor("rep-1", "王五"), null,
            DateTimeOffset.UtcNow, Today);
        var profile = customer.Profile;
        Assert.All(CustomerCard.Fields, f => Assert.NotNull(f.Render(profile)));

        var row = new ImportRow(CustomerProfile.Empty, new ContactInput(), false);
        var errors = new ValidationErrors();
        var entitled = new ExportRow(customer, profile, null, SeesSensitive: true, chineseLabels, ParentCode: "SH-000001");
        foreach (var column in CustomerCsv.Columns.Where(c => c.Import is not null))
        {
            if (column.Export(entitled) is { Length: > 0 } cell) row = column.Import!(row, cell, errors);
        }
        Assert.True(errors.IsEmpty);
        Assert.Equal("SH-000001", row.ParentCode);
        var imported = CustomerProfile.Complete(row.Card with { ParentId = profile.ParentId }, row.KindGiven, errors, Today);
        Assert.NotNull(imported);
        Assert.All(CustomerCard.Fields, f => Assert.Equal(f.Render(profile), f.Render(imported)));

        var notEntitled = entitled with { SeesSensitive = false };
        var response = CustomerCardResponse.From(customer, seesSensitive: false, null, Today, null, contactOverdue: false);
        var changed = CustomerIntegrationEvents.Changed(customer, profile.AsInitialValues(), "r", new Actor("rep-1", "王五"), DateTimeOffset.UtcNow);
        foreach (var field in CustomerCard.Fields)
        {
            var column = CustomerCsv.Columns.Single(c => c.Key == field.CsvKey);
            var change = changed.Changes.Single(c => c.Field == field.Name);
            if (field.Sensitive)
            {
                Assert.NotEqual(field.Render(profile), field.Render(response));
                Assert.Equal(field.Mask(field.Render(profile)), field.Render(response));
                Assert.Equal(field.Mask(column.Export(entitled)), column.Export(notEntitled));
                Assert.Equal((null, null), (change.From, change.To));
                Assert.True(Masking.IsSensitive(field.Name));
            }
            else
            {
                Assert.Equal(field.Render(profile), field.Render(response));
                Assert.Equal(column.Export(entitled), column.Export(notEntitled));
                Assert.Equal(field.Render(profile), change.To);
            }
        }
        Assert.Equal(Masking.AllSensitiveFields, response.MaskedFields);
    }

    [Fact]
    public void A_change_of_a_field_that_needs_a_reason_is_refused_without_one()
    {
        var customer = Customer.Register("sh", "SH-000043", CardBody.FullProfile(null), [], "rep-1", null, new Actor("rep-1", "王五"),
            new Actor("rep-1", "王五"), null, DateTimeOffset.UtcNow, Today);
        Assert.All(CustomerCard.Fields, f => Assert.True(f.ReasonRequired));
        Assert.Throws<RequestValidationException>(() =>
            customer.Update(customer.Profile with { Remarks = "新备注" }, new Actor("rep-1", "王五"), " ", DateTimeOffset.UtcNow));
        Assert.Empty(customer.Update(customer.Profile, new Actor("rep-1", "王五"), "", DateTimeOffset.UtcNow));
    }
}

/// <summary>A card with every field given.</summary>
internal static class CardBody
{
    public static JsonObject Full(string name, string region, string taxNumber, Guid? parentId)
    {
        var card = JsonSerializer.SerializeToNode(new
        {
            name, kind = "trading", region, route = "R-07", industry = "日化", ownership = "joint-venture", businessFormat = "chain-store",
            legalRepresentative = "赵六", registeredCapital = 5_000_000.5m, foundedOn = "2010-05-01", size = "medium", address = "杭州市西湖区文三路 1 号",
            website = "https://www.example.com", marketCoverage = "浙江全省", productsCarried = "洗衣粉; 香皂", businessScope = "日用化学品批发",
            bankCreditRating = "aa", annualSales = 12_000_000m, offSeasonSales = 600_000.25m, peakSeasonSales = 1_500_000m, monthlyPurchasingPower = 900_000m,
            competitors = new[] { new { name = "立白", assessment = (string?)"价格低" }, new { name = "纳爱斯", assessment = (string?)null } },
            taxNumber, invoiceBank = "工商银行杭州分行", invoiceAccount = "6222 0000 1234 5678", invoicePhone = "0571-87654321",
            invoiceRequirements = "增值税专用发票", category = "important", incomeGroup = "middle", locationType = "suburban", validUntil = "2030-12-31",
            remarks = "老客户",
        })!.AsObject();
        if (parentId is { } parent)
        {
            card["parentId"] = parent;
            card["outletTier"] = "retail";
        }
        return card;
    }

    public static CustomerProfile FullProfile(Guid? parentId) => new()
    {
        Name = "杭州全字段日化", Kind = CustomerKind.Trading, Region = "华东", Route = "R-07", Industry = "日化", Ownership = Ownership.JointVenture,
        BusinessFormat = BusinessFormat.ChainStore, LegalRepresentative = "赵六", RegisteredCapital = 5_000_000.5m, FoundedOn = new DateOnly(2010, 5, 1),
        Size = EnterpriseSize.Medium, Address = "杭州市西湖区文三路 1 号", Website = "https://www.example.com", MarketCoverage = "浙江全省",
        ProductsCarried = "洗衣粉; 香皂", BusinessScope = "日用化学品批发", BankCreditRating = BankCreditRating.Aa, AnnualSales = 12_000_000m,
        OffSeasonSales = 600_000.25m, PeakSeasonSales = 1_500_000m, MonthlyPurchasingPower = 900_000m,
        Competitors = [new Competitor("立白", "价格低"), new Competitor("纳爱斯", null)], TaxNumber = "91110105MA01ABCD13", InvoiceBank = "工商银行杭州分行",
        InvoiceAccount = "6222 0000 1234 5678", InvoicePhone = "0571-87654321", InvoiceRequirements = "增值税专用发票", Category = CustomerCategory.Important,
        IncomeGroup = IncomeGroup.Middle, LocationType = LocationType.Suburban, ValidUntil = new DateOnly(2030, 12, 31), Remarks = "老客户",
        ParentId = parentId, OutletTier = parentId is null ? null : OutletTier.Retail,
    };
}
