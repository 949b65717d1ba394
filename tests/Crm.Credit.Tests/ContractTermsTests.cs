namespace Crm.Credit.Tests;

/// <summary>
/// Sales under the contract terms in force on their date (合同约束), fed by contract events published as the contracts
/// service would; the rebate (返利) of the contract year; credit notes for approved returns (退货冲账).
/// </summary>
public sealed class ContractTermsTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    private readonly HttpClient _clerk = credit.As("clerk-ct", "ct", "inside-sales");

    private static readonly RebateTier[] Tiers = [new(100_000m, 1m), new(300_000m, 2m), new(500_000m, 3m)];

    private static ContractTerms Terms(int paymentTermDays, params string[] productLines) => new()
    {
        PaymentTermDays = paymentTermDays,
        ReturnWindowDays = 30,
        ExchangeWindowDays = 60,
        SettlementType = "credit",
        ProductLines = productLines,
        RebateTiers = Tiers,
    };

    private async Task<(Guid Customer, Guid Contract)> SignedAsync(string effective, string expires, ContractTerms terms, string number)
    {
        var customer = await credit.RegisterCustomerAsync("ct");
        var contract = Guid.NewGuid();
        await credit.PublishAndWaitAsync(new ContractSigned
        {
            BranchId = "ct",
            CustomerId = customer,
            OccurredAt = CreditSystem.Now.AddDays(-300),
            ContractId = contract,
            Number = number,
            ContractVersion = 1,
            SignedOn = DateOnly.Parse(effective).AddDays(-5),
            EffectiveOn = DateOnly.Parse(effective),
            ExpiresOn = DateOnly.Parse(expires),
            TotalAmount = 1_000_000m,
            OwnerId = "rep-1",
            Terms = terms,
        });
        return (customer, contract);
    }

    private Task<HttpResponseMessage> SellAsync(Guid customer, string date, decimal amount, string product = "洗衣粉", string? due = null) =>
        _clerk.Post("/api/credit/sales", due is null
            ? new { customerId = customer, date, product, quantity = 1, amount }
            : (object)new { customerId = customer, date, product, quantity = 1, amount, dueDate = due });

    [Fact]
    public async Task A_sale_without_due_date_gets_the_payment_term_in_force_on_its_date_and_an_amendment_changes_only_later_sales()
    {
        await using var sales = await credit.SubscribeAsync("crm.sale-recorded");
        var (customer, contract) = await SignedAsync("2026-01-01", "2026-12-31", Terms(30, "洗衣粉", "香皂"), "CT-2026-0001");
        await credit.PublishAndWaitAsync(new ContractAmended
        {
            BranchId = "ct", CustomerId = customer, OccurredAt = CreditSystem.Now.AddDays(-150), ContractId = contract, Number = "CT-2026-0001",
            ContractVersion = 2, EffectiveOn = new(2026, 7, 1), ExpiresOn = new(2026, 12, 31), Terms = Terms(45, "洗衣粉", "香皂"),
        });

        // 06-30 is under version 1 (30 days): due 07-30. 07-01 is under version 2 (45 days): due 08-15.
        var before = await (await SellAsync(customer, "2026-06-30", 1_000m)).JsonAsync(HttpStatusCode.Created);
        var after = await (await SellAsync(customer, "2026-07-01", 2_000m)).JsonAsync(HttpStatusCode.Created);
        var given = await (await SellAsync(customer, "2026-07-02", 3_000m, due: "2026-07-10")).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(("2026-07-30", 1, true), (before.String("dueDate"), before.GetProperty("contract").GetProperty("version").GetInt32(), before.GetProperty("dueDateFromContract").GetBoolean()));
        Assert.Equal(("2026-08-15", 2), (after.String("dueDate"), after.GetProperty("contract").GetProperty("version").GetInt32()));
        Assert.Equal(("2026-07-10", false), (given.String("dueDate"), given.GetProperty("dueDateFromContract").GetBoolean()));
        Assert.All([before, after, given], s => Assert.False(s.GetProperty("outsideContract").GetBoolean()));
        Assert.Equal(("CT-2026-0001", contract), (after.GetProperty("contract").String("number"), after.GetProperty("contract").GetProperty("id").GetGuid()));
        Assert.Equal(3_000m, after.Decimal("balanceAfter"));

        var recorded = (await sales.NextAsync(m => m.GetProperty("entryId").GetGuid() == after.GetProperty("id").GetGuid())).Message;
        Assert.Equal("2026-08-15", recorded.String("dueDate"));
        Assert.Equal(("CT-2026-0001", 2), (recorded.GetProperty("contract").String("number"), recorded.GetProperty("contract").GetProperty("version").GetInt32()));
        Assert.False(recorded.GetProperty("outsideContract").GetBoolean());
    }

    [Fact]
    public async Task A_sale_outside_the_product_lines_or_without_a_contract_is_accepted_and_marked()
    {
        await using var sales = await credit.SubscribeAsync("crm.sale-recorded");
        var (customer, contract) = await SignedAsync("2026-03-01", "2027-02-28", Terms(30, "洗衣粉"), "CT-2026-0002");

        var outsideLine = await (await SellAsync(customer, "2026-04-01", 500m, product: "牙膏")).JsonAsync(HttpStatusCode.Created);
        var noContract = await (await SellAsync(customer, "2026-02-28", 700m, due: "2026-03-31")).JsonAsync(HttpStatusCode.Created);
        var noTerm = await (await SellAsync(customer, "2026-02-28", 700m)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(outsideLine.GetProperty("outsideContract").GetBoolean());
        Assert.Equal(contract, outsideLine.GetProperty("contract").GetProperty("id").GetGuid());
        Assert.Equal("2026-05-01", outsideLine.String("dueDate")); // the payment term still applies
        Assert.True(noContract.GetProperty("outsideContract").GetBoolean());
        Assert.Equal(JsonValueKind.Null, noContract.GetProperty("contract").ValueKind);
        Assert.True(noTerm.GetProperty("errors").TryGetProperty("dueDate", out _));

        var outsideEvent = (await sales.NextAsync(m => m.GetProperty("entryId").GetGuid() == outsideLine.GetProperty("id").GetGuid())).Message;
        Assert.True(outsideEvent.GetProperty("outsideContract").GetBoolean());
        Assert.Equal("CT-2026-0002", outsideEvent.GetProperty("contract").String("number"));
        var noContractEvent = (await sales.NextAsync(m => m.GetProperty("entryId").GetGuid() == noContract.GetProperty("id").GetGuid())).Message;
        Assert.True(noContractEvent.GetProperty("outsideContract").GetBoolean());
        Assert.Equal(JsonValueKind.Null, noContractEvent.GetProperty("contract").ValueKind);

        // The ledger's lines show the marking too, and the stored sales keep it.
        var entries = (await (await _clerk.GetAsync($"/api/credit/accounts/{customer}/entries")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.True(e.GetProperty("outsideContract").GetBoolean()));
        var stored = await credit.QueryAsync(db => db.Sales.AsNoTracking().Where(s => s.CustomerId == customer).OrderBy(s => s.Number).ToListAsync());
        Assert.Equal([(contract, true), (null, true)], stored.Select(s => (s.ContractId, s.OutsideContract)));
    }

    [Fact]
    public async Task The_account_shows_the_contract_years_rebate_at_the_tier_edges()
    {
        // Contract year 2026-03-01 … 2027-02-28 (today is 2026-11-16). Tiers: ≥100,000 → 1 %, ≥300,000 → 2 %, ≥500,000 → 3 %.
        var (customer, contract) = await SignedAsync("2026-03-01", "2027-02-28", Terms(30, "洗衣粉"), "CT-2026-0003");
        await (await SellAsync(customer, "2026-02-27", 40_000m, due: "2026-03-31")).JsonAsync(HttpStatusCode.Created); // before the contract: not counted
        await (await SellAsync(customer, "2026-03-01", 99_999.99m)).JsonAsync(HttpStatusCode.Created);
        await (await SellAsync(customer, "2026-04-01", 80_000m, product: "牙膏")).JsonAsync(HttpStatusCode.Created);      // outside the product lines: not counted

        var below = await RebateAsync(customer);
        Assert.Equal(contract, below.GetProperty("contract").GetProperty("id").GetGuid());
        Assert.Equal(("2026-03-01", "2027-02-28"), (below.String("yearFrom"), below.String("yearTo")));
        Assert.Equal(99_999.99m, below.Decimal("purchases"));
        Assert.Equal(JsonValueKind.Null, below.GetProperty("tierReached").ValueKind);
        Assert.Equal(0m, below.Decimal("rebateAccrued"));
        Assert.Equal(100_000m, below.GetProperty("nextTier").Decimal("threshold"));
        Assert.Equal(0.01m, below.Decimal("leftToNextTier"));

        await (await SellAsync(customer, "2026-05-01", 0.01m)).JsonAsync(HttpStatusCode.Created);
        var atEdge = await RebateAsync(customer);
        Assert.Equal((100_000m, 1m), (atEdge.GetProperty("tierReached").Decimal("threshold"), atEdge.GetProperty("tierReached").Decimal("percent")));
        Assert.Equal(1_000.00m, atEdge.Decimal("rebateAccrued"));
        Assert.Equal((300_000m, 200_000m), (atEdge.GetProperty("nextTier").Decimal("threshold"), atEdge.Decimal("leftToNextTier")));

        // 100,000 + 450,000 + 30,000 − its reversal 30,000 = 550,000 → 3 %: 16,500.00, no next tier.
        await (await SellAsync(customer, "2026-06-01", 450_000m)).JsonAsync(HttpStatusCode.Created);
        var wrong = (await (await SellAsync(customer, "2026-06-02", 30_000m)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using (var clerk = new Clerk(credit, "ct")) await clerk.ReverseAsync("sale", wrong, "录错 entered by mistake");
        var top = await RebateAsync(customer);
        Assert.Equal(550_000m, top.Decimal("purchases"));
        Assert.Equal(500_000m, top.GetProperty("tierReached").Decimal("threshold"));
        Assert.Equal(16_500.00m, top.Decimal("rebateAccrued"));
        Assert.Equal(JsonValueKind.Null, top.GetProperty("nextTier").ValueKind);
        Assert.Equal(JsonValueKind.Null, top.GetProperty("leftToNextTier").ValueKind);
    }

    [Fact]
    public async Task A_customer_without_a_contract_in_force_today_shows_no_rebate()
    {
        var (customer, _) = await SignedAsync("2025-01-01", "2025-12-31", Terms(30), "CT-2025-0009");
        var account = await (await _clerk.GetAsync($"/api/credit/accounts/{customer}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, account.GetProperty("rebate").ValueKind);
    }

    private async Task<JsonElement> RebateAsync(Guid customer) =>
        (await (await _clerk.GetAsync($"/api/credit/accounts/{customer}")).JsonAsync(HttpStatusCode.OK)).GetProperty("rebate");

    private static ReturnApproved Return(Guid customer, Guid? sale, decimal amount, string kind = "return", Guid? returnId = null) => new()
    {
        BranchId = "ct",
        CustomerId = customer,
        OccurredAt = CreditSystem.Now.AddHours(-1),
        ReturnId = returnId ?? Guid.NewGuid(),
        Kind = kind,
        Product = "洗衣粉",
        Quantity = 1,
        Amount = amount,
        SaleId = sale,
        SoldOn = new DateOnly(2026, 6, 1),
        ApprovedOn = new DateOnly(2026, 11, 10),
        WindowDays = 30,
    };

    [Fact]
    public async Task A_credit_note_lowers_the_balance_and_the_sales_amount_due_and_takes_back_the_rebate_it_earned()
    {
        await using var notes = await credit.SubscribeAsync("crm.credit-note-recorded");
        var (customer, _) = await SignedAsync("2026-03-01", "2027-02-28", Terms(30, "洗衣粉"), "CT-2026-0004");
        await (await SellAsync(customer, "2026-03-10", 100_000m)).JsonAsync(HttpStatusCode.Created);
        var big = (await (await SellAsync(customer, "2026-06-01", 250_000m)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(7_000.00m, (await RebateAsync(customer)).Decimal("rebateAccrued")); // 350,000 at 2 %

        // 60,000 returned from the 250,000 sale: 290,000 at 1 % = 2,900.00, so 4,100.00 is taken back.
        var approved = Return(customer, big, 60_000m);
        await credit.PublishAndWaitAsync(approved);

        var recorded = (await notes.NextAsync(m => m.GetProperty("returnId").GetGuid() == approved.ReturnId)).Message;
        Assert.Equal(60_000m, recorded.Money("amount"));
        Assert.Equal(4_100.00m, recorded.Money("rebateReversed"));
        Assert.Equal(290_000m, recorded.Money("balanceAfter"));
        Assert.Equal(0m, recorded.Money("creditLimit"));
        Assert.Equal(3, recorded.GetProperty("number").GetInt32());
        Assert.Equal(big, recorded.GetProperty("saleId").GetGuid());
        Assert.Equal("2026-11-10", recorded.String("date"));

        var account = await (await _clerk.GetAsync($"/api/credit/accounts/{customer}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(290_000m, account.Decimal("balance"));
        Assert.Equal(60_000m, account.Decimal("totalCreditNotes"));
        Assert.Equal((290_000m, 2_900.00m), (account.GetProperty("rebate").Decimal("purchases"), account.GetProperty("rebate").Decimal("rebateAccrued")));

        var open = (await (await _clerk.GetAsync($"/api/credit/accounts/{customer}/open-items")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        var credited = open.Single(i => i.GetProperty("number").GetInt32() == 2);
        Assert.Equal((190_000m, 60_000m, 190_000m), (credited.Decimal("amount"), credited.Decimal("credited"), credited.Decimal("outstanding")));

        var line = (await (await _clerk.GetAsync($"/api/credit/accounts/{customer}/entries")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Last();
        Assert.Equal(("credit-note", 290_000m, 4_100.00m), (line.String("kind"), line.Decimal("balanceAfter"), line.Decimal("rebateReversed")));
        Assert.Equal(big, line.GetProperty("creditsEntryId").GetGuid());
    }

    [Fact]
    public async Task A_redelivered_return_and_a_second_announcement_of_it_record_one_credit_note_and_an_exchange_records_none()
    {
        var (customer, _) = await SignedAsync("2026-03-01", "2027-02-28", Terms(30, "洗衣粉"), "CT-2026-0005");
        var sale = (await (await SellAsync(customer, "2026-06-01", 5_000m)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        using var duplicates = new DuplicateCounter(credit, nameof(Crm.Credit.IntegrationEvents.ReturnApprovedHandler));
        var approved = Return(customer, sale, 1_200m);
        await credit.PublishAndWaitAsync(approved);
        await RawPublisher.PublishAsync(credit.System.Broker.AmqpUri(), approved); // the same event again (same eventId)
        await credit.PublishAndWaitAsync(approved with { EventId = Guid.NewGuid() }); // the same return announced anew
        await credit.PublishAndWaitAsync(Return(customer, sale, 0m, kind: "exchange"));
        await Eventually.Until(() => Task.FromResult(duplicates.Count >= 1), "the inbox to absorb the redelivery");

        var notes = await credit.QueryAsync(db => db.CreditNotes.AsNoTracking().Where(n => n.CustomerId == customer).ToListAsync());
        var note = Assert.Single(notes);
        Assert.Equal((approved.ReturnId, 1_200m, sale), (note.ReturnId, note.Amount, note.CreditsEntryId!.Value));
        var account = await credit.QueryAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.CustomerId == customer));
        Assert.Equal((3_800m, 2), (account.Balance, account.EntryCount));
    }

    [Fact]
    public async Task Contract_terms_arriving_out_of_order_apply_once_all_have_arrived()
    {
        var customer = await credit.RegisterCustomerAsync("ct");
        var contract = Guid.NewGuid();
        await credit.PublishAndWaitAsync(new ContractAmended
        {
            BranchId = "ct", CustomerId = customer, OccurredAt = CreditSystem.Now.AddDays(-20), ContractId = contract, Number = "CT-2026-0006",
            ContractVersion = 2, EffectiveOn = new(2026, 10, 1), ExpiresOn = new(2026, 12, 31), Terms = Terms(60),
        });
        await credit.PublishAndWaitAsync(new ContractSigned
        {
            BranchId = "ct", CustomerId = customer, OccurredAt = CreditSystem.Now.AddDays(-200), ContractId = contract, Number = "CT-2026-0006",
            ContractVersion = 1, SignedOn = new(2026, 4, 20), EffectiveOn = new(2026, 5, 1), ExpiresOn = new(2026, 12, 31), Terms = Terms(10),
        });
        await credit.PublishAndWaitAsync(new ContractTerminated
        {
            BranchId = "ct", CustomerId = customer, OccurredAt = CreditSystem.Now, ContractId = contract, Number = "CT-2026-0006",
            TerminatedOn = new(2026, 11, 1), Reason = "违约",
        });

        Assert.Equal("2026-06-11", (await (await SellAsync(customer, "2026-06-01", 100m)).JsonAsync(HttpStatusCode.Created)).String("dueDate"));
        Assert.Equal("2026-11-30", (await (await SellAsync(customer, "2026-10-01", 100m)).JsonAsync(HttpStatusCode.Created)).String("dueDate"));
        var afterEnd = await (await SellAsync(customer, "2026-11-01", 100m, due: "2026-12-01")).JsonAsync(HttpStatusCode.Created);
        Assert.True(afterEnd.GetProperty("outsideContract").GetBoolean());
        Assert.Equal(JsonValueKind.Null, afterEnd.GetProperty("contract").ValueKind);
    }
}

/// <summary>Counts the redeliveries the credit host's inbox skipped for one handler (metric <c>crm.inbox.duplicates</c>).</summary>
public sealed class DuplicateCounter : IDisposable
{
    private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
    private long _count;

    public DuplicateCounter(CreditSystem credit, string consumer)
    {
        var factory = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(credit.System.ServicesOf("credit"));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "crm.inbox.duplicates" && ReferenceEquals(instrument.Meter.Scope, factory)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "crm.consumer" && Equals(tag.Value, consumer)) Interlocked.Add(ref _count, value);
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
