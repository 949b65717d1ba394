namespace Crm.Contracts.Tests;

/// <summary>Versions from a date (补充协议), renewal (续签) and the one function "which terms were in force on this date".</summary>
public sealed class VersionsAndTermsTests(ContractsSystem contracts) : IClassFixture<ContractsSystem>
{
    private async Task<JsonElement> TermsAsync(Guid customer, DateOnly on, string user = "after-sales-1", string role = "after-sales")
    {
        using var client = contracts.As(user, "sh", role);
        return await (await client.GetAsync($"/api/contracts/terms?customerId={customer}&on={on:yyyy-MM-dd}")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_amendment_changes_the_return_window_from_its_date_and_not_before()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var start = ContractsSystem.Today.AddDays(-60);
        var id = await contracts.SignedAsync(ContractsSystem.Draft(customer, effectiveOn: start, returnWindowDays: 7), signedOn: start);
        await using var amended = await contracts.SubscribeAsync("crm.contract-amended");
        var from = ContractsSystem.Today.AddDays(10);

        using var custodian = contracts.Custodian();
        using var rep = contracts.Rep();
        await (await rep.Post($"/api/contracts/{id}/amend", new { effectiveOn = from, ordering = new { returnWindowDays = 30, exchangeWindowDays = 20 } })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await custodian.Post($"/api/contracts/{id}/amend", new { effectiveOn = from })).ProblemAsync(HttpStatusCode.BadRequest); // nothing changed
        await (await custodian.Post($"/api/contracts/{id}/amend", new { effectiveOn = start, ordering = new { returnWindowDays = 30, exchangeWindowDays = 20 } })).ProblemAsync(HttpStatusCode.BadRequest);
        var answer = await (await custodian.Post($"/api/contracts/{id}/amend", new
        {
            effectiveOn = from, reason = "补充协议一: 延长退货期", ordering = new { minimumOrder = 5000m, returnWindowDays = 30, exchangeWindowDays = 20 },
        })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, answer.GetProperty("contract").GetProperty("contractVersion").GetInt32());

        var before = await TermsAsync(customer, from.AddDays(-1));
        Assert.Equal(7, before.GetProperty("returnWindowDays").GetInt32());
        Assert.Equal(1, before.GetProperty("contract").GetProperty("version").GetInt32());
        var after = await TermsAsync(customer, from);
        Assert.Equal(30, after.GetProperty("returnWindowDays").GetInt32());
        Assert.Equal(20, after.GetProperty("exchangeWindowDays").GetInt32());
        Assert.Equal(2, after.GetProperty("contract").GetProperty("version").GetInt32());
        Assert.Equal(id, after.GetProperty("contract").GetProperty("id").GetGuid());
        Assert.Equal(30, after.GetProperty("paymentTermDays").GetInt32());
        Assert.Equal("credit", after.String("settlementType"));
        Assert.Equal(["洗衣粉"], after.GetProperty("productLines").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["华东"], after.GetProperty("territories").EnumerateArray().Select(p => p.GetString()));
        Assert.False(after.TryGetProperty("lines", out _));   // no prices
        Assert.False(after.TryGetProperty("parties", out _)); // no parties' data

        var message = (await amended.NextAsync(m => m.GetProperty("contractId").GetGuid() == id)).Message;
        Assert.Equal(2, message.GetProperty("contractVersion").GetInt32());
        Assert.Equal(from.ToString("yyyy-MM-dd"), message.String("effectiveOn"));
        Assert.Equal("amendment", message.String("reason"));
        Assert.Equal(30, message.GetProperty("terms").GetProperty("returnWindowDays").GetInt32());

        // An earlier date than the latest version's cannot be amended into the past.
        await (await custodian.Post($"/api/contracts/{id}/amend", new { effectiveOn = from.AddDays(-1), ordering = new { returnWindowDays = 1, exchangeWindowDays = 1 } })).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task No_terms_before_the_effective_date_after_expiry_or_from_the_termination_date()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var none = await TermsAsync(customer, ContractsSystem.Today);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("contract").ValueKind);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("returnWindowDays").ValueKind);
        Assert.Empty(none.GetProperty("productLines").EnumerateArray());

        var start = ContractsSystem.Today.AddDays(-100);
        var end = ContractsSystem.Today.AddDays(100);
        var id = await contracts.SignedAsync(ContractsSystem.Draft(customer, effectiveOn: start, expiresOn: end), signedOn: start);
        Assert.Equal(JsonValueKind.Null, (await TermsAsync(customer, start.AddDays(-1))).GetProperty("contract").ValueKind);
        Assert.Equal(id, (await TermsAsync(customer, start)).GetProperty("contract").GetProperty("id").GetGuid());
        Assert.Equal(id, (await TermsAsync(customer, end)).GetProperty("contract").GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, (await TermsAsync(customer, end.AddDays(1))).GetProperty("contract").ValueKind);

        using var sam = contracts.Approver("sales-admin-manager");
        await (await sam.Post($"/api/contracts/{id}/terminate", new { reason = "双方协商终止", terminatedOn = ContractsSystem.Today })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, (await TermsAsync(customer, ContractsSystem.Today.AddDays(-1))).GetProperty("contract").GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, (await TermsAsync(customer, ContractsSystem.Today)).GetProperty("contract").ValueKind);

        // Another branch's staff learn nothing of it.
        using var elsewhere = contracts.As("after-sales-bj", "bj", "after-sales");
        var theirs = await (await elsewhere.GetAsync($"/api/contracts/terms?customerId={customer}&on={ContractsSystem.Today.AddDays(-1):yyyy-MM-dd}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("contract").ValueKind);
        await (await elsewhere.GetAsync("/api/contracts/terms")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Renewal_creates_the_successor_draft_for_the_next_term_linked_both_ways_and_its_signing_names_the_predecessor()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var start = new DateOnly(2026, 1, 1);
        var id = await contracts.SignedAsync(ContractsSystem.Draft(customer, effectiveOn: start, expiresOn: new DateOnly(2026, 12, 31)), signedOn: start);
        using var rep = contracts.Rep();
        using var stranger = contracts.Rep("rep-9");
        await (await stranger.Post($"/api/contracts/{id}/renew", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        var renewal = await (await rep.Post($"/api/contracts/{id}/renew", new { })).JsonAsync(HttpStatusCode.Created);
        var successor = renewal.GetProperty("contract");
        var successorId = successor.GetProperty("id").GetGuid();
        Assert.Equal("draft", successor.String("state"));
        Assert.Equal(id, successor.GetProperty("renewsContractId").GetGuid());
        Assert.Equal("2027-01-01", successor.String("effectiveOn"));
        Assert.Equal("2027-12-31", successor.String("expiresOn"));
        Assert.NotEqual(JsonValueKind.Null, successor.GetProperty("number").ValueKind);
        await (await rep.Post($"/api/contracts/{id}/renew", new { })).ProblemAsync(HttpStatusCode.Conflict); // renewed once

        using var custodian = contracts.Custodian();
        var predecessor = await (await custodian.GetAsync($"/api/contracts/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(successorId, predecessor.GetProperty("renewedByContractId").GetGuid());

        await using var signed = await contracts.SubscribeAsync("crm.contract-signed");
        await (await rep.Post($"/api/contracts/{successorId}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        using var sam = contracts.Approver("sales-admin-manager");
        await (await sam.Post($"/api/contracts/{successorId}/approve", new { })).JsonAsync(HttpStatusCode.OK);
        await (await custodian.Post($"/api/contracts/{successorId}/sign", new { signedOn = ContractsSystem.Today })).JsonAsync(HttpStatusCode.OK);
        var message = (await signed.NextAsync(m => m.GetProperty("contractId").GetGuid() == successorId)).Message;
        Assert.Equal(id, message.GetProperty("renewsContractId").GetGuid());
        Assert.Equal("2027-01-01", message.String("effectiveOn"));

        Assert.Equal(id, (await TermsAsync(customer, new DateOnly(2026, 12, 31))).GetProperty("contract").GetProperty("id").GetGuid());
        Assert.Equal(successorId, (await TermsAsync(customer, new DateOnly(2027, 1, 1))).GetProperty("contract").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Notice_against_auto_renewal_is_refused_after_the_notice_date()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var late = await contracts.SignedAsync(ContractsSystem.Draft(customer, effectiveOn: ContractsSystem.Today.AddDays(-300),
            expiresOn: ContractsSystem.Today.AddDays(20), autoRenew: true, noticeDays: 30), signedOn: ContractsSystem.Today.AddDays(-300));
        using var rep = contracts.Rep();
        var problem = await (await rep.Post($"/api/contracts/{late}/notice", new { })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("notice-too-late", problem.String("detail"));

        var inTime = await contracts.SignedAsync(ContractsSystem.Draft(customer, effectiveOn: ContractsSystem.Today.AddDays(-300),
            expiresOn: ContractsSystem.Today.AddDays(60), autoRenew: true, noticeDays: 30), signedOn: ContractsSystem.Today.AddDays(-300));
        var given = await (await rep.Post($"/api/contracts/{inTime}/notice", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(ContractsSystem.Today.ToString("yyyy-MM-dd"), given.GetProperty("contract").String("noticeGivenOn"));
        await (await rep.Post($"/api/contracts/{inTime}/notice", new { })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.NotNull(await contracts.QueryAsync(db => db.Contracts.Where(c => c.Id == inTime).Select(c => c.NoticeGivenOn).SingleAsync()));
    }
}
