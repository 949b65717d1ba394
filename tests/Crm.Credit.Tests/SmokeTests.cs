using System.Net;

namespace Crm.Credit.Tests;

public sealed class SmokeTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    [Fact]
    public async Task A_sale_is_recorded()
    {
        var customer = await credit.RegisterCustomerAsync();
        using var clerk = credit.As("clerk-1", "sh", "inside-sales");
        var sale = await (await clerk.Post("/api/credit/sales", new { customerId = customer, date = "2026-11-01", product = "洗衣粉", specification = "500g", quantity = 10, amount = 1234.56m, dueDate = "2026-12-01" }))
            .Json(HttpStatusCode.Created);
        Assert.Equal(1234.56m, sale.Decimal("balanceAfter"));
        var account = await (await clerk.GetAsync($"/api/credit/accounts/{customer}")).Json(HttpStatusCode.OK);
        Assert.Equal(1234.56m, account.Decimal("balance"));
    }
}
