namespace Crm.Bench;

/// <summary>One benchmark: a class of its own under Benchmarks/, found by reflection.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    Task RunAsync(string[] options);
}

/// <summary>Latency samples and their percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan elapsed)
    {
        lock (_milliseconds) _milliseconds.Add(elapsed.TotalMilliseconds);
    }

    public void Add(long startTimestamp) => Add(Stopwatch.GetElapsedTime(startTimestamp));

    public void AddAll(Latencies other)
    {
        lock (other._milliseconds) lock (_milliseconds) _milliseconds.AddRange(other._milliseconds);
    }

    public double Percentile(double p)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0) return double.NaN;
            var sorted = _milliseconds.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    public override string ToString() => $"p50 {Percentile(50):F2} ms, p99 {Percentile(99):F2} ms (n={Count})";
}
