namespace Crm.AfterSales.Tests;

/// <summary>
/// Returns and exchanges: the window of the contract in force on the sale date (from the contract events), else the
/// branch default; a manager's override; never more than was sold and not yet returned, even at the same moment.
/// The fixture's clock stands on 2026-03-16 (Shanghai).
/// </summary>
public sealed class ReturnsTests(AfterSalesFixture fixture) : IClassFixture<AfterSalesFixture>
{
    private static readonly DateOnly Today = new(2026, 3, 16);

    private async Task<(Guid Customer, Guid Contract)> CustomerWithContractAmendedOnMarch1Async()
    {
        var customer = await fixture.CustomerAsync();
        var contract = Guid.NewGuid();
        await fixture.DeliverAsync(new ContractSigned
        {
            CustomerId = customer, BranchId = AfterSalesFixture.Branch, OccurredAt = fixture.Now,
            ContractId = contract, Number = "SH-2026-0042", ContractVersion = 1,
            SignedOn = new DateOnly(2025, 12, 20), EffectiveOn = new DateOnly(2026, 1, 1), ExpiresOn = new DateOnly(2026, 12, 31),
            OwnerId = "rep-1", TotalAmount = 500_000m,
            Terms = new ContractTerms { ReturnWindowDays = 30, ExchangeWindowDays = 60, PaymentTermDays = 30 },
        });
        await fixture.DeliverAsync(new ContractAmended
        {
            CustomerId = customer, BranchId = AfterSalesFixture.Branch, OccurredAt = fixture.Now,
            ContractId = contract, Number = "SH-2026-0042", ContractVersion = 2,
            EffectiveOn = new DateOnly(2026, 3, 1), ExpiresOn = new DateOnly(2026, 12, 31),
            Terms = new ContractTerms { ReturnWindowDays = 7, ExchangeWindowDays = 10, PaymentTermDays = 30 },
        });
        return (customer, contract);
    }

    private static object Return(Guid customer, DateOnly soldOn, string kind = "return", decimal? amount = 300m, bool? @override = null, string? overrideReason = null) =>
        new { customerId = customer, kind, product = "洗衣粉", quantity = 3m, amount = kind == "return" ? amount : null, soldOn, reason = "包装破损", @override, overrideReason };

    [Fact]
    public async Task A_sale_before_the_mid_year_amendment_uses_the_old_window_and_one_after_it_the_new_one()
    {
        var (customer, contract) = await CustomerWithContractAmendedOnMarch1Async();
        using var afterSales = fixture.AfterSales();

        // Sold 2026-02-20 under version 1: 30 days, until 2026-03-22.
        var granted = await HttpAssertions.JsonAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns", Return(customer, new DateOnly(2026, 2, 20))), HttpStatusCode.Created);
        Assert.Equal(30, granted.GetProperty("windowDays").GetInt32());
        Assert.Equal(contract, granted.GetProperty("contract").GetProperty("id").GetGuid());
        Assert.Equal(1, granted.GetProperty("contract").GetProperty("version").GetInt32());

        // Sold 2026-03-05 under version 2: 7 days, ended 2026-03-12.
        var refused = await HttpAssertions.JsonAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns", Return(customer, new DateOnly(2026, 3, 5))), (HttpStatusCode)422);
        Assert.Equal("return-window", refused.GetProperty("rule").GetString());
        var detail = refused.GetProperty("detail").GetString()!;
        Assert.Contains("7 days", detail);
        Assert.Contains("SH-2026-0042 v2", detail);
        Assert.Contains("2026-03-12", detail);

        // The exchange window of version 2 (10 days) ended on 2026-03-15.
        var exchange = await HttpAssertions.JsonAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns", Return(customer, new DateOnly(2026, 3, 5), "exchange")), (HttpStatusCode)422);
        Assert.Equal("exchange-window", exchange.GetProperty("rule").GetString());
        Assert.Contains("10 days", exchange.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Outside_the_window_only_a_manager_may_override_with_a_written_reason_which_is_kept_and_published()
    {
        await using var approved = await RawSubscriber.BindAsync(fixture.Amqp, "crm.return-approved");
        var (customer, _) = await CustomerWithContractAmendedOnMarch1Async();
        var soldOn = new DateOnly(2026, 3, 5);
        using var afterSales = fixture.AfterSales();
        using var manager = fixture.Manager();

        Assert.Equal(HttpStatusCode.Forbidden,
            (await afterSales.PostAsJsonAsync("/api/aftersales/returns", Return(customer, soldOn, @override: true, overrideReason: "老客户"))).StatusCode);
        var noReason = await HttpAssertions.JsonAsync(await manager.PostAsJsonAsync("/api/aftersales/returns", Return(customer, soldOn, @override: true)), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("overrideReason", out _));

        var granted = await HttpAssertions.JsonAsync(await manager.PostAsJsonAsync("/api/aftersales/returns",
            Return(customer, soldOn, @override: true, overrideReason: "质量原因, 经理特批")), HttpStatusCode.Created);
        Assert.True(granted.GetProperty("override").GetBoolean());
        Assert.Equal("质量原因, 经理特批", granted.GetProperty("overrideReason").GetString());
        var stored = await HttpAssertions.JsonAsync(await afterSales.GetAsync($"/api/aftersales/returns/{granted.GetProperty("id").GetGuid()}"), HttpStatusCode.OK);
        Assert.Equal("质量原因, 经理特批", stored.GetProperty("overrideReason").GetString());

        var published = (await approved.NextAsync(m => m.GetProperty("returnId").GetGuid() == granted.GetProperty("id").GetGuid())).Message;
        Assert.True(published.GetProperty("override").GetBoolean());
        Assert.Equal("300", published.GetProperty("amount").GetString()); // events carry decimals as strings
        Assert.Equal(7, published.GetProperty("windowDays").GetInt32());
        Assert.Equal("SH-2026-0042", published.GetProperty("contract").GetProperty("number").GetString());
    }

    [Fact]
    public async Task Without_a_contract_the_branch_default_window_applies_and_the_refusal_names_it()
    {
        var customer = await fixture.CustomerAsync();
        using var afterSales = fixture.AfterSales();
        var granted = await HttpAssertions.JsonAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns", Return(customer, Today.AddDays(-7))), HttpStatusCode.Created);
        Assert.Equal(7, granted.GetProperty("windowDays").GetInt32());
        Assert.Equal(JsonValueKind.Null, granted.GetProperty("contract").ValueKind);

        var refused = await HttpAssertions.JsonAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns", Return(customer, Today.AddDays(-8))), (HttpStatusCode)422);
        Assert.Contains("branch default", refused.GetProperty("detail").GetString());
    }

    private async Task<(Guid Customer, Guid Sale)> SaleAsync(decimal quantity = 10m, decimal amount = 1000m)
    {
        var customer = await fixture.CustomerAsync();
        var sale = new SaleRecorded
        {
            CustomerId = customer, BranchId = AfterSalesFixture.Branch, OccurredAt = fixture.Now, EntryId = Guid.NewGuid(),
            Date = Today, Product = "洗衣粉", Specification = "500g", Quantity = quantity, Amount = amount, DueDate = Today.AddDays(30),
            BalanceAfter = amount, CreditLimit = 100_000m, Number = 1,
        };
        await fixture.DeliverAsync(sale);
        return (customer, sale.EntryId);
    }

    private static object OfSale(Guid customer, Guid sale, decimal quantity, string kind = "return") =>
        new { customerId = customer, kind, quantity, saleId = sale, reason = "受潮" };

    [Fact]
    public async Task A_return_of_a_recorded_sale_cannot_exceed_what_was_sold_and_not_yet_returned()
    {
        await using var approved = await RawSubscriber.BindAsync(fixture.Amqp, "crm.return-approved");
        var (customer, sale) = await SaleAsync();
        using var afterSales = fixture.AfterSales();

        var first = await HttpAssertions.JsonAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns", OfSale(customer, sale, 6)), HttpStatusCode.Created);
        Assert.Equal(600m, first.GetProperty("amount").GetDecimal());
        Assert.Equal("洗衣粉", first.GetProperty("product").GetString());
        var over = await HttpAssertions.JsonAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns", OfSale(customer, sale, 5)), (HttpStatusCode)422);
        Assert.Equal("over-return", over.GetProperty("rule").GetString());
        var overExchange = await HttpAssertions.JsonAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns", OfSale(customer, sale, 5, "exchange")), (HttpStatusCode)422);
        Assert.Equal("over-return", overExchange.GetProperty("rule").GetString());
        var rest = await HttpAssertions.JsonAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns", OfSale(customer, sale, 4)), HttpStatusCode.Created);
        Assert.Equal(400m, rest.GetProperty("amount").GetDecimal());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await afterSales.PostAsJsonAsync("/api/aftersales/returns", OfSale(customer, sale, 0.5m))).StatusCode);

        var published = (await approved.NextAsync(m => m.GetProperty("returnId").GetGuid() == first.GetProperty("id").GetGuid())).Message;
        Assert.Equal(sale, published.GetProperty("saleId").GetGuid());
        Assert.Equal("600", published.GetProperty("amount").GetString());
        Assert.Equal("return", published.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Concurrent_returns_of_the_same_sale_never_exceed_it()
    {
        var (customer, sale) = await SaleAsync(quantity: 10m, amount: 1000m);
        var clients = Enumerable.Range(0, 8).Select(i => fixture.AfterSales($"as-{i}")).ToList();
        var responses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync("/api/aftersales/returns", OfSale(customer, sale, 3))));
        foreach (var c in clients) c.Dispose();

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        var returned = await fixture.QueryAsync(db => db.Returns.Where(r => r.SaleId == sale).Select(r => r.Quantity).ToListAsync());
        Assert.Equal(9m, returned.Sum());
        Assert.Equal(9m, await fixture.QueryAsync(db => db.Sales.Where(s => s.EntryId == sale).Select(s => s.ReturnedQuantity).SingleAsync()));
    }

    [Fact]
    public async Task A_reversed_sale_cannot_be_returned()
    {
        var (customer, sale) = await SaleAsync();
        await fixture.DeliverAsync(new SaleRecorded
        {
            CustomerId = customer, BranchId = AfterSalesFixture.Branch, OccurredAt = fixture.Now, EntryId = Guid.NewGuid(), ReversesEntryId = sale,
            Date = Today, Product = "洗衣粉", Quantity = -10m, Amount = -1000m, DueDate = Today, Number = 2,
        });
        using var afterSales = fixture.AfterSales();
        var refused = await HttpAssertions.JsonAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns", OfSale(customer, sale, 1)), (HttpStatusCode)422);
        Assert.Equal("sale-reversed", refused.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_return_for_a_complaint_is_kept_on_the_complaint_s_timeline_and_only_after_sales_or_managers_grant_returns()
    {
        var (customer, sale) = await SaleAsync();
        using var afterSales = fixture.AfterSales();
        var complaint = await Api.OpenAsync(afterSales, customer);
        var granted = await HttpAssertions.JsonAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns",
            new { customerId = customer, kind = "repackage", quantity = 2m, saleId = sale, reason = "调换包装", complaintId = complaint.Id() }), HttpStatusCode.Created);
        Assert.Equal(0m, granted.GetProperty("amount").GetDecimal());
        var after = await Api.GetAsync(afterSales, complaint.Id());
        Assert.Equal("return-approved", after.Actions()[^1]);

        using var rep = fixture.Rep();
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsJsonAsync("/api/aftersales/returns", OfSale(customer, sale, 1))).StatusCode);
        var money = await HttpAssertions.JsonAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns",
            new { customerId = customer, kind = "exchange", quantity = 1m, amount = 100m, saleId = sale, reason = "换货" }), HttpStatusCode.BadRequest);
        Assert.True(money.GetProperty("errors").TryGetProperty("amount", out _));
    }
}
