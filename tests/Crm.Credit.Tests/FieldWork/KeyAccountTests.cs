namespace Crm.Credit.Tests.FieldWork;

/// <summary>
/// Key accounts (大客户) for October 2026 in branch "ka": net sales K1 500, K2 300, K3 150, K4 50 (1,000 in all), so
/// K1 (share before it 0) and K2 (0.5) are A, K3 (0.8) B, K4 (0.95) C. Executive visits: K1 planned 10-05 and 10-20,
/// made 10-05 (closing the first) → 2 planned, 1 made, coverage 0.5; K2 planned 10-12, closed on 10-13 by a visit of kind
/// "visit" naming the plan → 1, 1, 1.0. Ignored: a rep's ordinary plan, a phone call, an executive visit in September.
/// </summary>
public sealed class KeyAccountTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    private static VisitPlanned Planned(Guid customer, Guid plan, string on, string kind = "executive-visit") => new()
    {
        CustomerId = customer, BranchId = "ka", OccurredAt = CreditSystem.Now.AddDays(-60), PlanId = plan, PlannedOn = DateOnly.Parse(on),
        Kind = kind, VisitorId = "vp-1", PlannedBy = "vp-1",
    };

    private static CustomerContacted Contacted(Guid customer, string on, string kind, Guid? plan = null) => new()
    {
        CustomerId = customer, BranchId = "ka", OccurredAt = CreditSystem.Now.AddDays(-30), VisitId = Guid.NewGuid(), On = DateOnly.Parse(on),
        Kind = kind, ContactedBy = "vp-1", PlanId = plan,
    };

    [Fact]
    public async Task A_class_customers_show_their_executive_visit_coverage_promotions_and_share()
    {
        var k1 = await credit.RegisterCustomerAsync("ka", "一号", code: "KA-01", owner: "rep-k");
        var k2 = await credit.RegisterCustomerAsync("ka", "二号", code: "KA-02", owner: "rep-k");
        var k3 = await credit.RegisterCustomerAsync("ka", "三号", code: "KA-03", owner: "rep-k");
        var k4 = await credit.RegisterCustomerAsync("ka", "四号", code: "KA-04", owner: "rep-k");
        using (var clerk = new Clerk(credit, "ka"))
        {
            await clerk.SaleAsync(k1, 500m, "2026-10-03", "2026-11-03");
            await clerk.SaleAsync(k2, 300m, "2026-10-04", "2026-11-04");
            await clerk.SaleAsync(k3, 150m, "2026-10-05", "2026-11-05");
            await clerk.SaleAsync(k4, 50m, "2026-10-06", "2026-11-06");
            await clerk.SaleAsync(k4, 5_000m, "2026-09-06", "2026-10-06"); // another month
        }
        Guid p1 = Guid.NewGuid(), p2 = Guid.NewGuid(), p3 = Guid.NewGuid();
        var first = Planned(k1, p1, "2026-10-05");
        await credit.PublishAndWaitAsync(first);
        await credit.PublishAndWaitAsync(Planned(k1, p2, "2026-10-20"));
        await credit.PublishAndWaitAsync(Planned(k2, p3, "2026-10-12"));
        await credit.PublishAndWaitAsync(Planned(k1, Guid.NewGuid(), "2026-10-07", kind: "visit"));
        await credit.PublishAndWaitAsync(Contacted(k2, "2026-10-13", "visit", p3));
        await credit.PublishAndWaitAsync(Contacted(k1, "2026-10-08", "phone"));
        await credit.PublishAndWaitAsync(Contacted(k2, "2026-09-28", "executive-visit"));

        // Redelivered (same eventId) and announced twice (another eventId, the same plan): still one plan.
        await TestKit.RawPublisher.PublishAsync(credit.System.Broker.AmqpUri(), first);
        await credit.PublishAndWaitAsync(first with { EventId = Guid.NewGuid() });
        Assert.Equal(1, await credit.QueryAsync(db => db.ExecutiveVisitPlans.CountAsync(p => p.PlanId == p1)));
        var made = Contacted(k1, "2026-10-05", "executive-visit", p1);
        await credit.PublishAndWaitAsync(made);
        await credit.PublishAndWaitAsync(made with { EventId = Guid.NewGuid() }); // the same visit announced again
        Assert.Equal(1, await credit.QueryAsync(db => db.ExecutiveVisits.CountAsync(v => v.VisitId == made.VisitId)));

        using var manager = credit.As("mm-ka", "ka", "marketing-manager");
        using var inside = credit.As("clerk-ka", "ka", "inside-sales");
        var promotion = (await (await inside.Post("/api/credit/promotions", new
        {
            customerId = k1, kind = "advertising", title = "户外广告", startsOn = "2026-10-01", endsOn = "2026-10-31", budget = 2_000m,
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await inside.Post("/api/credit/promotions", new
        {
            customerId = k1, kind = "promotion", title = "八月促销", startsOn = "2026-08-01", endsOn = "2026-08-31", budget = 500m,
        })).JsonAsync(HttpStatusCode.Created);

        var view = await (await manager.GetAsync("/api/credit/key-accounts?period=2026-10")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1_000m, 2, 800m, 0.8m, 2, 1m),
            (view.Decimal("totalSales"), view.GetProperty("keyAccounts").GetInt32(), view.Decimal("keyAccountSales"), view.Decimal("keyAccountShare"),
             view.GetProperty("visited").GetInt32(), view.Decimal("visitedShare")));
        var rows = view.GetProperty("accounts").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["KA-01", "KA-02"], rows.Select(r => r.String("code")).ToList());
        var one = rows[0].GetProperty("executiveVisits");
        Assert.Equal((2, 1, 1, 0.5m, "2026-10-05"), (one.GetProperty("planned").GetInt32(), one.GetProperty("made").GetInt32(),
            one.GetProperty("plannedAndMade").GetInt32(), one.Decimal("coverage"), one.String("lastVisitOn")));
        Assert.Equal(["2026-10-20"], one.GetProperty("openPlans").EnumerateArray().Select(d => d.GetString()).ToList());
        var two = rows[1].GetProperty("executiveVisits");
        Assert.Equal((1, 1, 1, 1m), (two.GetProperty("planned").GetInt32(), two.GetProperty("made").GetInt32(), two.GetProperty("plannedAndMade").GetInt32(), two.Decimal("coverage")));
        Assert.Equal((500m, 0.5m), (rows[0].Decimal("sales"), rows[0].Decimal("share")));
        Assert.Equal([promotion], rows[0].GetProperty("promotions").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList());
        Assert.Equal("pending", rows[0].GetProperty("promotions")[0].String("state"));

        // The year shows September's executive visit too, and September's big sale makes K4 the largest customer.
        var year = await (await manager.GetAsync("/api/credit/key-accounts?period=2026")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("KA-04", year.GetProperty("accounts").GetProperty("items")[0].String("code"));

        // Reps do not read it; another branch's managers see only their own branch's (none here).
        using var rep = credit.As("rep-k", "ka", "sales-rep");
        await (await rep.GetAsync("/api/credit/key-accounts?period=2026-10")).ProblemAsync(HttpStatusCode.Forbidden);
        using var beijing = credit.As("mm-bj", "bj", "marketing-manager");
        var elsewhere = await (await beijing.GetAsync("/api/credit/key-accounts?period=2026-10&branchId=ka")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, elsewhere.GetProperty("keyAccounts").GetInt32());
        await (await manager.GetAsync("/api/credit/key-accounts?period=2026-13")).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
