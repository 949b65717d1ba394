using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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
    public async Task The_same_tax_number_in_another_branch_is_a_409_naming_that_branch()
    {
        var taxNumber = TaxNumbers.New();
        using var shanghai = fixture.Rep("rep-tax-sh", "sh");
        var existing = await shanghai.RegisterAsync(Api.Unique("上海税号公司"), "华东", taxNumber);

        using var beijing = fixture.Rep("rep-tax-bj", "bj");
        var problem = await (await beijing.PostAsJsonAsync("/api/customers", new { name = Api.Unique("北京完全不同的名字"), kind = "trading", region = "华北", taxNumber }))
            .ProblemAsync(HttpStatusCode.Conflict);

        var candidate = Assert.Single(problem.GetProperty("duplicates").EnumerateArray());
        Assert.Equal(existing.Id, candidate.GetProperty("id").GetGuid());
        Assert.Equal("sh", candidate.Text("branchId"));
        Assert.Equal(["tax-number"], candidate.GetProperty("matchedOn").EnumerateArray().Select(m => m.GetString()));
        // The candidate is named, but the other branch's file itself stays out of reach.
        await (await beijing.GetAsync($"/api/customers/{existing.Id}")).ProblemAsync(HttpStatusCode.NotFound);
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
