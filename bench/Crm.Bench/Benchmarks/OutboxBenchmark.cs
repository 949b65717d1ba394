using System.Diagnostics.Metrics;
using Crm.Messaging;
using Crm.Messaging.Outbox;
using RabbitMQ.Client;

namespace Crm.Bench.Benchmarks;

/// <summary>
/// Outbox throughput: N events (10 per customer, customers interleaved, as a busy day commits them) committed in one
/// transaction of the customers service, timed from the commit until the dispatcher has had every one confirmed by the
/// broker and deleted its row. The anchor, measured in the same run on the same broker and exchange: plain
/// RabbitMQ.Client publishing the same envelope with 100 confirms in flight (a sliding window). The exchange has four
/// durable queues bound, as production has four subscribers (contracts, credit, after-sales, alerts), so every message
/// is persisted four times. The arms alternate (outbox, anchor, outbox, anchor, …) so that a noisy neighbour hurts
/// both alike; each figure is the median of its rounds.
/// </summary>
public sealed class OutboxBenchmark : IBenchmark
{
    public string Name => "outbox";
    public string Description => "outbox throughput, commit to broker confirm, beside RabbitMQ.Client with 100 confirms in flight";

    private static readonly string[] Queues = ["bench.outbox.contracts", "bench.outbox.credit", "bench.outbox.aftersales", "bench.outbox.alerts"];
    private const int EventsPerCustomer = 10;
    private const int AnchorInFlight = 100;

    public async Task RunAsync(string[] options)
    {
        var count = GatewayBenchmark.Option(options, "--events", 10_000);
        var rounds = GatewayBenchmark.Option(options, "--rounds", 3);
        await using var system = await CrmSystem.StartAsync(new CrmSystemOptions { Services = ["customers"], WithGateway = false });
        var amqp = system.Broker.AmqpUri();
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqp) }.CreateConnectionAsync();
        await using var admin = await connection.CreateChannelAsync();
        var exchange = IntegrationEventTypes.ExchangeOf<CustomerRegistered>();
        await admin.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        foreach (var queue in Queues)
        {
            await admin.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await admin.QueueBindAsync(queue, exchange, "");
        }

        _ = await OutboxRunAsync(system, 3_000); // warm-up: connections, the first batches, and enough calls for the JIT's optimised tier
        var body = await SampleEnvelopeAsync(admin);
        await PurgeAsync(admin);
        await AnchorAsync(connection, exchange, body, 3_000);
        await PurgeAsync(admin);

        var outbox = new List<double>();
        var anchor = new List<double>();
        var outboxCpu = new List<double>();
        var anchorCpu = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var (rate, cpuPerEvent) = await OutboxRunAsync(system, count);
            outbox.Add(rate);
            outboxCpu.Add(cpuPerEvent);
            await PurgeAsync(admin);
            var cpu = Cpu();
            anchor.Add(await AnchorAsync(connection, exchange, body, count));
            anchorCpu.Add((Cpu() - cpu).TotalMicroseconds / count);
            await PurgeAsync(admin);
            Console.WriteLine(FormattableString.Invariant(
                $"round {round}: outbox {outbox[^1]:F0} events/s ({outboxCpu[^1]:F0} us cpu/event), anchor {anchor[^1]:F0} events/s ({anchorCpu[^1]:F0} us cpu/event)"));
        }

        var outboxMedian = Median(outbox);
        var anchorMedian = Median(anchor);
        Console.WriteLine($"{count} events of ~{body.Length} bytes per arm and round, {count / EventsPerCustomer} customers, persistent, four durable queues");
        Console.WriteLine("| publisher | events/s (median of " + rounds + ") |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(FormattableString.Invariant($"| outbox: commit → publish → confirm → row deleted | {outboxMedian:F0} |"));
        Console.WriteLine(FormattableString.Invariant($"| RabbitMQ.Client, {AnchorInFlight} confirms in flight (anchor) | {anchorMedian:F0} |"));
        Console.WriteLine(FormattableString.Invariant(
            $"bench process cpu per event (median): outbox {Median(outboxCpu):F0} us from the commit on, anchor {Median(anchorCpu):F0} us"));
        Console.WriteLine(FormattableString.Invariant(
            $"result outbox: {outboxMedian:F0} events/s, anchor {anchorMedian:F0} events/s, ratio {outboxMedian / anchorMedian:F2}"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    // The bench process's CPU: in the outbox arm the customers host (producer, dispatcher) and the poll, in the anchor arm the client.
    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static async Task PurgeAsync(IChannel admin)
    {
        foreach (var queue in Queues) await admin.QueuePurgeAsync(queue);
    }

    /// <summary>Events per second from the commit until the outbox is empty, and the bench process's CPU per event meanwhile.</summary>
    private static async Task<(double Rate, double CpuPerEvent)> OutboxRunAsync(CrmSystem system, int count)
    {
        Task<bool> AnyLeftAsync() => system.QueryAsync("customers", db => ((CustomersDbContext)db).OutboxMessages.AnyAsync());
        var clock = TimeProvider.System;
        using var confirms = new ConfirmCount(count);
        var customers = Enumerable.Range(0, Math.Max(1, count / EventsPerCustomer)).Select(_ => Guid.NewGuid()).ToArray();
        var committed = await system.QueryAsync("customers", async db =>
        {
            var context = (CustomersDbContext)db;
            context.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var transaction = await context.Database.BeginTransactionAsync();
            for (var i = 0; i < count; i++)
            {
                context.AddIntegrationEvent(new CustomerRegistered
                {
                    CustomerId = customers[i % customers.Length], BranchId = "sh", OccurredAt = clock.GetUtcNow(), Code = $"SH-{i:D6}",
                    Name = $"基准客户 {i}", Kind = "agent", Region = "华东", Status = "active", OwnerId = "bench-rep",
                    RegisteredBy = "bench-rep", EntryDate = DateOnly.FromDateTime(DateTime.UtcNow),
                }, clock);
            }
            await context.SaveChangesAsync();
            await transaction.CommitAsync();
            return (At: Stopwatch.GetTimestamp(), Cpu: Cpu());
        });
        // Polling the table all along would cost the measured process a query every few milliseconds: wait for the
        // dispatcher's confirm counter to reach the count (a look at the table every 250 ms in case it never does), then
        // poll until the last rows are deleted.
        while (!confirms.Reached.IsCompleted)
        {
            await Task.WhenAny(confirms.Reached, Task.Delay(250));
            if (!confirms.Reached.IsCompleted && !await AnyLeftAsync()) break;
        }
        while (await AnyLeftAsync())
            await Task.Delay(2);
        return (count / Stopwatch.GetElapsedTime(committed.At).TotalSeconds, (Cpu() - committed.Cpu).TotalMicroseconds / count);
    }

    /// <summary>Counts the dispatcher's <c>crm.outbox.published</c> measurements (the host runs in this process).</summary>
    private sealed class ConfirmCount : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _left;

        public ConfirmCount(long target)
        {
            _left = target;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == MessagingDiagnostics.Name && instrument.Name == "crm.outbox.published")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
            {
                if (Interlocked.Add(ref _left, -value) <= 0) _reached.TrySetResult();
            });
            _listener.Start();
        }

        public Task Reached => _reached.Task;

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Plain RabbitMQ.Client: a sliding window of confirms, a new publish as soon as one of them is confirmed.</summary>
    private static async Task<double> AnchorAsync(IConnection connection, string exchange, byte[] body, int count)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
        using var window = new SemaphoreSlim(AnchorInFlight, AnchorInFlight);
        var pending = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            await window.WaitAsync();
            pending.Add(PublishAsync());
        }
        await Task.WhenAll(pending);
        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;

        async Task PublishAsync()
        {
            try { await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, body); }
            finally { window.Release(); }
        }
    }

    // The body the anchor sends is an envelope as MassTransit wrote it for the outbox run, so sizes match.
    private static async Task<byte[]> SampleEnvelopeAsync(IChannel channel)
    {
        var sample = await channel.BasicGetAsync(Queues[0], autoAck: true);
        return sample?.Body.ToArray() ?? throw new InvalidOperationException("The outbox run delivered nothing to sample.");
    }
}
