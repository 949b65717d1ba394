using Crm.TestKit;

namespace Crm.Contracts.Tests;

/// <summary>The customers service and the contracts service together: the contracts' customer projection follows the real events.</summary>
public sealed class CustomersAndContractsSystem : ContractsSystem
{
    protected override string[] Services => ["customers", "contracts"];
}

public sealed class CustomersToContractsTests(CustomersAndContractsSystem contracts) : IClassFixture<CustomersAndContractsSystem>
{
    [Fact]
    public async Task A_customer_registered_and_reassigned_in_the_customers_service_moves_the_right_to_read_its_contracts()
    {
        using var rep = contracts.Rep("rep-1");
        var registered = await (await rep.Post("/api/customers", new { name = $"杭州联华超市 {Guid.NewGuid():N}"[..16], kind = "trading", region = "浙江" }))
            .JsonAsync(HttpStatusCode.Created);
        var customer = registered.GetProperty("id").GetGuid();
        await Eventually.Until(() => contracts.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == customer)), "contracts to know the customer");
        Assert.Equal("浙江", await contracts.QueryAsync(db => db.Customers.Where(c => c.Id == customer).Select(c => c.Region).SingleAsync()));

        var id = await contracts.SignedAsync(ContractsSystem.Draft(customer));
        using var manager = contracts.Approver("sales-admin-manager");
        await (await manager.Post($"/api/customers/{customer}/owner", new
        {
            ownerId = "rep-2", ownerName = "赵敏", reason = "区域调整 territory change", version = registered.GetProperty("version").GetInt64(),
        })).JsonAsync(HttpStatusCode.OK);
        await Eventually.Until(() => contracts.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == customer && c.OwnerId == "rep-2")), "contracts to follow the new owner");

        using var previous = contracts.Rep("rep-1");
        await (await previous.GetAsync($"/api/contracts/{id}")).ProblemAsync(HttpStatusCode.Forbidden);
        using var next = contracts.Rep("rep-2");
        var card = await (await next.GetAsync($"/api/contracts/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("rep-2", card.String("ownerId"));
        Assert.Equal(1, await contracts.AccessLogRowsAsync(id));
    }
}
