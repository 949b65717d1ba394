using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Crm.TestKit;

/// <summary>
/// Counts, per consumer, the events one host's inbox let through to the handler (<c>crm.inbox.processed</c>) and the
/// redeliveries it absorbed (<c>crm.inbox.duplicates</c>). It listens only to the meters of that host's
/// <see cref="IMeterFactory"/>, so other hosts in the process do not count. Unlike a count of inbox rows (whose key
/// makes a second row impossible), a handler that ran twice shows here as 2.
/// </summary>
public sealed class InboxCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Consumer), long> _counts = new();

    public InboxCounter(ICrmHost host)
    {
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name is "crm.inbox.processed" or "crm.inbox.duplicates")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var consumer = "";
            foreach (var tag in tags)
                if (tag.Key == "crm.consumer") consumer = tag.Value?.ToString() ?? "";
            _counts.AddOrUpdate((instrument.Name, consumer), value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>How many times the consumer's handler ran and committed.</summary>
    public long Processed(string consumer) => _counts.GetValueOrDefault(("crm.inbox.processed", consumer));

    /// <summary>How many redeliveries the inbox absorbed for the consumer.</summary>
    public long Duplicates(string consumer) => _counts.GetValueOrDefault(("crm.inbox.duplicates", consumer));

    public void Dispose() => _listener.Dispose();
}
