using Crm.Credit.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Credit.Tests;

/// <summary>
/// The credit service at 01:00 Beijing time on 2026-03-02, which is still 2026-03-01 in UTC: "today" is the branches'
/// date (the shared business calendar, Asia/Shanghai), so what a clerk enters that morning is not "in the future".
/// </summary>
public sealed class BeijingMorningCredit : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 17, 0, 0, TimeSpan.Zero);

    public CrmSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await CrmSystem.StartAsync(new CrmSystemOptions
    {
        Services = ["credit"],
        ConfigureServices = (service, services) =>
        {
            if (service == "credit") services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        },
    });

    public async Task DisposeAsync() => await System.DisposeAsync();

    public async Task<Guid> RegisterCustomerAsync()
    {
        var id = Guid.NewGuid();
        await RawPublisher.PublishAsync(System.Broker.AmqpUri(), new CustomerRegistered
        {
            CustomerId = id, BranchId = "sh", OccurredAt = Now.AddDays(-30), Code = $"SH-{Random.Shared.Next(100000, 999999)}",
            Name = "清晨客户", Kind = "agent", Region = "华东", Status = "active", OwnerId = "rep-1", RegisteredBy = "rep-1",
            EntryDate = new DateOnly(2026, 1, 30),
        });
        await Eventually.Until(() => System.QueryAsync("credit", db => ((CreditDbContext)db).Customers.AnyAsync(c => c.Id == id)),
            $"credit to know customer {id}");
        return id;
    }
}

public sealed class CalendarTests(BeijingMorningCredit credit) : IClassFixture<BeijingMorningCredit>
{
    [Fact]
    public async Task At_one_in_the_morning_in_Beijing_a_sale_and_a_payment_dated_that_day_are_accepted()
    {
        var customer = await credit.RegisterCustomerAsync();
        using var clerk = credit.System.Gateway("clerk-1", "sh", "inside-sales");

        await (await clerk.Post("/api/credit/sales", new
        {
            customerId = customer, date = "2026-03-02", product = "洗衣粉", quantity = 1, amount = 100m, dueDate = "2026-04-01",
        })).JsonAsync(HttpStatusCode.Created);
        await (await clerk.Post("/api/credit/payments", new { customerId = customer, date = "2026-03-02", amount = 50m }))
            .JsonAsync(HttpStatusCode.Created);

        // The day after is still the future there.
        var tomorrow = await (await clerk.Post("/api/credit/sales", new
        {
            customerId = customer, date = "2026-03-03", product = "洗衣粉", quantity = 1, amount = 100m, dueDate = "2026-04-01",
        })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(tomorrow.GetProperty("errors").TryGetProperty("date", out _));
    }
}
