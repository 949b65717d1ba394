namespace Crm.Contracts.Tests;

/// <summary>Every action in a state that does not allow it is 409; every route refuses the roles it does not name (403).</summary>
public sealed class WrongStateAndRoleTests(ContractsSystem contracts) : IClassFixture<ContractsSystem>
{
    [Fact]
    public async Task Actions_on_a_draft_that_need_a_signed_contract_are_conflicts()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var id = (await contracts.CreateAsync(ContractsSystem.Draft(customer, autoRenew: true))).GetProperty("id").GetGuid();
        using var rep = contracts.Rep();
        using var sam = contracts.Approver("sales-admin-manager");
        using var custodian = contracts.Custodian();
        await (await custodian.Post($"/api/contracts/{id}/amend", new { effectiveOn = ContractsSystem.Today.AddDays(5), ordering = new { returnWindowDays = 1, exchangeWindowDays = 1 } })).ProblemAsync(HttpStatusCode.Conflict);
        await (await rep.Post($"/api/contracts/{id}/renew", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await rep.Post($"/api/contracts/{id}/notice", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await sam.Post($"/api/contracts/{id}/terminate", new { reason = "草稿不能终止" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await sam.Post($"/api/contracts/{id}/reject", new { reason = "未提交" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await custodian.Post($"/api/contracts/{id}/sign", new { signedOn = ContractsSystem.Today })).ProblemAsync(HttpStatusCode.Conflict);
        await (await custodian.Post($"/api/contracts/{Guid.NewGuid()}/sign", new { signedOn = ContractsSystem.Today })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_terminated_or_approved_contract_refuses_what_its_state_does_not_allow()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var approved = await contracts.ApprovedAsync(ContractsSystem.Draft(customer));
        using var rep = contracts.Rep();
        using var sam = contracts.Approver("sales-admin-manager");
        using var custodian = contracts.Custodian();
        await (await rep.Post($"/api/contracts/{approved}/submit", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await sam.Post($"/api/contracts/{approved}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await sam.Post($"/api/contracts/{approved}/terminate", new { reason = "未签约" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await custodian.Post($"/api/contracts/{approved}/sign", new { signedOn = ContractsSystem.Today.AddDays(1) })).ProblemAsync(HttpStatusCode.BadRequest); // in the future

        var signed = await contracts.SignedAsync(ContractsSystem.Draft(customer));
        await (await sam.Post($"/api/contracts/{signed}/terminate", new { reason = "违约", terminatedOn = ContractsSystem.Today.AddYears(2) })).ProblemAsync(HttpStatusCode.BadRequest); // outside the term
        await (await sam.Post($"/api/contracts/{signed}/terminate", new { reason = "违约" })).JsonAsync(HttpStatusCode.OK);
        await (await custodian.Post($"/api/contracts/{signed}/amend", new { effectiveOn = ContractsSystem.Today.AddDays(5), ordering = new { returnWindowDays = 1, exchangeWindowDays = 1 } })).ProblemAsync(HttpStatusCode.Conflict);
        await (await custodian.Post($"/api/contracts/{signed}/sign", new { signedOn = ContractsSystem.Today })).ProblemAsync(HttpStatusCode.Conflict);
        await (await rep.Post($"/api/contracts/{signed}/renew", new { })).ProblemAsync(HttpStatusCode.Conflict);
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { "POST", "/api/contracts", "after-sales" },
        { "POST", "/api/contracts", "inside-sales" },
        { "POST", "/api/contracts/{id}/submit", "inside-sales" },
        { "POST", "/api/contracts/{id}/approve", "contract-custodian" },
        { "POST", "/api/contracts/{id}/approve", "group-gm" },
        { "POST", "/api/contracts/{id}/reject", "marketing-manager" },
        { "POST", "/api/contracts/{id}/sign", "sales-rep" },
        { "POST", "/api/contracts/{id}/terminate", "contract-custodian" },
        { "POST", "/api/contracts/{id}/amend", "sales-rep" },
        { "POST", "/api/contracts/{id}/renew", "after-sales" },
        { "PUT", "/api/contracts/custody/{id}", "sales-admin-manager" },
        { "GET", "/api/contracts/{id}/access-log", "sales-rep" },
        { "GET", "/api/contracts/{id}/access-log", "marketing-manager" },
        { "GET", "/api/contracts/settings", "sales-rep" },
        { "PUT", "/api/contracts/settings", "contract-custodian" },
        { "PUT", "/api/contracts/templates/{id}", "sales-rep" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Routes_refuse_the_roles_they_do_not_name(string method, string route, string role)
    {
        using var client = contracts.As($"{role}-x", "sh", role);
        var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{id}", Guid.NewGuid().ToString()));
        if (method != "GET") request.Content = System.Net.Http.Json.JsonContent.Create(new { });
        await (await client.SendAsync(request)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_list_finds_the_contracts_expiring_within_a_number_of_days()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var soon = await contracts.SignedAsync(ContractsSystem.Draft(customer, effectiveOn: ContractsSystem.Today.AddDays(-300), expiresOn: ContractsSystem.Today.AddDays(20)),
            signedOn: ContractsSystem.Today.AddDays(-300));
        var later = await contracts.SignedAsync(ContractsSystem.Draft(customer, effectiveOn: ContractsSystem.Today.AddDays(-300), expiresOn: ContractsSystem.Today.AddDays(90)),
            signedOn: ContractsSystem.Today.AddDays(-300));
        using var custodian = contracts.Custodian();
        var within30 = await (await custodian.GetAsync($"/api/contracts?customerId={customer}&expiringWithinDays=30")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([soon], within30.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var within90 = await (await custodian.GetAsync($"/api/contracts?customerId={customer}&expiringWithinDays=90")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, within90.GetProperty("total").GetInt32());
        Assert.Contains(later, within90.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
    }
}
