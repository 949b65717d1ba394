using System.Diagnostics;
using Crm.Messaging;
using Crm.Messaging.Outbox;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

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

    [Fact]
    public async Task The_envelope_the_outbox_writes_itself_carries_the_rows_trace_to_a_masstransit_consumer()
    {
        using var activities = new ActivityCollector();
        using var source = new ActivitySource("Crm.Platform.Tests.Outbox");
        await using var subscriber = await RawSubscriber.BindAsync(_broker.AmqpUri(), "crm.customer-registered");
        var registered = new CustomerRegistered
        {
            CustomerId = Guid.NewGuid(), BranchId = "sh", OccurredAt = DateTimeOffset.UtcNow, Name = "苏州恒发商贸", Code = "SH-000077",
            Kind = "agent", Region = "华东", OwnerId = "rep-1",
        };

        // The request that commits the row: its trace is stored with the row and continued by the publish.
        ActivityTraceId requestTrace;
        using (var request = source.StartActivity("register", ActivityKind.Server)!)
        {
            requestTrace = request.TraceId;
            await _tally.QueryAsync(db =>
            {
                db.AddIntegrationEvent(registered, TimeProvider.System);
                return db.SaveChangesAsync();
            });
        }

        var delivered = await subscriber.NextAsync(m => m.GetProperty("eventId").GetGuid() == registered.EventId);
        var envelope = delivered.Envelope;
        Assert.Equal("application/vnd.masstransit+json", delivered.ContentType);
        Assert.Equal(registered.EventId.ToString(), envelope.GetProperty("correlationId").GetString());
        Assert.NotEqual(Guid.Empty, envelope.GetProperty("conversationId").GetGuid());
        Assert.EndsWith("/crm.customer-registered", envelope.GetProperty("destinationAddress").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, envelope.GetProperty("sentTime").ValueKind);
        Assert.Equal(Environment.MachineName, envelope.GetProperty("host").GetProperty("machineName").GetString());
        Assert.Equal("苏州恒发商贸", delivered.Message.GetProperty("name").GetString());

        // The producer span's id travels in MT-Activity-Id (transport header and envelope), in the request's trace.
        var activityId = delivered.Headers[OutboxPublisher.ActivityIdHeader];
        Assert.Equal(activityId, envelope.GetProperty("headers").GetProperty(OutboxPublisher.ActivityIdHeader).GetString());
        var producer = await Eventually.Until(
            () => Task.FromResult(activities.Stopped.FirstOrDefault(a => a.Source.Name == MessagingDiagnostics.Name && a.Kind == ActivityKind.Producer && a.TraceId == requestTrace)),
            a => a is not null, "the outbox's producer span in the request's trace");
        Assert.Equal(producer!.Id, activityId);

        // The tally's MassTransit consumer continues that trace from the header.
        await Eventually.Until(
            () => Task.FromResult(activities.Stopped.Any(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer && a.TraceId == requestTrace)),
            found => found, "a MassTransit consumer span in the request's trace");
    }

    [Fact]
    public async Task The_outbox_declares_an_events_exchange_that_nobody_declared_before_publishing_to_it()
    {
        // Nobody consumes crm.contract-expired in this virtual host, so nothing has declared its exchange.
        await using var connection = await new ConnectionFactory { Uri = new Uri(_broker.AmqpUri()) }.CreateConnectionAsync();
        await using (var probe = await connection.CreateChannelAsync())
            await Assert.ThrowsAsync<OperationInterruptedException>(() => probe.ExchangeDeclarePassiveAsync("crm.contract-expired"));

        await _tally.QueryAsync(db =>
        {
            db.AddIntegrationEvent(new ContractExpired
            {
                CustomerId = Guid.NewGuid(), BranchId = "sh", OccurredAt = DateTimeOffset.UtcNow, ContractId = Guid.NewGuid(),
            }, TimeProvider.System);
            return db.SaveChangesAsync();
        });

        // Confirmed and deleted: a publish to a missing exchange would have closed the channel and left the row.
        await Eventually.Until(() => _tally.QueryAsync(async db => !await db.OutboxMessages.AnyAsync()), "the outbox to be empty");
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclarePassiveAsync("crm.contract-expired");
    }
}
