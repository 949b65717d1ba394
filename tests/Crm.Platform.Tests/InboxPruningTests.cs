using System.Diagnostics.Metrics;
using Crm.Messaging.Inbox;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Platform.Tests;

/// <summary>The inbox keeps handled ids for the retention period only: a scheduled job deletes older ones, in batches.</summary>
public sealed class InboxPruningTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private BrokerVirtualHost _broker = null!;
    private TallyHost _tally = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.CreateVirtualHostAsync();
        _tally = await TallyHost.StartAsync(_broker.AmqpUri(), clock: _clock, settings: new Dictionary<string, string?>
        {
            ["Messaging:InboxRetention"] = "30.00:00:00",
            ["Messaging:InboxPruneInterval"] = "01:00:00",
            ["Messaging:InboxPruneBatchSize"] = "3",
        });
    }

    public async Task DisposeAsync()
    {
        await _tally.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Ids_older_than_the_retention_are_pruned_in_batches_on_schedule_and_newer_ones_kept()
    {
        using var pruned = new PrunedCounter(_tally.Host.Services.GetRequiredService<IMeterFactory>());
        // Handled over the last two months: seven ids past the 30 days (more than two batches of 3), two within them.
        var old = Enumerable.Range(0, 7).Select(i => new InboxMessage(Guid.NewGuid(), "OldHandler", Start.AddDays(-31 - i))).ToList();
        var recent = new[] { new InboxMessage(Guid.NewGuid(), "RecentHandler", Start.AddDays(-29)), new InboxMessage(Guid.NewGuid(), "RecentHandler", Start.AddHours(-1)) };
        await _tally.QueryAsync(async db =>
        {
            db.InboxMessages.AddRange(old);
            db.InboxMessages.AddRange(recent);
            return await db.SaveChangesAsync();
        });

        // The job's next run comes when its interval has passed on the service's clock.
        _clock.Advance(TimeSpan.FromHours(1));
        await Eventually.Until(() => _tally.QueryAsync(db => db.InboxMessages.AllAsync(m => m.Consumer != "OldHandler")), "the expired inbox ids to be pruned");

        var left = await _tally.QueryAsync(db => db.InboxMessages.AsNoTracking().Select(m => m.MessageId).ToListAsync());
        Assert.Equal(recent.Select(m => m.MessageId).Order(), left.Order());
        Assert.Equal(7, pruned.Total);

        // A month later the recent ones have expired too.
        _clock.Advance(TimeSpan.FromDays(30));
        await Eventually.Until(() => _tally.QueryAsync(async db => !await db.InboxMessages.AnyAsync()), "the rest to be pruned");
        Assert.Equal(9, pruned.Total);
    }

    /// <summary>The <c>crm.inbox.pruned</c> counter of this host only (other hosts in the process have meters of their own).</summary>
    private sealed class PrunedCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public PrunedCounter(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "crm.inbox.pruned" && ReferenceEquals(instrument.Meter.Scope, factory)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
