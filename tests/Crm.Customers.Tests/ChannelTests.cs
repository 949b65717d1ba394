namespace Crm.Customers.Tests;

/// <summary>The channel tree (渠道): outlets under their distributor, its rules, its view, and its CSV columns.</summary>
public sealed class ChannelTests(CustomersFixture fixture) : IClassFixture<CustomersFixture>
{
    [Fact]
    public async Task A_tree_three_levels_deep_is_counted_by_tier_region_depth_and_month()
    {
        await using var registered = await fixture.SubscribeAsync("crm.customer-registered");
        await using var changed = await fixture.SubscribeAsync("crm.customer-changed");
        using var rep = fixture.Rep("rep-channel", "ch3");
        var distributor = await rep.RegisterAsync(Api.Unique("总经销"), "上海");
        var w1 = await Outlet(rep, "二批甲", "上海", distributor.Id, "wholesaler");
        var w2 = await Outlet(rep, "二批乙", "苏州", distributor.Id, "wholesaler");
        var r1 = await Outlet(rep, "零售一", "上海", w1.Id, "retail");
        var r2 = await Outlet(rep, "零售二", "上海", w1.Id, "retail");
        var r3 = await Outlet(rep, "零售三", "苏州", w2.Id, "retail");
        var o1 = await Outlet(rep, "其他一", "上海", r1.Id, null); // an outlet without a tier is "other"

        var announced = (await registered.NextAsync(m => m.GetProperty("customerId").GetGuid() == w2.Id)).Message;
        Assert.Equal(distributor.Id, announced.GetProperty("parentId").GetGuid());
        Assert.Equal("wholesaler", announced.Text("outletTier"));
        var card = await rep.CardAsync(o1.Id);
        Assert.Equal(r1.Id, card.GetProperty("parentId").GetGuid());
        Assert.Equal("other", card.Text("outletTier"));

        var r2Version = (await rep.CardAsync(r2.Id)).GetProperty("version").GetInt64();
        await (await rep.PostAsJsonAsync($"/api/customers/{r2.Id}/status", new { status = "lost", reason = "关店", version = r2Version })).JsonAsync(HttpStatusCode.OK);

        var view = await Channel(rep, distributor.Id, "?pageSize=2");
        Assert.Equal(6, view.GetProperty("totalOutlets").GetInt32());
        Assert.Equal(5, view.GetProperty("activeOutlets").GetInt32());
        Assert.Equal(3, view.GetProperty("depth").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["wholesaler"] = 2, ["retail"] = 3, ["other"] = 1 },
            view.GetProperty("byTier").EnumerateArray().ToDictionary(t => t.Text("tier")!, t => t.GetProperty("outlets").GetInt32()));
        Assert.Equal("二批", view.GetProperty("byTier")[0].Text("label"));
        Assert.Equal(2, view.GetProperty("byTier").EnumerateArray().Single(t => t.Text("tier") == "retail").GetProperty("active").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["上海"] = 4, ["苏州"] = 2 },
            view.GetProperty("byRegion").EnumerateArray().ToDictionary(t => t.Text("region")!, t => t.GetProperty("outlets").GetInt32()));
        Assert.Equal([(1, 2), (2, 3), (3, 1)],
            view.GetProperty("byDepth").EnumerateArray().Select(d => (d.GetProperty("depth").GetInt32(), d.GetProperty("outlets").GetInt32())));
        var thisMonth = view.GetProperty("months").EnumerateArray().Last();
        Assert.Equal(DateTime.UtcNow.AddHours(8).ToString("yyyy-MM"), thisMonth.Text("month"));
        Assert.Equal((6, 1), (thisMonth.GetProperty("new").GetInt32(), thisMonth.GetProperty("lost").GetInt32()));
        Assert.Equal(12, view.GetProperty("months").GetArrayLength());
        var page = view.GetProperty("outlets");
        Assert.Equal((6, 2), (page.GetProperty("total").GetInt32(), page.GetProperty("items").GetArrayLength()));
        Assert.All(page.GetProperty("items").EnumerateArray(), o => Assert.Equal(1, o.GetProperty("depth").GetInt32()));

        // A subtree is a channel too; filters narrow the list, not the counts.
        var underW1 = await Channel(rep, w1.Id, "?tier=retail");
        Assert.Equal(3, underW1.GetProperty("totalOutlets").GetInt32());
        Assert.Equal(2, underW1.GetProperty("outlets").GetProperty("total").GetInt32());
        Assert.Equal(0, (await Channel(rep, o1.Id, "")).GetProperty("totalOutlets").GetInt32());

        // Moving an outlet is an edit of its card: history and crm.customer-changed carry the new parent.
        var r3Card = await rep.CardAsync(r3.Id);
        await (await rep.PutAsJsonAsync($"/api/customers/{r3.Id}", new
        {
            name = r3Card.Text("name"), kind = "agent", region = "苏州", parentId = w1.Id, outletTier = "retail",
            version = r3Card.GetProperty("version").GetInt64(), changeReason = "改由二批甲供货",
        })).JsonAsync(HttpStatusCode.OK);
        var moved = (await changed.NextAsync(m => m.GetProperty("customerId").GetGuid() == r3.Id)).Message;
        Assert.Equal(w1.Id, moved.GetProperty("parentId").GetGuid());
        var history = await rep.HistoryAsync(r3.Id);
        var change = history.GetProperty("items").EnumerateArray().SelectMany(e => e.GetProperty("changes").EnumerateArray())
            .Single(c => c.Text("field") == "parentId" && c.Text("from") is not null);
        Assert.Equal((w2.Id.ToString(), w1.Id.ToString()), (change.Text("from"), change.Text("to")));
        Assert.Equal(4, (await Channel(rep, w1.Id, "")).GetProperty("totalOutlets").GetInt32());
    }

    [Fact]
    public async Task A_cycle_a_cross_branch_parent_and_an_unknown_parent_are_refused_with_the_rule_named()
    {
        using var rep = fixture.Rep("rep-cycle", "cyc");
        var top = await rep.RegisterAsync(Api.Unique("顶层经销商"), "杭州");
        var middle = await Outlet(rep, "中间二批", "杭州", top.Id, "wholesaler");
        var bottom = await Outlet(rep, "底层终端", "杭州", middle.Id, "retail");

        var topCard = await rep.CardAsync(top.Id);
        var cycle = await (await rep.PutAsJsonAsync($"/api/customers/{top.Id}", new
        {
            name = topCard.Text("name"), kind = "agent", region = "杭州", parentId = bottom.Id,
            version = topCard.GetProperty("version").GetInt64(), changeReason = "试图成环",
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("channel-no-cycle", cycle.Text("rule"));
        var self = await (await rep.PutAsJsonAsync($"/api/customers/{top.Id}", new
        {
            name = topCard.Text("name"), kind = "agent", region = "杭州", parentId = top.Id,
            version = topCard.GetProperty("version").GetInt64(), changeReason = "自己",
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("channel-no-cycle", self.Text("rule"));
        Assert.Null((await rep.CardAsync(top.Id)).Text("parentId"));

        using var otherBranch = fixture.Rep("rep-cycle-bj", "cyc-bj");
        var foreign = await otherBranch.RegisterAsync(Api.Unique("北京经销商"), "北京");
        var crossBranch = await (await rep.PostAsJsonAsync("/api/customers", new
        {
            name = Api.Unique("跨分公司网点"), kind = "other", region = "杭州", parentId = foreign.Id, outletTier = "retail",
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("channel-parent-same-branch", crossBranch.Text("rule"));
        Assert.DoesNotContain("北京", crossBranch.GetRawText());
        // A group-wide caller sees both branches and is refused all the same.
        using var groupGm = fixture.As("ggm-cycle", "hq", "group-gm");
        var bottomCard = await groupGm.CardAsync(bottom.Id);
        var gmMove = await (await groupGm.PutAsJsonAsync($"/api/customers/{bottom.Id}", new
        {
            name = bottomCard.Text("name"), kind = "agent", region = "杭州", parentId = foreign.Id, outletTier = "retail",
            version = bottomCard.GetProperty("version").GetInt64(), changeReason = "跨分公司",
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("channel-parent-same-branch", gmMove.Text("rule"));
        var unknown = await (await rep.PostAsJsonAsync("/api/customers", new
        {
            name = Api.Unique("无上级网点"), kind = "other", region = "杭州", parentId = Guid.NewGuid(),
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("channel-parent-same-branch", unknown.Text("rule"));
        Assert.Equal(["outletTier"], await (await rep.PostAsJsonAsync("/api/customers", new
        {
            name = Api.Unique("无上级有层级"), kind = "other", region = "杭州", outletTier = "retail",
        })).FieldErrorsAsync());
        Assert.Equal(2, (await Channel(rep, top.Id, "")).GetProperty("totalOutlets").GetInt32());
    }

    [Fact]
    public async Task The_channel_is_part_of_the_distributors_file_for_everyone_entitled_to_it_and_no_one_else()
    {
        using var rep = fixture.Rep("rep-channel-access", "acc");
        var distributor = await rep.RegisterAsync(Api.Unique("权限经销商"), "南京");
        await Outlet(rep, "权限网点", "南京", distributor.Id, "retail");

        foreach (var role in new[] { "after-sales", "inside-sales", "marketing-manager", "contract-custodian" })
        {
            using var colleague = fixture.As($"{role}-acc", "acc", role);
            Assert.Equal(1, (await Channel(colleague, distributor.Id, "")).GetProperty("totalOutlets").GetInt32());
        }
        using var groupGm = fixture.As("ggm-acc", "hq", "group-gm");
        Assert.Equal(1, (await Channel(groupGm, distributor.Id, "")).GetProperty("totalOutlets").GetInt32());
        using var otherBranch = fixture.As("sam-other", "acc-other", "sales-admin-manager");
        await (await otherBranch.GetAsync($"/api/customers/{distributor.Id}/channel")).ProblemAsync(HttpStatusCode.NotFound);
        using var anonymous = new HttpClient { BaseAddress = rep.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/customers/{distributor.Id}/channel")).StatusCode);
        Assert.Equal(["from", "tier"], await (await rep.GetAsync($"/api/customers/{distributor.Id}/channel?tier=boss&from=2026-13")).FieldErrorsAsync());
    }

    [Fact]
    public async Task An_exported_channel_imports_into_another_branch_with_its_parents_by_code()
    {
        using var rep = fixture.Rep("rep-export-tree", "exp-a");
        var distributor = await rep.RegisterAsync(Api.Unique("导出经销商"), "合肥");
        var wholesaler = await Outlet(rep, "导出二批", "合肥", distributor.Id, "wholesaler");
        await Outlet(rep, "导出终端", "芜湖", wholesaler.Id, "retail");

        using var manager = fixture.As("sam-export-tree", "exp-a", "sales-admin-manager");
        var exported = Encoding.UTF8.GetString(await (await manager.GetAsync("/api/customers/export?headers=zh")).Content.ReadAsByteArrayAsync());
        var header = exported.TrimStart('\uFEFF').Split('\n')[0];
        Assert.Contains("上级客户编码", header);
        Assert.Contains("网点层级", header);
        Assert.Contains(distributor.Code, exported);
        Assert.Contains("二批", exported);

        // The same customers are on file in the other branch: the one moving them says so on every row (确认非重复).
        var lines = exported.TrimStart('\uFEFF').TrimEnd('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var reimport = string.Join("\n", [lines[0] + ",确认非重复,原因", .. lines.Skip(1).Select(l => l + ",是,迁往新分公司")]) + "\n";
        using var insideSales = fixture.As("is-import-tree", "exp-b", "inside-sales");
        var report = await (await insideSales.PostAsync("/api/customers/import", new StringContent(reimport, Encoding.UTF8, "text/csv")))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, report.GetProperty("imported").GetInt32());
        var imported = await (await insideSales.GetAsync("/api/customers?pageSize=10")).JsonAsync(HttpStatusCode.OK);
        var newDistributor = imported.GetProperty("items").EnumerateArray().Single(c => c.Text("name")!.StartsWith("导出经销商", StringComparison.Ordinal));
        var tree = await Channel(insideSales, newDistributor.GetProperty("id").GetGuid(), "");
        Assert.Equal((2, 2), (tree.GetProperty("totalOutlets").GetInt32(), tree.GetProperty("depth").GetInt32()));
        Assert.Equal([("wholesaler", 1), ("retail", 1), ("other", 0)],
            tree.GetProperty("byTier").EnumerateArray().Select(t => (t.Text("tier")!, t.GetProperty("outlets").GetInt32())));
        Assert.NotEqual(distributor.Code, newDistributor.Text("code"));

        // A parent code names a file of the branch, or a row of the file; anything else is the row's problem.
        var csv = $"客户名称,客户类型,地区,上级客户编码,网点层级\n{Api.Unique("新网点")},其他,合肥,{newDistributor.Text("code")},零售终端\n"
            + $"{Api.Unique("孤儿网点")},其他,合肥,{distributor.Code},零售终端\n"
            + $"{Api.Unique("环一")},其他,合肥,X2,零售终端\n";
        var dryRun = await (await insideSales.PostAsync("/api/customers/import?dryRun=true", new StringContent(csv, Encoding.UTF8, "text/csv")))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal([3, 4], dryRun.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("row").GetInt32()));
        Assert.All(dryRun.GetProperty("problems").EnumerateArray(), p => Assert.True(p.GetProperty("errors").TryGetProperty("parentCode", out _)));
        var cycle = "客户编号,客户名称,客户类型,地区,上级客户编码\nX1," + Api.Unique("环甲") + ",其他,合肥,X2\nX2," + Api.Unique("环乙") + ",其他,合肥,X1\n";
        var cycleRun = await (await insideSales.PostAsync("/api/customers/import?dryRun=true", new StringContent(cycle, Encoding.UTF8, "text/csv")))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, cycleRun.GetProperty("invalid").GetInt32());
        Assert.Contains("channel-no-cycle", cycleRun.GetRawText());
    }

    private static Task<Registered> Outlet(HttpClient client, string name, string region, Guid parentId, string? tier) =>
        client.RegisterAsync(new { name = Api.Unique(name), kind = "other", region, parentId, outletTier = tier });

    private static async Task<JsonElement> Channel(HttpClient client, Guid id, string query) =>
        await (await client.GetAsync($"/api/customers/{id}/channel{query}")).JsonAsync(HttpStatusCode.OK);
}
