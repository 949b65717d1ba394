using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Crm.Events;
using Crm.Messaging;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Web.Live;

/// <summary>An alert as a signed-in person's open pages hear of it.</summary>
public sealed record LiveAlert(Guid AlertId, Guid CustomerId, string Rule, string Summary, DateTimeOffset OccurredAt);

/// <summary>Who a page belongs to: the alert reaches the person it names, or everyone of its role in its branch.</summary>
public sealed record LiveListener(string UserId, string Branch, IReadOnlyCollection<string> Roles, Func<LiveAlert, Task> OnAlert);

/// <summary>
/// The open circuits that listen for new alerts, and the delivery of one <c>crm.alert-raised</c> to those of its assignee.
/// At least once from the broker: an event already delivered (same <c>eventId</c>) is not shown twice.
/// </summary>
public sealed class LiveAlerts(ILogger<LiveAlerts> logger)
{
    public const string MeterName = "Crm.Web";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Pushed = Meter.CreateCounter<long>("crm.web.alerts_pushed", description: "Alerts pushed to open sessions");

    private readonly ConcurrentDictionary<Guid, LiveListener> _listeners = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _seen = new();
    private readonly ConcurrentQueue<Guid> _seenOrder = new();
    private const int Remember = 10_000;

    public IDisposable Listen(LiveListener listener)
    {
        var id = Guid.NewGuid();
        _listeners[id] = listener;
        return new Subscription(() => _listeners.TryRemove(id, out _));
    }

    public int ListenerCount => _listeners.Count;

    public async Task DeliverAsync(AlertRaised raised)
    {
        if (!_seen.TryAdd(raised.EventId, raised.OccurredAt)) return;
        _seenOrder.Enqueue(raised.EventId);
        while (_seenOrder.Count > Remember && _seenOrder.TryDequeue(out var old)) _seen.TryRemove(old, out _);

        var alert = new LiveAlert(raised.AlertId, raised.CustomerId, raised.Rule, raised.Summary, raised.OccurredAt);
        foreach (var listener in _listeners.Values.Where(l => IsFor(raised, l)))
        {
            try
            {
                await listener.OnAlert(alert);
                Pushed.Add(1, new KeyValuePair<string, object?>("rule", raised.Rule));
            }
            catch (Exception e)
            {
                // A closed page must not keep the others from hearing of the alert.
                logger.LogDebug(e, "Could not push alert {AlertId} to a session", raised.AlertId);
            }
        }
    }

    public static bool IsFor(AlertRaised raised, LiveListener listener) =>
        !string.IsNullOrEmpty(raised.AssigneeId)
            ? raised.AssigneeId == listener.UserId
            : raised.AssigneeRole is { } role && listener.Roles.Contains(role) && string.Equals(raised.BranchId, listener.Branch, StringComparison.OrdinalIgnoreCase);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

/// <summary>The web app's consumer of <c>crm.alert-raised</c>.</summary>
public sealed class AlertRaisedConsumer(LiveAlerts live) : IConsumer<AlertRaised>
{
    public Task Consume(ConsumeContext<AlertRaised> context) => live.DeliverAsync(context.Message);
}

public static class LiveAlertsExtensions
{
    /// <summary>
    /// A queue of this instance's own (<c>web.alert-raised.{instance}</c>, deleted when the instance stops) bound to the
    /// <c>crm.alert-raised</c> exchange: every instance of the web app hears every alert and pushes it to its own
    /// circuits. What was raised while no instance ran is on the alert list, which the pages read.
    /// </summary>
    public static void AddLiveAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveAlerts>();
        builder.Services.AddScoped<SessionAlerts>();
        var uri = builder.Configuration.GetConnectionString("messaging")
            ?? (builder.Environment.IsDevelopment() ? "amqp://guest:guest@localhost:5672" : null);
        if (uri is null) return; // no broker configured: the pages work, alerts show on reload
        var broker = BrokerAddress.Parse(uri);
        var instance = builder.Configuration["Live:Instance"] ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40];

        builder.Services.AddBrokerBus(broker, stopTimeout: TimeSpan.FromSeconds(10),
            consumers: bus => bus.AddConsumer<AlertRaisedConsumer>(),
            endpoints: (context, rabbit) => rabbit.ReceiveEndpoint($"web.alert-raised.{instance}", endpoint =>
            {
                endpoint.Durable = false;
                endpoint.AutoDelete = true;
                endpoint.ConfigureConsumeTopology = false;
                endpoint.Bind<AlertRaised>();
                endpoint.ConfigureConsumer<AlertRaisedConsumer>(context);
            }));
    }
}
