using Crm.Messaging.Outbox;

namespace Crm.Platform.Tests;

/// <summary>The outbox dispatcher and what a foreign subscriber receives, on a real broker.</summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private BrokerVirtualHost _broker = null!;
    private TallyHost _tally = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.CreateVirtualHostAsync();
        _tally = await TallyHost.StartAsync(_broker.AmqpUri());
    }

    public async Task DisposeAsync()
    {
        await _tally.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Rows_committed_together_are_published_in_their_order_and_then_deleted()
    {
        await using var subscriber = await RawSubscriber.BindAsync(_broker.AmqpUri(), "crm.payment-received");
        var customerId = Guid.NewGuid();
        var payments = Enumerable.Range(1, 150).Select(i => new PaymentReceived
        {
            CustomerId = customerId, BranchId = "sh", Amount = i, BalanceAfter = -i, EntryId = Guid.NewGuid(),
        }).ToList();

        await _tally.QueryAsync(async db =>
        {
            foreach (var payment in payments) db.AddIntegrationEvent(payment, TimeProvider.System);
            return await db.SaveChangesAsync();
        });

        var received = new List<decimal>();
        while (received.Count < payments.Count)
            received.Add(decimal.Parse((await subscriber.NextAsync(_ => true)).Message.GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(payments.Select(p => p.Amount), received);
        await Eventually.Until(() => _tally.QueryAsync(async db => !await db.OutboxMessages.AnyAsync()), "the outbox to be empty");
    }

    [Fact]
    public async Task A_subscriber_sees_the_masstransit_envelope_with_camel_case_and_decimals_as_strings()
    {
        await using var subscriber = await RawSubscriber.BindAsync(_broker.AmqpUri(), "crm.sale-recorded");
        var sale = new SaleRecorded
        {
            CustomerId = Guid.NewGuid(), BranchId = "sh", OccurredAt = DateTimeOffset.UtcNow, EntryId = Guid.NewGuid(),
            Date = new DateOnly(2026, 11, 23), Product = "洗衣粉", Quantity = 12, Amount = 1234.50m, DueDate = new DateOnly(2026, 12, 23),
            BalanceAfter = 100000.10m, CreditLimit = 90000m,
        };

        await _tally.QueryAsync(db =>
        {
            db.AddIntegrationEvent(sale, TimeProvider.System);
            return db.SaveChangesAsync();
        });

        var delivered = await subscriber.NextAsync(m => m.GetProperty("eventId").GetGuid() == sale.EventId);
        Assert.Equal("application/vnd.masstransit+json", delivered.ContentType);
        Assert.Equal(sale.EventId.ToString(), delivered.Envelope.GetProperty("messageId").GetString());
        Assert.Contains("urn:message:Crm.Events:SaleRecorded", delivered.Envelope.GetProperty("messageType").EnumerateArray().Select(e => e.GetString()));
        var message = delivered.Message;
        Assert.Equal(sale.CustomerId, message.GetProperty("customerId").GetGuid());
        Assert.Equal("sh", message.GetProperty("branchId").GetString());
        Assert.Equal(JsonValueKind.String, message.GetProperty("amount").ValueKind);
        Assert.Equal("1234.50", message.GetProperty("amount").GetString());
        Assert.Equal("100000.10", message.GetProperty("balanceAfter").GetString());
        Assert.Equal("2026-12-23", message.GetProperty("dueDate").GetString());
        Assert.Equal("洗衣粉", message.GetProperty("product").GetString());
    }
}
