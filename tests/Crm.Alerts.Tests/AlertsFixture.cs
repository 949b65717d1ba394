using Crm.Alerts.Services;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Alerts.Tests;

/// <summary>
/// The alerts service on a real broker and a real SQLite file, with a fake clock, fed with events as the other
/// services publish them. The schedule is off unless a fixture turns it on: tests run the sweep themselves at the
/// instants they choose.
/// </summary>
public class AlertsFixture : IAsyncLifetime
{
    /// <summary>A Sunday noon in Shanghai, mid-March: far from any month's edge.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 15, 4, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public CrmSystem System { get; private set; } = null!;

    protected virtual bool ScheduleEnabled => false;

    protected virtual IReadOnlyCollection<string> Services => ["alerts"];

    protected virtual bool UseFakeClock => true;

    public string Amqp => System.Broker.AmqpUri();

    public async Task InitializeAsync() => System = await CrmSystem.StartAsync(new CrmSystemOptions
    {
        Services = Services,
        Settings = name => name == "alerts" ? [new("Alerts:ScheduleEnabled", ScheduleEnabled ? "true" : "false")] : [],
        ConfigureServices = (name, services) =>
        {
            if (name == "alerts" && UseFakeClock) services.AddSingleton<TimeProvider>(Clock);
        },
    });

    public async Task DisposeAsync() => await System.DisposeAsync();

    public AlertSweep Sweep => System.ServicesOf("alerts").GetRequiredService<AlertSweep>();

    public IServiceProvider AlertsServices => System.ServicesOf("alerts");

    public Task PublishAsync(IntegrationEvent integrationEvent) => RawPublisher.PublishAsync(Amqp, integrationEvent);

    /// <summary>Publishes the event and waits until the alerts service has handled it (its inbox holds it).</summary>
    public async Task DeliverAsync(IntegrationEvent integrationEvent)
    {
        await PublishAsync(integrationEvent);
        await WaitHandledAsync(integrationEvent);
    }

    public async Task DeliverAllAsync(params IntegrationEvent[] events)
    {
        foreach (var integrationEvent in events) await DeliverAsync(integrationEvent);
    }

    public Task WaitHandledAsync(IntegrationEvent integrationEvent) => Eventually.Until(
        () => QueryAsync(db => db.InboxMessages.AnyAsync(m => m.MessageId == integrationEvent.EventId)),
        $"the alerts service to handle {integrationEvent.GetType().Name} {integrationEvent.EventId}");

    public Task<T> QueryAsync<T>(Func<AlertsDbContext, Task<T>> query) => System.QueryAsync("alerts", db => query((AlertsDbContext)db));

    public Task<List<Alert>> AlertsOfAsync(Guid customerId, string? rule = null) => QueryAsync(db => db.Alerts.AsNoTracking()
        .Where(a => a.CustomerId == customerId && (rule == null || a.Rule == rule))
        .OrderBy(a => a.RaisedAt)
        .ToListAsync());

    public Task<Customer?> CustomerAsync(Guid customerId) =>
        QueryAsync(db => db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId));

    public async Task<Alert> WaitForAlertAsync(Guid customerId, string rule, Func<Alert, bool>? condition = null)
    {
        var alerts = await Eventually.Until(
            () => AlertsOfAsync(customerId, rule),
            found => found.Any(a => condition?.Invoke(a) ?? true),
            $"a {rule} alert for {customerId}");
        return alerts.Last(a => condition?.Invoke(a) ?? true);
    }

    /// <summary>Moves the fake clock to an instant (forwards only) and runs the time-based rules there.</summary>
    public async Task<int> SweepAtAsync(DateTimeOffset instant)
    {
        if (instant > Clock.GetUtcNow()) Clock.SetUtcNow(instant);
        return await Sweep.EvaluateTimeBasedRulesAsync(CancellationToken.None);
    }
}
