namespace Crm.Contracts.Tests;

/// <summary>Approval by amount (按金额审批): 销售管理部经理 always, 销售副总 above threshold 1, 销售总经理 above threshold 2, in order.</summary>
public sealed class ApprovalStepsTests(ContractsSystem contracts) : IClassFixture<ContractsSystem>
{
    [Theory]
    [InlineData("100000", new[] { "sales-admin-manager" })]
    [InlineData("100000.01", new[] { "sales-admin-manager", "sales-vp" })]
    [InlineData("1000000", new[] { "sales-admin-manager", "sales-vp" })]
    [InlineData("1000000.01", new[] { "sales-admin-manager", "sales-vp", "sales-gm" })]
    public async Task The_steps_are_chosen_at_submit_from_the_branch_thresholds_by_total(string total, string[] expected)
    {
        var customer = await contracts.RegisterCustomerAsync();
        using var rep = contracts.Rep();
        var draft = await contracts.CreateAsync(new
        {
            customerId = customer,
            title = "门槛测试",
            lines = new[] { new { product = "洗衣粉", quantity = 1m, unitPrice = decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture) } },
            settlement = new { type = "prepay", paymentTermDays = 0 },
            ordering = new { returnWindowDays = 7, exchangeWindowDays = 7 },
            signing = new { effectiveOn = ContractsSystem.Today, expiresOn = ContractsSystem.Today.AddYears(1) },
        });
        var submitted = await (await rep.Post($"/api/contracts/{draft.String("id")}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(expected, submitted.GetProperty("steps").EnumerateArray().Select(s => s.String("role")));
    }

    [Fact]
    public async Task Steps_are_decided_in_order_by_the_role_of_the_current_step_only()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var id = (await contracts.CreateAsync(ContractsSystem.Draft(customer, total: 2_000_000m))).GetProperty("id").GetGuid();
        using var rep = contracts.Rep();
        await (await rep.Post($"/api/contracts/{id}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        using var sam = contracts.Approver("sales-admin-manager");
        using var vp = contracts.Approver("sales-vp");
        using var gm = contracts.Approver("sales-gm");
        using var marketing = contracts.Approver("marketing-manager");

        await (await rep.Post($"/api/contracts/{id}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);       // route role
        await (await marketing.Post($"/api/contracts/{id}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden); // not an approver
        await (await vp.Post($"/api/contracts/{id}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);        // not yet its step
        await (await gm.Post($"/api/contracts/{id}/reject", new { reason = "太早" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await sam.Post($"/api/contracts/{id}/approve", new { })).JsonAsync(HttpStatusCode.OK);
        await (await sam.Post($"/api/contracts/{id}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict);      // its step is decided
        await (await gm.Post($"/api/contracts/{id}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        var afterVp = await (await vp.Post($"/api/contracts/{id}/approve", new { comment = "同意" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("sales-gm", afterVp.GetProperty("contract").String("awaitingRole"));
        Assert.Equal("submitted", afterVp.GetProperty("contract").String("state"));
        var done = await (await gm.Post($"/api/contracts/{id}/approve", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("approved", done.GetProperty("contract").String("state"));
        Assert.Equal(["sales-admin-manager-sh", "sales-vp-sh", "sales-gm-sh"], done.GetProperty("steps").EnumerateArray().Select(s => s.String("decidedBy")));
        await (await gm.Post($"/api/contracts/{id}/reject", new { reason = "晚了" })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_approver_of_another_branch_does_not_find_the_contract()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var id = (await contracts.CreateAsync(ContractsSystem.Draft(customer))).GetProperty("id").GetGuid();
        using var rep = contracts.Rep();
        await (await rep.Post($"/api/contracts/{id}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        using var elsewhere = contracts.Approver("sales-admin-manager", "bj");
        await (await elsewhere.Post($"/api/contracts/{id}/approve", new { })).ProblemAsync(HttpStatusCode.NotFound);
    }
}
