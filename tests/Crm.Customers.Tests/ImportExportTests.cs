using System.Net.Http.Headers;

namespace Crm.Customers.Tests;

/// <summary>CSV import (dry run: every row's problems; real run: all rows or none) and export of the filtered list.</summary>
public sealed class ImportExportTests(CustomersFixture fixture) : IClassFixture<CustomersFixture>
{
    [Fact]
    public async Task A_dry_run_reports_every_rows_problems_and_imports_nothing()
    {
        var region = Api.Unique("试导区");
        var csv = $"""
            name,kind,region,taxNumber,annualSales,foundedOn,contactName,contactMobile
            {Api.Unique("好客户")},agent,{region},{TaxNumbers.New()},"1,200,000.50",2010-05-01,张三,13800000000
            ,wholesaler,{region},123,lots,yesterday,,abc
            {Api.Unique("另一个好客户")},factory,{region},,,,,
            {Api.Unique("坏邮箱")},agent,,,,,李四,
            """;
        using var insideSales = fixture.As("is-dry", "sh", "inside-sales");

        var report = await (await Import(insideSales, csv, dryRun: true)).JsonAsync(HttpStatusCode.OK);

        Assert.True(report.GetProperty("dryRun").GetBoolean());
        Assert.Equal((4, 2, 2, 0), (report.GetProperty("rows").GetInt32(), report.GetProperty("valid").GetInt32(),
            report.GetProperty("invalid").GetInt32(), report.GetProperty("imported").GetInt32()));
        var problems = report.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("row").GetInt32(), p => p.GetProperty("errors"));
        Assert.Equal([3, 5], problems.Keys.Order());
        Assert.Equal(["annualSales", "contacts[0].mobile", "contacts[0].name", "foundedOn", "kind", "name", "taxNumber"],
            problems[3].EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["region"], problems[5].EnumerateObject().Select(e => e.Name));
        Assert.Equal(0, await CountInRegionAsync(insideSales, region));
    }

    [Fact]
    public async Task A_real_run_with_one_bad_row_imports_nothing()
    {
        var region = Api.Unique("全有全无区");
        var csv = $"name,kind,region\n{Api.Unique("第一行")},agent,{region}\n{Api.Unique("第二行")},agent,{region}\n{Api.Unique("第三行")},boss,{region}\n";
        using var insideSales = fixture.As("is-all-or-none", "sh", "inside-sales");

        var problem = await (await Import(insideSales, csv)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["rows[4].kind"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(4, problem.GetProperty("rows")[0].GetProperty("row").GetInt32());
        Assert.Equal(0, await CountInRegionAsync(insideSales, region));
    }

    [Fact]
    public async Task A_real_run_with_chinese_headers_opens_every_file_and_announces_each()
    {
        await using var subscriber = await fixture.SubscribeAsync("crm.customer-registered");
        var region = Api.Unique("中文表头区");
        var names = new[] { Api.Unique("杭州甲"), Api.Unique("杭州乙"), Api.Unique("杭州丙") };
        var csv = "\uFEFF客户名称,客户类型,地区,所有制,业态,客户分类,业务员,业务员姓名,联系人,手机,竞争对手\n"
            + $"{names[0]},代理商,{region},合资,批发店,核心,rep-imported,孙九,周一,13900000001,立白：价格低；纳爱斯\n"
            + $"{names[1]},工厂,{region},国有,,一般,,,,,\n"
            + $"\"{names[2]}\",贸易公司,{region},,,重要,,,,,\n";
        using var insideSales = fixture.As("is-zh", "sh", "inside-sales");

        var report = await (await Import(insideSales, csv, multipart: true)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(3, report.GetProperty("imported").GetInt32());
        var imported = report.GetProperty("customers").EnumerateArray().ToList();
        Assert.Equal([2, 3, 4], imported.Select(c => c.GetProperty("row").GetInt32()));
        var first = await insideSales.CardAsync(imported[0].GetProperty("id").GetGuid());
        Assert.Equal((names[0], "agent", "joint-venture", "wholesale-store", "core", "rep-imported", "孙九"),
            (first.Text("name"), first.Text("kind"), first.Text("ownership"), first.Text("businessFormat"), first.Text("category"), first.Text("ownerId"), first.Text("ownerName")));
        Assert.Equal("周一", first.GetProperty("contacts")[0].Text("name"));
        Assert.Equal(["立白", "纳爱斯"], first.GetProperty("competitors").EnumerateArray().Select(c => c.Text("name")));
        Assert.Equal("价格低", first.GetProperty("competitors")[0].Text("assessment"));
        var second = await insideSales.CardAsync(imported[1].GetProperty("id").GetGuid());
        Assert.Equal(("is-zh", "factory"), (second.Text("ownerId"), second.Text("kind")));
        Assert.Equal("Imported from CSV", (await insideSales.HistoryAsync(second.GetProperty("id").GetGuid())).GetProperty("items")[0].Text("reason"));

        var announced = new HashSet<Guid>();
        while (announced.Count < 3)
        {
            var message = (await subscriber.NextAsync(m => imported.Any(c => c.GetProperty("id").GetGuid() == m.GetProperty("customerId").GetGuid()))).Message;
            Assert.Equal("import", message.Text("source"));
            announced.Add(message.GetProperty("customerId").GetGuid());
        }
    }

    [Fact]
    public async Task Duplicates_follow_the_registration_rules_and_a_file_cannot_hold_one_customer_twice()
    {
        using var insideSales = fixture.As("is-dup", "sh", "inside-sales");
        var region = Api.Unique("导入查重区");
        var existing = $"{Api.Unique("已登记")}有限公司";
        await insideSales.RegisterAsync(existing, region);
        var taxNumber = TaxNumbers.New();
        var clean = existing.Replace("有限公司", "", StringComparison.Ordinal);

        var duplicate = await (await Import(insideSales, $"name,kind,region\n{clean},agent,{region}\n")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(existing, duplicate.GetProperty("rows")[0].GetProperty("duplicates")[0].Text("name"));

        var confirmed = await (await Import(insideSales, $"name,kind,region,confirmNotDuplicate,reason\n{clean},agent,{region},是,同名不同店\n"))
            .JsonAsync(HttpStatusCode.OK);
        var id = confirmed.GetProperty("customers")[0].GetProperty("id").GetGuid();
        Assert.Contains("同名不同店", (await insideSales.HistoryAsync(id)).GetProperty("items")[0].Text("reason"));

        var twice = $"name,kind,region,taxNumber\n{Api.Unique("一号")},agent,{region},{taxNumber}\n{Api.Unique("二号")},agent,{region},{taxNumber}\n";
        var problem = await (await Import(insideSales, twice)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["rows[3].taxNumber"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_or_has_unknown_columns_is_a_400_naming_the_file()
    {
        using var insideSales = fixture.As("is-bad-file", "sh", "inside-sales");
        var gbk = new byte[] { 0x6E, 0x61, 0x6D, 0x65, 0x2C, 0x6B, 0x69, 0x6E, 0x64, 0x2C, 0x72, 0x65, 0x67, 0x69, 0x6F, 0x6E, 0x0A, 0xBA, 0xBC, 0xD6, 0xDD, 0x2C, 0x61, 0x67, 0x65, 0x6E, 0x74, 0x2C, 0xBB, 0xAA, 0xB6, 0xAB, 0x0A };
        using var content = new ByteArrayContent(gbk);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var notUtf8 = await (await insideSales.PostAsync("/api/customers/import", content)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("UTF-8", notUtf8.GetProperty("errors").GetProperty("file")[0].GetString());

        Assert.Equal(["file"], await (await Import(insideSales, "name,kind,region,favouriteColour\nx,agent,华东,red\n")).FieldErrorsAsync());
        Assert.Equal(["file"], await (await Import(insideSales, "name,region\nx,华东\n")).FieldErrorsAsync());
        Assert.Equal(["file"], await (await Import(insideSales, "name,kind,region\n")).FieldErrorsAsync());
    }

    [Fact]
    public async Task A_file_larger_than_the_default_body_limit_is_accepted()
    {
        using var insideSales = fixture.As("is-large", "sh", "inside-sales");
        var region = Api.Unique("大文件区");
        var csv = new StringBuilder("name,kind,region,remarks\n");
        var remarks = new string('备', 900);
        for (var i = 0; csv.Length * 3 < 1_500_000; i++) csv.Append($"{Api.Unique($"大文件{i}")},agent,{region},{remarks}\n");

        var report = await (await Import(insideSales, csv.ToString(), dryRun: true)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, report.GetProperty("invalid").GetInt32());
    }

    [Fact]
    public async Task The_export_is_the_filtered_list_in_csv_masked_as_the_caller_is_entitled()
    {
        using var insideSales = fixture.As("is-export", "sh", "inside-sales");
        var region = Api.Unique("导出区");
        var taxNumber = TaxNumbers.New();
        var name = Api.Unique("导出客户");
        await insideSales.RegisterAsync(new
        {
            name, kind = "agent", region, taxNumber, ownership = "private", contacts = new[] { new { name = "郑二", mobile = "13500000000" } },
        });
        await insideSales.RegisterAsync(Api.Unique("别区客户"), "华南");

        using var salesAdmin = fixture.As("sam-export", "sh", "sales-admin-manager");
        var response = await salesAdmin.GetAsync($"/api/customers/export?region={Uri.EscapeDataString(region)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        string Cell(string column) => row[Array.IndexOf(header, column)];
        Assert.Equal((name, "agent", "private", taxNumber, "郑二"), (Cell("name"), Cell("kind"), Cell("ownership"), Cell("taxNumber"), Cell("contactName")));

        using var marketing = fixture.As("mm-export", "sh", "marketing-manager");
        var masked = Encoding.UTF8.GetString(await (await marketing.GetAsync($"/api/customers/export?region={Uri.EscapeDataString(region)}&headers=zh"))
            .Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n");
        var zhHeader = masked[0].Split(',');
        var zhRow = masked[1].Split(',');
        Assert.Contains("客户名称", zhHeader);
        Assert.Equal("代理商", zhRow[Array.IndexOf(zhHeader, "客户类型")]);
        Assert.Equal(new string('*', 14) + taxNumber[^4..], zhRow[Array.IndexOf(zhHeader, "税号")]);

        Assert.Equal(["headers"], await (await salesAdmin.GetAsync("/api/customers/export?headers=fr")).FieldErrorsAsync());
    }

    [Fact]
    public async Task Exported_cells_that_a_spreadsheet_would_run_are_neutralised_and_the_import_reads_them_back_as_they_were()
    {
        // A rep plants formulas in the card; the manager's export must not run them, and the file imports as it was.
        using var insideSales = fixture.As("is-inject", "sh", "inside-sales");
        var region = Api.Unique("-注入区");
        var name = Api.Unique("=1+2客户");
        await insideSales.RegisterAsync(new { name, kind = "agent", region, remarks = "@SUM(1+1)", contacts = new[] { new { name = "+郑二" } } });

        using var salesAdmin = fixture.As("sam-inject", "sh", "sales-admin-manager");
        var lines = Encoding.UTF8.GetString(await (await salesAdmin.GetAsync($"/api/customers/export?region={Uri.EscapeDataString(region)}"))
            .Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        string Cell(string column) => row[Array.IndexOf(header, column)];
        Assert.Equal(("'" + name, "'" + region, "'@SUM(1+1)", "'+郑二"), (Cell("name"), Cell("region"), Cell("remarks"), Cell("contactName")));
        Assert.DoesNotContain(row, cell => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@');

        // The exported row, renamed and put in a region of its own, imports with the cells as they were entered.
        var again = Api.Unique("=3+4客户");
        var otherRegion = Api.Unique("-另一区");
        row[Array.IndexOf(header, "name")] = "'" + again;
        row[Array.IndexOf(header, "region")] = "'" + otherRegion;
        var report = await (await Import(insideSales, lines[0] + "\n" + string.Join(',', row))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        var card = await insideSales.CardAsync(report.GetProperty("customers")[0].GetProperty("id").GetGuid());
        Assert.Equal((again, otherRegion, "@SUM(1+1)"), (card.Text("name"), card.Text("region"), card.Text("remarks")));
    }

    private static Task<HttpResponseMessage> Import(HttpClient client, string csv, bool dryRun = false, bool multipart = false)
    {
        var url = $"/api/customers/import{(dryRun ? "?dryRun=true" : "")}";
        if (!multipart) return client.PostAsync(url, new StringContent(csv, Encoding.UTF8, "text/csv"));
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "customers.csv");
        return client.PostAsync(url, form);
    }

    private static async Task<int> CountInRegionAsync(HttpClient client, string region) =>
        (await (await client.GetAsync($"/api/customers?region={Uri.EscapeDataString(region)}")).JsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();
}
