namespace Crm.Credit.Tests;

/// <summary>The ledger (业务记录) over real HTTP through the gateway, on a real SQLite file.</summary>
public sealed class LedgerTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    private readonly HttpClient _clerk = credit.As("clerk-1", "sh", "inside-sales");

    private static object SaleBody(Guid customer, decimal amount, string date = "2026-11-01", string due = "2026-12-01", string product = "洗衣粉") =>
        new { customerId = customer, date, product, specification = "500g×20", quantity = 10, amount, dueDate = due };

    [Fact]
    public async Task A_sale_or_payment_for_a_customer_the_service_does_not_know_is_refused_by_rule()
    {
        var stranger = Guid.NewGuid();

        var sale = await (await _clerk.Post("/api/credit/sales", SaleBody(stranger, 100m))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var payment = await (await _clerk.Post("/api/credit/payments", new { customerId = stranger, date = "2026-11-01", amount = 100m })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("customer-unknown", sale.String("rule"));
        Assert.Contains("customer-unknown", payment.String("detail"));
        Assert.Equal(0, await credit.QueryAsync(db => db.LedgerEntries.IgnoreQueryFilters().CountAsync(e => e.CustomerId == stranger)));
    }

    [Fact]
    public async Task Another_branchs_customer_is_not_found()
    {
        var beijing = await credit.RegisterCustomerAsync("bj");

        await (await _clerk.Post("/api/credit/sales", SaleBody(beijing, 100m))).ProblemAsync(HttpStatusCode.NotFound);
        await (await _clerk.GetAsync($"/api/credit/accounts/{beijing}")).ProblemAsync(HttpStatusCode.NotFound);

        using var groupGm = credit.As("gm-1", "hq", "group-gm");
        await (await groupGm.GetAsync($"/api/credit/accounts/{beijing}")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Invalid_entries_are_refused_field_by_field_and_nothing_is_written()
    {
        var customer = await credit.RegisterCustomerAsync();

        var problem = await (await _clerk.Post("/api/credit/sales", new
        {
            customerId = customer,
            date = CreditSystem.Today.AddDays(1),
            product = "",
            quantity = -1,
            amount = 10.001m,
            dueDate = CreditSystem.Today,
        })).ProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "date", "product", "quantity", "amount", "dueDate" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        var payment = await (await _clerk.Post("/api/credit/payments", new { customerId = customer, amount = 0 })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(payment.GetProperty("errors").TryGetProperty("date", out _));
        Assert.True(payment.GetProperty("errors").TryGetProperty("amount", out _));
        Assert.Equal(0, await credit.QueryAsync(db => db.LedgerEntries.CountAsync(e => e.CustomerId == customer)));
    }

    [Fact]
    public async Task Only_inside_sales_records_sales_and_payments()
    {
        var customer = await credit.RegisterCustomerAsync();
        foreach (var role in new[] { "sales-rep", "sales-admin-manager", "group-gm", "admin" })
        {
            using var other = credit.As("u-" + role, "sh", role);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Post("/api/credit/sales", SaleBody(customer, 1m))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Post("/api/credit/payments", new { customerId = customer, date = "2026-11-01", amount = 1m })).StatusCode);
        }
    }

    /// <summary>
    /// Property: over a long random sequence of sales, payments and reversals, every answer's balanceAfter, the account,
    /// the events and a SUM in SQL all equal the balance kept here with decimals, to the cent.
    /// </summary>
    [Theory]
    [InlineData(11)]
    [InlineData(2026)]
    public async Task The_ledger_balances_to_the_cent_over_a_long_random_sequence(int seed)
    {
        var random = new Random(seed);
        var customer = await credit.RegisterCustomerAsync();
        await using var sales = await credit.SubscribeAsync("crm.sale-recorded");
        await using var payments = await credit.SubscribeAsync("crm.payment-received");
        decimal expected = 0;
        var reversible = new List<(Guid Id, string Kind, decimal Effect)>();
        var lastNumber = 0;

        for (var step = 0; step < 250; step++)
        {
            var date = CreditSystem.Today.AddDays(-random.Next(0, 365));
            var amount = random.Next(1, 5_000_000) / 100m;
            HttpResponseMessage response;
            var roll = random.Next(10);
            if (roll < 5)
            {
                response = await _clerk.Post("/api/credit/sales", SaleBody(customer, amount, date.ToString("yyyy-MM-dd"), date.AddDays(random.Next(0, 90)).ToString("yyyy-MM-dd")));
                expected += amount;
            }
            else if (roll < 8 || reversible.Count == 0)
            {
                response = await _clerk.Post("/api/credit/payments", new { customerId = customer, date, amount });
                expected -= amount;
            }
            else
            {
                var victim = reversible[random.Next(reversible.Count)];
                reversible.Remove(victim);
                response = await _clerk.Post($"/api/credit/{victim.Kind}s/{victim.Id}/reverse", new { reason = $"step {step}" });
                expected -= victim.Effect;
            }

            var entry = await response.JsonAsync(HttpStatusCode.Created);
            Assert.Equal(expected, entry.Decimal("balanceAfter"));
            Assert.Equal(++lastNumber, entry.GetProperty("number").GetInt32());
            if (entry.GetProperty("reversesEntryId").ValueKind == JsonValueKind.Null)
            {
                var kind = entry.String("kind")!;
                reversible.Add((entry.GetProperty("id").GetGuid(), kind, kind == "sale" ? entry.Decimal("amount") : -entry.Decimal("amount")));
            }
        }

        var account = await (await _clerk.GetAsync($"/api/credit/accounts/{customer}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(expected, account.Decimal("balance"));
        Assert.Equal(expected, account.Decimal("totalSales") - account.Decimal("totalPayments"));
        var inSql = await credit.QueryAsync(async db =>
            await db.Sales.Where(s => s.CustomerId == customer).SumAsync(s => s.Amount) - await db.Payments.Where(p => p.CustomerId == customer).SumAsync(p => p.Amount));
        Assert.Equal(expected, inSql);

        var lastEvent = await NextWithNumberAsync(lastNumber, sales, payments, customer);
        Assert.Equal(expected, lastEvent.Money("balanceAfter"));
    }

    private static async Task<JsonElement> NextWithNumberAsync(int number, TestKit.RawSubscriber sales, TestKit.RawSubscriber payments, Guid customer)
    {
        bool Match(JsonElement m) => m.GetProperty("customerId").GetGuid() == customer && m.GetProperty("number").GetInt32() == number;
        var first = await Task.WhenAny(sales.NextAsync(Match), payments.NextAsync(Match));
        return (await first).Message;
    }

    [Fact]
    public async Task Entries_recorded_at_once_for_one_customer_each_start_from_the_balance_the_one_before_left()
    {
        var customer = await credit.RegisterCustomerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(1, 16).Select(i => _clerk.Post("/api/credit/sales", SaleBody(customer, i))));

        var entries = await Task.WhenAll(responses.Select(r => r.JsonAsync(HttpStatusCode.Created)));
        Assert.Equal(Enumerable.Range(1, 16), entries.Select(e => e.GetProperty("number").GetInt32()).Order());
        Assert.All(entries, e => Assert.Equal(
            entries.Where(o => o.GetProperty("number").GetInt32() <= e.GetProperty("number").GetInt32()).Sum(o => o.Decimal("amount")),
            e.Decimal("balanceAfter")));
        var account = await (await _clerk.GetAsync($"/api/credit/accounts/{customer}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(136m, account.Decimal("balance"));
    }

    [Fact]
    public async Task Events_carry_the_balance_after_the_entry_and_the_credit_limit()
    {
        var customer = await credit.RegisterCustomerAsync();
        await using var sales = await credit.SubscribeAsync("crm.sale-recorded");
        await using var payments = await credit.SubscribeAsync("crm.payment-received");

        var sale = await (await _clerk.Post("/api/credit/sales", SaleBody(customer, 1500.50m))).JsonAsync(HttpStatusCode.Created);
        await (await _clerk.Post("/api/credit/payments", new { customerId = customer, date = "2026-11-02", amount = 500.25m, reference = "BANK-001" })).JsonAsync(HttpStatusCode.Created);

        var saleEvent = (await sales.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer)).Message;
        Assert.Equal(sale.String("id"), saleEvent.GetProperty("entryId").GetString());
        Assert.Equal(1500.50m, saleEvent.Money("amount"));
        Assert.Equal(1500.50m, saleEvent.Money("balanceAfter"));
        Assert.Equal(0m, saleEvent.Money("creditLimit"));
        Assert.Equal("2026-11-01", saleEvent.GetProperty("date").GetString());
        Assert.Equal("2026-12-01", saleEvent.GetProperty("dueDate").GetString());
        Assert.Equal("sh", saleEvent.GetProperty("branchId").GetString());
        var paymentEvent = (await payments.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer)).Message;
        Assert.Equal(1000.25m, paymentEvent.Money("balanceAfter"));
        Assert.Equal("BANK-001", paymentEvent.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task A_reversal_cancels_an_entry_once_and_is_itself_final()
    {
        var customer = await credit.RegisterCustomerAsync();
        var sale = await (await _clerk.Post("/api/credit/sales", SaleBody(customer, 800m))).JsonAsync(HttpStatusCode.Created);
        var saleId = sale.GetProperty("id").GetGuid();

        await (await _clerk.Post($"/api/credit/sales/{saleId}/reverse", new { })).ProblemAsync(HttpStatusCode.BadRequest); // a reason is required
        await (await _clerk.Post($"/api/credit/payments/{saleId}/reverse", new { reason = "wrong kind" })).ProblemAsync(HttpStatusCode.NotFound);
        var reversal = await (await _clerk.Post($"/api/credit/sales/{saleId}/reverse", new { reason = "数量录错 wrong quantity" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(-800m, reversal.Decimal("amount"));
        Assert.Equal(0m, reversal.Decimal("balanceAfter"));
        Assert.Equal("2026-11-01", reversal.String("date"));
        Assert.Equal(saleId, reversal.GetProperty("reversesEntryId").GetGuid());

        await (await _clerk.Post($"/api/credit/sales/{saleId}/reverse", new { reason = "again" })).ProblemAsync(HttpStatusCode.Conflict);
        var ofReversal = await (await _clerk.Post($"/api/credit/sales/{reversal.String("id")}/reverse", new { reason = "undo" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reversal-not-reversible", ofReversal.String("rule"));

        var entries = await (await _clerk.GetAsync($"/api/credit/accounts/{customer}/entries")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, entries.GetProperty("total").GetInt32());
        var first = entries.GetProperty("items")[0];
        Assert.Equal(reversal.String("id"), first.String("reversedByEntryId"));
        Assert.Equal([800m, 0m], entries.GetProperty("items").EnumerateArray().Select(e => e.Decimal("balanceAfter")));
    }

    [Fact]
    public async Task The_account_shows_a_hand_worked_on_time_rate_overdue_and_open_items()
    {
        var customer = await credit.RegisterCustomerAsync();
        // The hand-worked ledger of LedgerReplayTests: due 1,500.00, paid by the due dates 900.00 → 0.6; plus a
        // bounced payment and a mistaken sale, both reversed, which change nothing; plus one sale still open and overdue.
        await Sale(customer, 1000.00m, "2026-03-01", "2026-03-31");
        await Sale(customer, 500.00m, "2026-03-15", "2026-04-14");
        await Pay(customer, 600.00m, "2026-03-20");
        var bounced = await Pay(customer, 400.00m, "2026-03-25");
        await (await _clerk.Post($"/api/credit/payments/{bounced}/reverse", new { reason = "退票 bounced" })).JsonAsync(HttpStatusCode.Created);
        var mistaken = await Sale(customer, 2000.00m, "2026-03-05", "2026-03-20");
        await (await _clerk.Post($"/api/credit/sales/{mistaken}/reverse", new { reason = "录错客户 wrong customer" })).JsonAsync(HttpStatusCode.Created);
        await Pay(customer, 700.00m, "2026-04-10");
        await Pay(customer, 200.00m, "2026-05-01");
        await Sale(customer, 300.00m, "2026-10-01", "2026-10-31"); // falls due unpaid: the rate becomes 900 / 1,800 = 0.5

        var account = await (await _clerk.GetAsync($"/api/credit/accounts/{customer}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(0.5m, account.Decimal("onTimeRate"));
        var onTime = account.GetProperty("onTime");
        Assert.Equal(1800.00m, onTime.Decimal("amountDue"));
        Assert.Equal(900.00m, onTime.Decimal("paidByDueDate"));
        Assert.Equal("2025-12-01", onTime.String("from"));
        Assert.Equal("2026-11-30", onTime.String("to"));
        Assert.Equal(300.00m, account.Decimal("balance"));
        Assert.Equal(300.00m, account.Decimal("overdue"));
        Assert.Equal(-300.00m, account.Decimal("available"));
        Assert.True(account.GetProperty("overLimit").GetBoolean());
        Assert.Equal(Math.Round(1800.00m / 12, 2), account.Decimal("monthlyAverageSales"));
        Assert.Equal("2026-10-01", account.String("lastSaleOn"));
        Assert.Equal("2026-05-01", account.String("lastPaymentOn"));

        var open = await (await _clerk.GetAsync($"/api/credit/accounts/{customer}/open-items")).JsonAsync(HttpStatusCode.OK);
        var item = Assert.Single(open.GetProperty("items").EnumerateArray());
        Assert.Equal(300.00m, item.Decimal("outstanding"));
        Assert.Equal(CreditSystem.Today.DayNumber - new DateOnly(2026, 10, 31).DayNumber, item.GetProperty("daysOverdue").GetInt32());
    }

    private async Task<Guid> Sale(Guid customer, decimal amount, string date, string due) =>
        (await (await _clerk.Post("/api/credit/sales", SaleBody(customer, amount, date, due))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private async Task<Guid> Pay(Guid customer, decimal amount, string date) =>
        (await (await _clerk.Post("/api/credit/payments", new { customerId = customer, date, amount })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
}
