namespace Crm.Customers.Tests;

/// <summary>Duplicate detection (查重): flagged with 409 and the candidates before a second file is created.</summary>
public sealed class DuplicateTests(CustomersFixture fixture) : IClassFixture<CustomersFixture>
{
    [Theory]
    [InlineData("{0}有限公司", "{0}股份有限公司")]
    [InlineData("{0}有限公司", "{0}")]
    [InlineData("{0}有限责任公司", " {0} 公司 ")]
    [InlineData("Limin {0} Co., Ltd.", "LIMIN {0} Inc.")]
    [InlineData("Limin {0} Co., Ltd.", "Ｌｉｍｉｎ　{0}")]
    [InlineData("（杭州）利民{0}有限公司", "杭州·利民{0}")]
    public async Task A_near_identical_name_in_the_same_region_is_a_409_with_the_candidate(string first, string second)
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        using var rep = fixture.Rep("rep-dup-1");
        var existing = await rep.RegisterAsync(string.Format(first, token), "华东");

        using var otherRep = fixture.Rep("rep-dup-2");
        var secondName = string.Format(second, second.Contains('Ｌ') ? FullWidth(token) : token);
        var problem = await (await otherRep.PostAsJsonAsync("/api/customers", new { name = secondName, kind = "agent", region = "华 东" }))
            .ProblemAsync(HttpStatusCode.Conflict);

        var candidate = Assert.Single(problem.GetProperty("duplicates").EnumerateArray());
        Assert.Equal(existing.Id, candidate.GetProperty("id").GetGuid());
        Assert.Equal(string.Format(first, token), candidate.Text("name"));
        Assert.Equal("rep-dup-1", candidate.Text("ownerId"));
        Assert.Equal(["name-in-region"], candidate.GetProperty("matchedOn").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains(existing.Code, problem.Text("detail"));
    }

    [Fact]
    public async Task The_same_name_in_another_region_is_a_different_customer()
    {
        var name = Api.Unique("同名不同区商贸");
        using var rep = fixture.Rep();
        await rep.RegisterAsync(name, "华东");
        await rep.RegisterAsync(name, "华南");
    }

    [Fact]
    public async Task The_same_tax_number_in_another_branch_is_a_409_naming_that_branch_and_nothing_else()
    {
        var taxNumber = TaxNumbers.New();
        var name = Api.Unique("上海税号公司");
        using var shanghai = fixture.Rep("rep-tax-sh", "sh");
        var existing = await shanghai.RegisterAsync(name, "华东", taxNumber);

        using var beijing = fixture.Rep("rep-tax-bj", "bj");
        var problem = await (await beijing.PostAsJsonAsync("/api/customers", new { name = Api.Unique("北京完全不同的名字"), kind = "trading", region = "华北", taxNumber }))
            .ProblemAsync(HttpStatusCode.Conflict);

        var candidate = Assert.Single(problem.GetProperty("duplicates").EnumerateArray());
        Assert.Equal("sh", candidate.Text("branchId"));
        Assert.Equal("customer", candidate.Text("type"));
        Assert.Equal(["tax-number"], candidate.GetProperty("matchedOn").EnumerateArray().Select(m => m.GetString()));
        AssertUndisclosed(problem, candidate, existing, name, "rep-tax-sh");
        // The other branch's file itself stays out of reach.
        await (await beijing.GetAsync($"/api/customers/{existing.Id}")).ProblemAsync(HttpStatusCode.NotFound);

        // A caller of the holder's own branch may see the file, so the same check shows it to them.
        using var colleague = fixture.Rep("rep-tax-sh-2", "sh");
        var forColleague = await (await colleague.PostAsJsonAsync("/api/customers", new { name = Api.Unique("同分公司看到的名字"), kind = "trading", region = "华北", taxNumber }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(existing.Id, forColleague.GetProperty("duplicates")[0].GetProperty("id").GetGuid());
        Assert.Equal(name, forColleague.GetProperty("duplicates")[0].Text("name"));
    }

    [Fact]
    public async Task The_dry_run_import_tells_another_branch_only_where_a_tax_number_is_on_file()
    {
        var taxNumber = TaxNumbers.New();
        var name = Api.Unique("上海导入税号公司");
        using var shanghai = fixture.Rep("rep-imp-sh", "sh");
        var existing = await shanghai.RegisterAsync(name, "华东", taxNumber);

        using var beijing = fixture.As("is-imp-bj", "bj", "inside-sales");
        var csv = $"name,kind,region,taxNumber\n{Api.Unique("北京导入")},agent,华北,{taxNumber}\n";
        var report = await (await beijing.PostAsync("/api/customers/import?dryRun=true", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv")))
            .JsonAsync(HttpStatusCode.OK);

        var row = Assert.Single(report.GetProperty("problems").EnumerateArray());
        var candidate = Assert.Single(row.GetProperty("duplicates").EnumerateArray());
        Assert.Equal("sh", candidate.Text("branchId"));
        Assert.Equal(["tax-number"], candidate.GetProperty("matchedOn").EnumerateArray().Select(m => m.GetString()));
        AssertUndisclosed(report, candidate, existing, name, "rep-imp-sh");
    }

    [Fact]
    public async Task A_development_application_in_another_branch_learns_only_where_the_tax_number_is_and_its_confirmation_holds()
    {
        var taxNumber = TaxNumbers.New();
        var name = Api.Unique("上海开发税号公司");
        using var shanghai = fixture.Rep("rep-dev-sh", "sh");
        var existing = await shanghai.RegisterAsync(name, "华东", taxNumber);

        using var beijing = fixture.Rep("rep-dev-bj", "bj");
        var application = new { name = Api.Unique("北京开发"), kind = "agent", region = "华北", taxNumber, reason = "新开发的经销商" };
        var problem = await (await beijing.PostAsJsonAsync("/api/customers/development-applications", application)).ProblemAsync(HttpStatusCode.Conflict);
        var candidate = Assert.Single(problem.GetProperty("duplicates").EnumerateArray());
        Assert.Equal("sh", candidate.Text("branchId"));
        AssertUndisclosed(problem, candidate, existing, name, "rep-dev-sh");

        // Confirmed as a different customer, the approval does not flag the same file again (it is kept by its id).
        var filed = await (await beijing.PostAsJsonAsync("/api/customers/development-applications", new
        {
            application.name, application.kind, application.region, taxNumber, reason = "同一税号的分支机构, 已核实", confirmNotDuplicate = true,
        })).JsonAsync(HttpStatusCode.Created);
        using var manager = fixture.As("mm-dev-bj", "bj", "marketing-manager");
        var approved = await manager.PostAsJsonAsync($"/api/customers/development-applications/{filed.GetProperty("id").GetGuid()}/approve",
            new { version = filed.GetProperty("version").GetInt64() });
        var approval = await approved.JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(existing.Code, approval.GetRawText());
    }

    /// <summary>Nothing of the other branch's file: not its id, name, code, owner, region or date, in the candidate or the detail.</summary>
    private static void AssertUndisclosed(JsonElement body, JsonElement candidate, Registered existing, string name, string ownerId)
    {
        foreach (var field in new[] { "id", "name", "code", "region", "ownerId", "ownerName", "registeredAt" })
            Assert.True(!candidate.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null, $"{field} disclosed: {candidate}");
        var text = body.GetRawText();
        Assert.DoesNotContain(existing.Id.ToString(), text);
        Assert.DoesNotContain(existing.Code, text);
        Assert.DoesNotContain(name, text);
        Assert.DoesNotContain(ownerId, text);
    }

    [Fact]
    public async Task A_confirmed_non_duplicate_needs_a_reason_which_the_history_keeps()
    {
        var name = Api.Unique("确认非重复有限公司");
        using var rep = fixture.Rep("rep-confirm");
        var existing = await rep.RegisterAsync(name);

        var withoutReason = await rep.PostAsJsonAsync("/api/customers", new { name, kind = "agent", region = "华东", confirmNotDuplicate = true });
        Assert.Equal(["reason"], await withoutReason.FieldErrorsAsync());

        var confirmed = await rep.RegisterAsync(new { name, kind = "agent", region = "华东", confirmNotDuplicate = true, reason = "同名的另一家门店, 独立核算" });
        var entry = (await rep.HistoryAsync(confirmed.Id)).GetProperty("items")[0];
        Assert.Equal("registered", entry.Text("action"));
        Assert.Contains(existing.Code, entry.Text("reason"));
        Assert.Contains("同名的另一家门店, 独立核算", entry.Text("reason"));
    }

    [Fact]
    public async Task Renaming_a_file_into_a_duplicate_is_a_409_too()
    {
        using var rep = fixture.Rep("rep-rename");
        var target = $"{Api.Unique("改名目标")}有限公司";
        await rep.RegisterAsync(target);
        var other = await rep.RegisterAsync(Api.Unique("改名来源"));

        var rename = await rep.PutAsJsonAsync($"/api/customers/{other.Id}",
            new { name = target.Replace("有限公司", "", StringComparison.Ordinal), kind = "agent", region = "华东", version = other.Version, changeReason = "更正名称" });
        await rename.ProblemAsync(HttpStatusCode.Conflict);

        var confirmed = await rep.PutAsJsonAsync($"/api/customers/{other.Id}",
            new { name = target, kind = "agent", region = "华东", version = other.Version, changeReason = "总店与分店同名", confirmNotDuplicate = true });
        await confirmed.JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Of_simultaneous_registrations_of_one_customer_the_first_wins_and_the_others_see_it()
    {
        var name = Api.Unique("同时登记的客户有限公司");
        var attempts = await Task.WhenAll(Enumerable.Range(1, 6).Select(async i =>
        {
            using var rep = fixture.Rep($"rep-race-{i}");
            return await rep.PostAsJsonAsync("/api/customers", new { name, kind = "agent", region = "华东" });
        }));

        var created = Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Created);
        var winner = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var refused in attempts.Where(r => r != created))
        {
            var problem = await refused.ProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal(winner, problem.GetProperty("duplicates")[0].GetProperty("id").GetGuid());
        }
    }

    private static string FullWidth(string text) => string.Concat(text.Select(c => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c));
}
