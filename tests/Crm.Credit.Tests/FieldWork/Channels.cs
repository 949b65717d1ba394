using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Crm.Credit.Tests.FieldWork;

/// <summary>Customer files as the customers service announces them, with a place in the channel tree (渠道).</summary>
public static class Channels
{
    /// <summary>Registers a customer (an outlet when <paramref name="parent"/> is set) with its entry date, and waits until credit knows it.</summary>
    public static async Task<Guid> RegisterAsync(
        this CreditSystem credit, string code, string branch = "sh", Guid? parent = null, string? tier = null, DateOnly? entryDate = null,
        string owner = "rep-1", string region = "华东")
    {
        var id = Guid.NewGuid();
        var entered = entryDate ?? CreditSystem.Today.AddDays(-400);
        await RawPublisher.PublishAsync(credit.System.Broker.AmqpUri(), new CustomerRegistered
        {
            CustomerId = id,
            BranchId = branch,
            OccurredAt = new DateTimeOffset(entered.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero),
            Code = code,
            Name = $"门店 {code}",
            Kind = "other",
            Region = region,
            Status = "active",
            OwnerId = owner,
            RegisteredBy = owner,
            EntryDate = entered,
            ParentId = parent,
            OutletTier = tier,
        });
        await Eventually.Until(() => credit.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == id)), $"credit to know {code}");
        return id;
    }
}

/// <summary>Listens to the meter <c>Crm.Credit</c> of one test system's credit host.</summary>
public sealed class CreditMeter : IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly MeterListener _listener;

    public CreditMeter(CreditSystem credit)
    {
        var factory = credit.System.ServicesOf("credit").GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Crm.Credit" && ReferenceEquals(instrument.Meter.Scope, factory)) listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _listener.Start();
    }

    public long Sum(string instrument, string? tag = null, object? value = null) => _measurements
        .Where(m => m.Instrument == instrument && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value)))
        .Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();
}
