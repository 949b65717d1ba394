using System.Diagnostics.Metrics;

namespace Crm.ServiceDefaults;

/// <summary>
/// A service's business counters on its Meter (<c>Crm.&lt;Service&gt;</c>). The factory hands out one Meter per name,
/// so several classes of a service may declare counters on the same Meter; a derived class is only its counters.
/// </summary>
public abstract class ServiceMetrics(IMeterFactory meters, string meterName) : IDisposable
{
    protected Meter Meter { get; } = meters.Create(meterName);

    protected Counter<long> Counter(string name, string unit, string description) => Meter.CreateCounter<long>(name, unit, description);

    protected Counter<double> Amounts(string name, string description) => Meter.CreateCounter<double>(name, "{currency}", description);

    protected static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    public void Dispose()
    {
        Meter.Dispose();
        GC.SuppressFinalize(this);
    }
}
