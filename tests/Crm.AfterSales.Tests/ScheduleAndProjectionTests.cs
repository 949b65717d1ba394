namespace Crm.AfterSales.Tests;

/// <summary>The after-sales service with its schedule on, every minute of the fake clock.</summary>
public sealed class ScheduledAfterSalesFixture : AfterSalesFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("AfterSales:ScheduleEnabled", "true"), new("AfterSales:SweepInterval", "00:01:00")];
}

/// <summary>The hosted sweep runs on its interval of the injected clock, without anyone calling it.</summary>
public sealed class ScheduleTests(ScheduledAfterSalesFixture fixture) : IClassFixture<ScheduledAfterSalesFixture>
{
    [Fact]
    public async Task The_scheduled_sweep_marks_a_missed_deadline_when_the_clock_passes_its_next_interval()
    {
        var customer = await fixture.CustomerAsync();
        using var afterSales = fixture.AfterSales();
        var t0 = fixture.Now;
        var complaint = await Api.OpenAsync(afterSales, customer);
        Assert.False((await Api.GetAsync(afterSales, complaint.Id())).GetProperty("breached").GetBoolean());

        fixture.Clock.SetUtcNow(t0.AddHours(24).AddMinutes(1));
        await Eventually.Until(async () => (await Api.GetAsync(afterSales, complaint.Id())).GetProperty("breached").GetBoolean(),
            "the scheduled sweep to mark the breach");
    }
}

/// <summary>The sales projection under redelivery and reordering.</summary>
public sealed class SalesProjectionTests(AfterSalesFixture fixture) : IClassFixture<AfterSalesFixture>
{
    private static readonly DateOnly Today = new(2026, 3, 16);

    private SaleRecorded Sale(Guid customer, Guid entry, decimal quantity, decimal amount, Guid? reverses = null) => new()
    {
        CustomerId = customer, BranchId = AfterSalesFixture.Branch, OccurredAt = fixture.Now, EntryId = entry, ReversesEntryId = reverses,
        Date = Today, Product = "洗衣粉", Quantity = quantity, Amount = amount, DueDate = Today.AddDays(30), Number = 1,
    };

    [Fact]
    public async Task A_redelivered_sale_is_kept_once_and_a_reversal_that_overtakes_its_sale_still_makes_it_unreturnable()
    {
        var customer = await fixture.CustomerAsync();
        var sale = Sale(customer, Guid.NewGuid(), 10m, 1000m);
        await fixture.DeliverAsync(sale);
        await RawPublisher.PublishAsync(fixture.Amqp, sale); // the same event again
        var later = Sale(customer, Guid.NewGuid(), 1m, 100m);
        await fixture.DeliverAsync(later);
        Assert.Equal(1, await fixture.QueryAsync(db => db.Sales.CountAsync(s => s.EntryId == sale.EntryId)));

        var overtaken = Guid.NewGuid();
        await fixture.DeliverAsync(Sale(customer, Guid.NewGuid(), -5m, -500m, reverses: overtaken));
        await fixture.DeliverAsync(Sale(customer, overtaken, 5m, 500m));
        using var afterSales = fixture.AfterSales();
        var refused = await HttpAssertions.JsonAsync(await afterSales.PostAsJsonAsync("/api/aftersales/returns",
            new { customerId = customer, kind = "return", quantity = 1m, saleId = overtaken, reason = "受潮" }), (HttpStatusCode)422);
        Assert.Equal("sale-reversed", refused.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_customer_s_change_of_region_reaches_the_complaints_received_afterwards()
    {
        var customer = await fixture.CustomerAsync(region: "华东");
        await fixture.DeliverAsync(new CustomerChanged
        {
            CustomerId = customer, BranchId = AfterSalesFixture.Branch, OccurredAt = fixture.Now, Name = "杭州利民日化有限公司", Region = "华南",
            Reason = "迁址", ChangedBy = "rep-1", Version = 2,
        });
        using var afterSales = fixture.AfterSales();
        var complaint = await Api.OpenAsync(afterSales, customer);
        Assert.Equal("华南", complaint.GetProperty("region").GetString());
    }
}
