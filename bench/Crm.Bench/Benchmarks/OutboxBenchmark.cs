using System.Diagnostics;
using Crm.Customers.Infrastructure;
using Crm.Events;
using Crm.Messaging.Outbox;
using Crm.TestKit;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// Outbox throughput: N events committed in one transaction of the customers service, timed from the commit until
/// the dispatcher has had every one confirmed by the broker and deleted its row. Beside it, in the same run, on the
/// same broker, exchange and durable queue: plain RabbitMQ.Client publishing the same envelope with a confirm per
/// message (the dispatcher's own discipline, which keeps order), and with confirms pipelined 100 at a time (what
/// giving up strict order would buy).
/// </summary>
public sealed class OutboxBenchmark : IBenchmark
{
    public string Name => "outbox";
    public string Description => "outbox throughput, commit to broker confirm, beside RabbitMQ.Client publish-with-confirm";

    private const string Queue = "bench.outbox";

    public async Task RunAsync(string[] options)
    {
        var count = GatewayBenchmark.Option(options, "--events", 20_000);
        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions { Services = ["customers"], WithGateway = false });
        var amqp = system.Broker.AmqpUri();
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqp) }.CreateConnectionAsync();
        await using var admin = await connection.CreateChannelAsync();
        var exchange = IntegrationEventTypes.ExchangeOf<CustomerRegistered>();
        await admin.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await admin.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
        await admin.QueueBindAsync(Queue, exchange, "");

        await OutboxRunAsync(system, 500); // warm-up
        await admin.QueuePurgeAsync(Queue);

        var outbox = await OutboxRunAsync(system, count);
        var body = await SampleEnvelopeAsync(amqp);
        await admin.QueuePurgeAsync(Queue);
        var sequential = await BaselineAsync(connection, exchange, body, count, inFlight: 1);
        await admin.QueuePurgeAsync(Queue);
        var pipelined = await BaselineAsync(connection, exchange, body, count, inFlight: 100);

        Console.WriteLine($"{count} events of ~{body.Length} bytes, persistent, routed to one durable queue");
        Console.WriteLine("| publisher | events/s |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| outbox: commit → confirm → row deleted | {outbox:F0} |");
        Console.WriteLine($"| RabbitMQ.Client, await each confirm | {sequential:F0} |");
        Console.WriteLine($"| RabbitMQ.Client, 100 confirms in flight | {pipelined:F0} |");
        Console.WriteLine($"outbox / sequential baseline: {outbox / sequential:F2}×");
    }

    private static async Task<double> OutboxRunAsync(CrmSystem system, int count)
    {
        var clock = TimeProvider.System;
        var committed = await system.QueryAsync("customers", async db =>
        {
            var customers = (CustomersDbContext)db;
            customers.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var transaction = await customers.Database.BeginTransactionAsync();
            for (var i = 0; i < count; i++)
            {
                customers.AddIntegrationEvent(new CustomerRegistered
                {
                    CustomerId = Guid.NewGuid(), BranchId = "sh", OccurredAt = clock.GetUtcNow(), Code = $"SH-{i:D6}",
                    Name = $"基准客户 {i}", Kind = "agent", Region = "华东", Status = "active", OwnerId = "bench-rep",
                    RegisteredBy = "bench-rep", EntryDate = DateOnly.FromDateTime(DateTime.UtcNow),
                }, clock);
            }
            await customers.SaveChangesAsync();
            await transaction.CommitAsync();
            return Stopwatch.GetTimestamp();
        });
        while (await system.QueryAsync("customers", db => ((CustomersDbContext)db).OutboxMessages.AnyAsync()))
            await Task.Delay(20);
        return count / Stopwatch.GetElapsedTime(committed).TotalSeconds;
    }

    private static async Task<double> BaselineAsync(IConnection connection, string exchange, byte[] body, int count, int inFlight)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
        var start = Stopwatch.GetTimestamp();
        var pending = new List<Task>(inFlight);
        for (var i = 0; i < count; i++)
        {
            pending.Add(channel.BasicPublishAsync(exchange, "", mandatory: false, properties, body).AsTask());
            if (pending.Count == inFlight)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }
        await Task.WhenAll(pending);
        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    // The body the baseline sends is an envelope as MassTransit wrote it for the outbox run, so sizes match.
    private static async Task<byte[]> SampleEnvelopeAsync(string amqp)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqp) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var sample = await channel.BasicGetAsync(Queue, autoAck: true);
        return sample?.Body.ToArray() ?? throw new InvalidOperationException("The outbox run delivered nothing to sample.");
    }
}
