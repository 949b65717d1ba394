namespace Crm.Credit.Tests;

/// <summary>The customers service and the credit service together, through the gateway and the broker.</summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private CrmSystem _system = null!;

    public async Task InitializeAsync() => _system = await CrmSystem.StartAsync(new CrmSystemOptions { Services = ["customers", "credit"] });

    public Task DisposeAsync() => _system.DisposeAsync().AsTask();

    [Fact]
    public async Task A_customer_registered_in_the_customers_service_can_buy_on_credit()
    {
        using var rep = _system.Gateway("rep-1", "sh", "sales-rep");
        var created = await (await rep.Post("/api/customers", new { name = "宁波海达贸易", kind = "trading", region = "华东" })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        await Eventually.Until(() => _system.QueryAsync("credit", db => db.Set<Crm.Credit.Model.Customer>().AnyAsync(c => c.Id == id)), "credit to know the customer");
        using var clerk = _system.Gateway("clerk-1", "sh", "inside-sales");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var sale = await (await clerk.Post("/api/credit/sales", new { customerId = id, date = today, product = "洗衣粉", quantity = 1, amount = 99.90m, dueDate = today.AddDays(30) }))
            .JsonAsync(HttpStatusCode.Created);

        Assert.Equal(99.90m, sale.Decimal("balanceAfter"));
        var account = await (await rep.GetAsync($"/api/credit/accounts/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(created.String("code"), account.String("code"));
        Assert.Equal("rep-1", account.String("ownerId"));
    }
}
