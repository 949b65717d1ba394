using Crm.Messaging;
using System.Diagnostics.Metrics;

namespace Crm.Platform.Tests;

/// <summary>The inbox, on a real broker and a real SQLite file, with a handler that would show any second application.</summary>
public sealed class InboxTests : IAsyncLifetime
{
    private BrokerVirtualHost _broker = null!;
    private TallyHost _tally = null!;

    private string Queue => IntegrationEventHandlers<TallyDbContext>.QueueName(TallyHost.ServiceName, "crm.customer-registered");

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
    public async Task The_same_event_delivered_twice_changes_the_state_once()
    {
        var registered = Registered("twice");

        await RawPublisher.PublishAsync(_broker.AmqpUri(), registered);
        await _tally.WaitSettledAsync(1);
        await RawPublisher.PublishAsync(_broker.AmqpUri(), registered); // a redelivery: same eventId, new transport id
        await _tally.WaitSettledAsync(2);

        Assert.Equal(1, _tally.Deliveries.HandlerRuns(registered.EventId));
        Assert.Equal(1, await TallyOf("twice"));
        Assert.Equal(1, await _tally.QueryAsync(db => db.InboxMessages.CountAsync(m => m.MessageId == registered.EventId)));
        Assert.Equal(0u, await RawPublisher.ErrorQueueDepthAsync(_broker.AmqpUri(), Queue));
    }

    [Fact]
    public async Task Copies_of_one_event_delivered_at_once_change_the_state_once()
    {
        var registered = Registered("at-once");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RawPublisher.PublishAsync(_broker.AmqpUri(), registered)));
        await _tally.WaitSettledAsync(8);

        Assert.Equal(1, await TallyOf("at-once"));
        Assert.Equal(1, await _tally.QueryAsync(db => db.InboxMessages.CountAsync(m => m.MessageId == registered.EventId)));
        Assert.Equal(0u, await RawPublisher.ErrorQueueDepthAsync(_broker.AmqpUri(), Queue));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_retried_a_bounded_number_of_times_then_parked_in_the_error_queue()
    {
        var poison = Registered(CountingHandler.Poison);

        await RawPublisher.PublishAsync(_broker.AmqpUri(), poison);
        await _tally.WaitSettledAsync(1);

        Assert.Equal(1 + 2, _tally.Deliveries.HandlerRuns(poison.EventId)); // the first try and Messaging:RetryLimit retries
        Assert.Equal(1u, await RawPublisher.ErrorQueueDepthAsync(_broker.AmqpUri(), Queue));
        Assert.Equal(0, await TallyOf(CountingHandler.Poison));
        Assert.False(await _tally.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.MessageId == poison.EventId)));
    }

    [Fact]
    public async Task A_batch_with_a_failing_event_rolls_back_and_its_events_are_applied_one_by_one()
    {
        using var fallbacks = new InstrumentTotal(_tally.Host.Services.GetRequiredService<IMeterFactory>(), "crm.inbox.batch_fallbacks");
        var slow = Registered(CountingHandler.Slow);
        var good = Enumerable.Range(1, 6).Select(i => Registered($"good-{i}")).ToList();
        var poison = Registered(CountingHandler.Poison);

        // While the slow event holds the batch writer, the others arrive and queue: they make the next batch together.
        await RawPublisher.PublishAsync(_broker.AmqpUri(), slow);
        await Eventually.Until(() => Task.FromResult(_tally.Deliveries.HandlerRuns(slow.EventId) > 0), "the slow event to be under way");
        await Task.WhenAll(good.Select(e => RawPublisher.PublishAsync(_broker.AmqpUri(), e)));
        await Eventually.Until(() => Task.FromResult(_tally.Deliveries.HandlerRuns(slow.EventId) > 0), "the slow event to be under way");
        await Task.Delay(100); // the poison queues behind the good ones, so the batch applies some of them before it fails
        await RawPublisher.PublishAsync(_broker.AmqpUri(), poison);
        await _tally.WaitSettledAsync(1 + good.Count + 1);

        Assert.True(fallbacks.Total >= 1, "the batch with the poison failed and fell back to one by one");
        foreach (var e in good)
        {
            Assert.Equal(1, await TallyOf(e.Name));
            Assert.Equal(1, await _tally.QueryAsync(db => db.InboxMessages.CountAsync(m => m.MessageId == e.EventId)));
        }
        // The good events the batch had applied before the poison ran again one by one: the rollback undid them.
        Assert.Contains(good, e => _tally.Deliveries.HandlerRuns(e.EventId) > 1);
        Assert.Equal(0, await TallyOf(CountingHandler.Poison));
        Assert.Equal(1u, await RawPublisher.ErrorQueueDepthAsync(_broker.AmqpUri(), Queue));
    }

    [Fact]
    public async Task Asking_the_depth_of_a_queue_that_does_not_exist_fails_instead_of_answering_zero()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => RawPublisher.QueueDepthAsync(_broker.AmqpUri(), Queue + "-misspelt"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => RawPublisher.ErrorQueueDepthAsync(_broker.AmqpUri(), Queue + "-misspelt"));
    }

    private static CustomerRegistered Registered(string name) => new()
    {
        CustomerId = Guid.NewGuid(),
        BranchId = "sh",
        OccurredAt = DateTimeOffset.UtcNow,
        Name = name,
        Code = "SH-1",
        Kind = "agent",
        Region = "华东",
        OwnerId = "rep-1",
    };

    /// <summary>The running total of one counter of a host's meters.</summary>
    private sealed class InstrumentTotal : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public InstrumentTotal(IMeterFactory meters, string instrument)
        {
            _listener.InstrumentPublished = (i, listener) =>
            {
                if (i.Name == instrument && ReferenceEquals(i.Meter.Scope, meters)) listener.EnableMeasurementEvents(i);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }

    private Task<int> TallyOf(string name) =>
        _tally.QueryAsync(async db => (await db.Tallies.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name))?.Count ?? 0);
}
