namespace Crm.Customers.Tests;

/// <summary>客户开发: a rep files, a marketing manager approves (the customer is opened, owned by the rep) or rejects with a reason.</summary>
public sealed class DevelopmentApplicationTests(CustomersFixture fixture) : IClassFixture<CustomersFixture>
{
    [Fact]
    public async Task An_approved_application_opens_the_customer_owned_by_the_applicant_and_announces_it()
    {
        await using var subscriber = await fixture.SubscribeAsync("crm.customer-registered");
        using var rep = fixture.As("rep-dev", "sh", "sales-rep");
        var name = Api.Unique("待开发的经销商");
        var filed = await (await rep.PostAsJsonAsync("/api/customers/development-applications", new
        {
            name, kind = "agent", region = "华东", route = "R-03", category = "important", taxNumber = TaxNumbers.New(),
            contacts = new[] { new { name = "钱八", mobile = "13712345678" } },
            reason = "区域空白, 年销量预计 300 万",
        })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("pending", filed.Text("state"));
        var applicationId = filed.GetProperty("id").GetGuid();

        using var manager = fixture.As("mm-dev", "sh", "marketing-manager");
        var approved = await (await manager.PostAsJsonAsync($"/api/customers/development-applications/{applicationId}/approve", new { comment = "同意开发" }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved.Text("state"));
        Assert.Equal("mm-dev", approved.Text("decidedBy"));
        var customerId = approved.GetProperty("customerId").GetGuid();

        var card = await rep.CardAsync(customerId);
        Assert.Equal(name, card.Text("name"));
        Assert.Equal("rep-dev", card.Text("ownerId"));
        Assert.Equal("rep-dev", card.Text("registeredBy"));
        Assert.Equal("important", card.Text("category"));
        Assert.Equal("钱八", card.GetProperty("contacts")[0].Text("name"));
        Assert.Equal(approved.Text("customerCode"), card.Text("code"));
        var entry = (await rep.HistoryAsync(customerId)).GetProperty("items")[0];
        Assert.Equal("mm-dev", entry.Text("by"));
        Assert.Contains("同意开发", entry.Text("reason"));

        var registered = (await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == customerId)).Message;
        Assert.Equal("development-application", registered.Text("source"));
        Assert.Equal("rep-dev", registered.Text("ownerId"));
        Assert.Equal("R-03", registered.Text("route"));

        await (await manager.PostAsJsonAsync($"/api/customers/development-applications/{applicationId}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await manager.PostAsJsonAsync($"/api/customers/development-applications/{applicationId}/reject", new { reason = "x" })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_rejection_keeps_its_reason_and_opens_nothing()
    {
        using var rep = fixture.As("rep-reject", "sh", "sales-rep");
        var name = Api.Unique("被驳回的申请");
        var filed = await FileAsync(rep, name);
        using var manager = fixture.As("mm-reject", "sh", "marketing-manager");

        Assert.Equal(["reason"], await (await manager.PostAsJsonAsync($"/api/customers/development-applications/{filed}/reject", new { })).FieldErrorsAsync());
        var rejected = await (await manager.PostAsJsonAsync($"/api/customers/development-applications/{filed}/reject", new { reason = "资信不足, 半年后再议" }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal("rejected", rejected.Text("state"));
        Assert.Equal("资信不足, 半年后再议", rejected.Text("decisionNote"));
        Assert.Null(rejected.Text("customerId"));
        var again = await (await rep.GetAsync($"/api/customers/development-applications/{filed}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("资信不足, 半年后再议", again.Text("decisionNote"));
        await (await manager.PostAsJsonAsync($"/api/customers/development-applications/{filed}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict);
        var list = await (await rep.GetAsync($"/api/customers?search={Uri.EscapeDataString(name)}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Only_a_sales_rep_files_and_only_a_marketing_manager_of_the_branch_decides()
    {
        using var insideSales = fixture.As("is-dev", "sh", "inside-sales");
        await (await insideSales.PostAsJsonAsync("/api/customers/development-applications",
            new { name = Api.Unique("内勤申请"), kind = "agent", region = "华东", reason = "x" })).ProblemAsync(HttpStatusCode.Forbidden);

        using var rep = fixture.As("rep-roles-dev", "sh", "sales-rep");
        var filed = await FileAsync(rep, Api.Unique("角色申请"));
        await (await rep.PostAsJsonAsync($"/api/customers/development-applications/{filed}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        using var salesAdmin = fixture.As("sam-dev", "sh", "sales-admin-manager");
        await (await salesAdmin.PostAsJsonAsync($"/api/customers/development-applications/{filed}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        using var otherBranch = fixture.As("mm-bj", "bj", "marketing-manager");
        await (await otherBranch.PostAsJsonAsync($"/api/customers/development-applications/{filed}/approve", new { })).ProblemAsync(HttpStatusCode.NotFound);

        using var bothRoles = fixture.As("rep-and-mm", "sh", "sales-rep", "marketing-manager");
        var own = await FileAsync(bothRoles, Api.Unique("自批申请"));
        var problem = await (await bothRoles.PostAsJsonAsync($"/api/customers/development-applications/{own}/approve", new { }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("separation-of-duties", problem.Text("rule"));
        var rejection = await (await bothRoles.PostAsJsonAsync($"/api/customers/development-applications/{own}/reject", new { reason = "自己驳回" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("separation-of-duties", rejection.Text("rule"));

        Assert.Equal(["kind", "reason"], await (await rep.PostAsJsonAsync("/api/customers/development-applications",
            new { name = Api.Unique("缺字段"), region = "华东" })).FieldErrorsAsync());
    }

    [Fact]
    public async Task A_rep_sees_their_own_applications_and_a_manager_sees_the_branchs()
    {
        using var first = fixture.As("rep-list-1", "cq", "sales-rep");
        using var second = fixture.As("rep-list-2", "cq", "sales-rep");
        await FileAsync(first, Api.Unique("甲的申请"), "西南");
        await FileAsync(second, Api.Unique("乙的申请"), "西南");

        var own = await (await first.GetAsync("/api/customers/development-applications")).JsonAsync(HttpStatusCode.OK);
        Assert.All(own.GetProperty("items").EnumerateArray(), a => Assert.Equal("rep-list-1", a.Text("filedBy")));
        using var manager = fixture.As("mm-list", "cq", "marketing-manager");
        var all = await (await manager.GetAsync("/api/customers/development-applications?state=pending")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, all.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Filing_a_duplicate_is_a_409_and_the_customer_registered_first_wins_at_approval()
    {
        using var rep = fixture.As("rep-dev-dup", "sh", "sales-rep");
        var existing = Api.Unique("已有客户有限公司");
        await rep.RegisterAsync(existing);
        var onFile = await (await rep.PostAsJsonAsync("/api/customers/development-applications",
            new { name = existing, kind = "agent", region = "华东", reason = "x" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("customer", onFile.GetProperty("duplicates")[0].Text("type"));

        var prospect = $"{Api.Unique("两人同时开发")}有限公司";
        await FileAsync(rep, prospect);
        using var colleague = fixture.As("rep-dev-dup-2", "sh", "sales-rep");
        var pending = await (await colleague.PostAsJsonAsync("/api/customers/development-applications",
            new { name = prospect, kind = "agent", region = "华东", reason = "x" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("development-application", pending.GetProperty("duplicates")[0].Text("type"));

        // Meanwhile someone registers the prospect directly: at approval, the file registered first wins.
        var raced = $"{Api.Unique("审批前已被登记")}有限公司";
        var application = await FileAsync(rep, raced);
        using var other = fixture.As("rep-direct", "sh", "sales-rep");
        var direct = await other.RegisterAsync(raced.Replace("有限公司", "", StringComparison.Ordinal));
        using var manager = fixture.As("mm-dev-dup", "sh", "marketing-manager");
        var conflict = await (await manager.PostAsJsonAsync($"/api/customers/development-applications/{application}/approve", new { }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(direct.Id, conflict.GetProperty("duplicates")[0].GetProperty("id").GetGuid());
        Assert.Equal("pending", (await (await manager.GetAsync($"/api/customers/development-applications/{application}")).JsonAsync(HttpStatusCode.OK)).Text("state"));
    }

    private static async Task<Guid> FileAsync(HttpClient rep, string name, string region = "华东") =>
        (await (await rep.PostAsJsonAsync("/api/customers/development-applications", new { name, kind = "agent", region, reason = "开发新客户" }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
}
