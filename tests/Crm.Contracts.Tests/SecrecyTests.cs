using Crm.Events;

namespace Crm.Contracts.Tests;

/// <summary>
/// Custody and secrecy (专人管理, 商业秘密): contents only for the custodian, the owner rep and the sales administration
/// manager and above; every read of contents (card, document) leaves an access-log row, a refused one leaves none.
/// </summary>
public sealed class SecrecyTests(ContractsSystem contracts) : IClassFixture<ContractsSystem>
{
    [Fact]
    public async Task Every_entitled_read_is_logged_and_refused_reads_leave_no_row()
    {
        var customer = await contracts.RegisterCustomerAsync(owner: "rep-1");
        var id = await contracts.SignedAsync(ContractsSystem.Draft(customer));

        using var otherBranchRep = contracts.Rep("rep-1", "bj");
        using var otherBranchManager = contracts.Approver("sales-admin-manager", "bj");
        using var nonOwner = contracts.Rep("rep-2");
        using var marketing = contracts.Approver("marketing-manager");
        using var clerk = contracts.As("clerk-1", "sh", "inside-sales");
        foreach (var path in new[] { $"/api/contracts/{id}", $"/api/contracts/{id}/document" })
        {
            await (await otherBranchRep.GetAsync(path)).ProblemAsync(HttpStatusCode.NotFound);
            await (await otherBranchManager.GetAsync(path)).ProblemAsync(HttpStatusCode.NotFound);
            await (await nonOwner.GetAsync(path)).ProblemAsync(HttpStatusCode.Forbidden);
            await (await marketing.GetAsync(path)).ProblemAsync(HttpStatusCode.Forbidden);
            await (await clerk.GetAsync(path)).ProblemAsync(HttpStatusCode.Forbidden);
        }
        Assert.Equal(0, await contracts.AccessLogRowsAsync(id));

        var readers = new (string User, string[] Roles)[]
        {
            ("rep-1", ["sales-rep"]), ("custodian-sh", ["contract-custodian"]), ("sam-1", ["sales-admin-manager"]),
            ("vp-1", ["sales-vp"]), ("gm-1", ["sales-gm"]),
        };
        foreach (var (user, roles) in readers)
        {
            using var reader = contracts.As(user, "sh", roles);
            var card = await (await reader.GetAsync($"/api/contracts/{id}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("洗衣粉", card.GetProperty("sections").GetProperty("lines")[0].String("product"));
            Assert.Equal(50_000m, card.GetProperty("totals").GetProperty("amount").GetDecimal());
            Assert.Single(card.GetProperty("versions").EnumerateArray());
            var document = await reader.GetAsync($"/api/contracts/{id}/document");
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        }
        using (var groupGm = contracts.As("group-1", "hq", "group-gm"))
            await (await groupGm.GetAsync($"/api/contracts/{id}")).JsonAsync(HttpStatusCode.OK); // group-wide
        Assert.Equal(readers.Length * 2 + 1, await contracts.AccessLogRowsAsync(id));

        using var custodian = contracts.Custodian();
        var log = await (await custodian.GetAsync($"/api/contracts/{id}/access-log?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(readers.Length * 2 + 1, log.GetProperty("total").GetInt32());
        var rows = log.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(readers.Length + 1, rows.Count(r => r.String("what") == "card"));
        Assert.Equal(readers.Length, rows.Count(r => r.String("what") == "document"));
        Assert.Contains(rows, r => r.String("userId") == "rep-1" && r.String("roles") == "sales-rep");
        Assert.Equal(readers.Length * 2 + 1, await contracts.AccessLogRowsAsync(id)); // reading the log is not a read of the contents

        using (var owner = contracts.Rep("rep-1"))
            await (await owner.GetAsync($"/api/contracts/{id}/access-log")).ProblemAsync(HttpStatusCode.Forbidden);
        using (var sam = contracts.Approver("sales-admin-manager"))
            await (await sam.GetAsync($"/api/contracts/{id}/access-log")).JsonAsync(HttpStatusCode.OK);
        await (await otherBranchManager.GetAsync($"/api/contracts/{id}/access-log")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_rows_carry_no_contents_and_a_rep_lists_only_the_contracts_of_customers_they_own()
    {
        var mine = await contracts.RegisterCustomerAsync(owner: "rep-list");
        var theirs = await contracts.RegisterCustomerAsync(owner: "rep-other");
        var id = await contracts.SignedAsync(ContractsSystem.Draft(mine), owner: "rep-list");
        await contracts.CreateAsync(ContractsSystem.Draft(theirs), owner: "rep-other");

        using var rep = contracts.Rep("rep-list");
        var list = await (await rep.GetAsync("/api/contracts")).JsonAsync(HttpStatusCode.OK);
        var rows = list.GetProperty("items").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal(mine, r.GetProperty("customerId").GetGuid()));
        var row = Assert.Single(rows);
        foreach (var secret in new[] { "sections", "lines", "totals", "totalAmount", "parties", "versions" })
            Assert.False(row.TryGetProperty(secret, out _), $"a list row carries {secret}");
        Assert.DoesNotContain("洗衣粉", row.GetRawText());

        using var custodian = contracts.Custodian();
        var all = await (await custodian.GetAsync($"/api/contracts?customerId={theirs}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, all.GetProperty("total").GetInt32());
        Assert.Equal(0, await contracts.AccessLogRowsAsync(id)); // listing reads no contents
        await (await custodian.GetAsync("/api/contracts?status=lost")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_custodian_archives_a_signed_contract_with_its_version_and_the_list_filters_by_category()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var draft = await contracts.CreateAsync(ContractsSystem.Draft(customer));
        using var custodian = contracts.Custodian();
        await (await custodian.Put($"/api/contracts/custody/{draft.String("id")}", new { archiveNumber = "A-1", location = "柜 1", category = "经销", version = 1 })).ProblemAsync(HttpStatusCode.Conflict);

        var id = await contracts.SignedAsync(ContractsSystem.Draft(customer));
        var version = await contracts.QueryAsync(db => db.Contracts.Where(c => c.Id == id).Select(c => c.Version).SingleAsync());
        using (var rep = contracts.Rep())
            await (await rep.Put($"/api/contracts/custody/{id}", new { archiveNumber = "A-1", location = "柜 1", category = "经销", version })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await custodian.Put($"/api/contracts/custody/{id}", new { archiveNumber = "A-1", location = "柜 1", version })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await custodian.Put($"/api/contracts/custody/{id}", new { archiveNumber = "A-1", location = "柜 1", category = "经销", version = version - 1 })).ProblemAsync(HttpStatusCode.Conflict);
        var category = $"经销-{Guid.NewGuid():N}"[..10];
        var archived = await (await custodian.Put($"/api/contracts/custody/{id}", new { archiveNumber = "HT-2026-017", location = "档案室 3 号柜", category, version })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("HT-2026-017", archived.GetProperty("contract").String("archiveNumber"));

        var list = await (await custodian.GetAsync($"/api/contracts?category={Uri.EscapeDataString(category)}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var card = await (await custodian.GetAsync($"/api/contracts/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("档案室 3 号柜", card.GetProperty("custody").String("location"));
        Assert.Equal("custodian-sh", card.GetProperty("custody").String("custodianId"));
    }

    [Fact]
    public async Task A_reassigned_customer_s_new_owner_reads_its_contracts_and_the_previous_owner_no_longer_does()
    {
        var customer = await contracts.RegisterCustomerAsync(owner: "rep-old");
        var id = await contracts.SignedAsync(ContractsSystem.Draft(customer), owner: "rep-old");
        await contracts.PublishAndWaitAsync(new CustomerOwnerChanged
        {
            CustomerId = customer, BranchId = "sh", OccurredAt = ContractsSystem.Now, PreviousOwnerId = "rep-old", OwnerId = "rep-new",
            OwnerName = "新业务员", Reason = "调岗", ChangedBy = "sam-1",
        });
        using var previous = contracts.Rep("rep-old");
        await (await previous.GetAsync($"/api/contracts/{id}")).ProblemAsync(HttpStatusCode.Forbidden);
        using var next = contracts.Rep("rep-new");
        var card = await (await next.GetAsync($"/api/contracts/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("rep-new", card.String("ownerId"));

        await contracts.PublishAndWaitAsync(new CustomerChanged
        {
            CustomerId = customer, BranchId = "sh", OccurredAt = ContractsSystem.Now, Version = 5, Name = "更名后的客户", Region = "华北", Reason = "更名", ChangedBy = "rep-new",
        });
        var region = await contracts.QueryAsync(db => db.Customers.Where(c => c.Id == customer).Select(c => new { c.Name, c.Region }).SingleAsync());
        Assert.Equal(("更名后的客户", "华北"), (region.Name, region.Region));
    }

    [Fact]
    public async Task The_document_is_a_complete_print_ready_page_with_every_user_value_encoded()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var id = await contracts.SignedAsync(ContractsSystem.Draft(customer, product: "<script>alert('x')</script>", title: "经销合同 & <b>附件</b>"));
        using var custodian = contracts.Custodian();
        var response = await custodian.GetAsync($"/api/contracts/{id}/document");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        Assert.Contains("经销合同 &amp; &lt;b&gt;附件&lt;/b&gt;", html);
        Assert.Contains("@page { size: A4", html);
        foreach (var heading in new[] { "甲乙双方", "一、标的", "二、质量要求", "三、发送", "四、验收", "五、经营权限", "六、结账方式", "七、经销政策", "八、订、退货规定", "九、违约责任及纠纷处理", "十、签约", "十一、甲乙双方签署" })
            Assert.Contains(heading, html);
        Assert.Contains("华美日化集团SH分公司", html); // our party, from the settings
        Assert.Contains("上海华联贸易有限公司", html); // the customer's
        Assert.Contains("50,000.00", html);          // the total
        Assert.Contains("盖章", html);               // the signature block
        Assert.Equal(1, await contracts.QueryAsync(db => db.AccessLog.CountAsync(e => e.ContractId == id && e.What == "document")));
    }
}
