using System.Collections.Concurrent;

namespace Crm.Alerts.Tests;

/// <summary>
/// Listens to one host's meters (those its <see cref="IMeterFactory"/> created, not other hosts' of the same name in
/// this process): counters summed per instrument and tags, gauges as last observed.
/// </summary>
public sealed class MetricsProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Tags), long> _counters = new();
    private readonly ConcurrentDictionary<(string Instrument, string Tags), long> _gauges = new();

    public MetricsProbe(IMeterFactory scope, params string[] meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope) && meters.Contains(instrument.Meter.Name))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = (instrument.Name, TagsOf(tags));
            if (instrument is ObservableGauge<long>) _gauges[key] = value;
            else _counters.AddOrUpdate(key, value, (_, total) => total + value);
        });
        _listener.Start();
    }

    /// <summary>The counter's total over every measurement whose tags include the given ones.</summary>
    public long Counter(string instrument, params (string Key, string Value)[] tags) =>
        _counters.Where(c => c.Key.Instrument == instrument && Matches(c.Key.Tags, tags)).Sum(c => c.Value);

    /// <summary>Observes the gauges now, and returns the sum of the gauge's series whose tags include the given ones.</summary>
    public long Gauge(string instrument, params (string Key, string Value)[] tags)
    {
        foreach (var key in _gauges.Keys.Where(k => k.Instrument == instrument)) _gauges.TryRemove(key, out _);
        _listener.RecordObservableInstruments();
        return _gauges.Where(g => g.Key.Instrument == instrument && Matches(g.Key.Tags, tags)).Sum(g => g.Value);
    }

    private static string TagsOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var pairs = new List<string>();
        foreach (var tag in tags) pairs.Add($"{tag.Key}={tag.Value}");
        pairs.Sort(StringComparer.Ordinal);
        return string.Join(";", pairs);
    }

    private static bool Matches(string tags, (string Key, string Value)[] wanted) =>
        wanted.All(w => tags.Split(';').Contains($"{w.Key}={w.Value}"));

    public void Dispose() => _listener.Dispose();
}
