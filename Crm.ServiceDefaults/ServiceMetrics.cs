using System.Diagnostics.Metrics;

namespace Crm.ServiceDefaults;

/// <summary>
/// A service's business counters on its Meter (<c>Crm.&lt;Service&gt;</c>). The factory hands out one Meter per name,
/// so several classes of a service may declare counters on the same Meter; a derived class is only its counters, each
/// declared where it is created: <c>private readonly Counter&lt;long&gt; _x = meters.Counter(Name, "crm.…", "{unit}", "…");</c>.
/// </summary>
public abstract class ServiceMetrics(IMeterFactory meters, string meterName) : IDisposable
{
    protected Meter Meter { get; } = meters.Create(meterName);

    protected Counter<long> Counter(string name, string unit, string description) => Meter.CreateCounter<long>(name, unit, description);

    protected Counter<double> Amounts(string name, string description) => Meter.CreateCounter<double>(name, MeterInstruments.AmountUnit, description);

    protected static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    public void Dispose()
    {
        Meter.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Instruments on the Meter of a name, for a metrics class's field initialisers (the factory hands back the one Meter of that name).</summary>
public static class MeterInstruments
{
    public const string AmountUnit = "{currency}";

    public static Counter<long> Counter(this IMeterFactory meters, string meterName, string name, string unit, string description) =>
        meters.Create(meterName).CreateCounter<long>(name, unit, description);

    public static Counter<double> Amounts(this IMeterFactory meters, string meterName, string name, string description) =>
        meters.Create(meterName).CreateCounter<double>(name, AmountUnit, description);
}
