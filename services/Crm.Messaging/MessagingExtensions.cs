using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Messaging;

/// <summary>The <c>Messaging</c> section (besides <c>ConnectionStrings:messaging</c>).</summary>
public sealed class MessagingOptions
{
    /// <summary>Redeliveries of a failing message, with exponential intervals, before it goes to the <c>_error</c> queue.</summary>
    public int RetryLimit { get; set; } = 5;
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(10);
    public int PrefetchCount { get; set; } = 32;
    public int ConcurrentMessageLimit { get; set; } = 8;
}

/// <summary>The integration events a service handles, each with its inbox-guarded handler.</summary>
public sealed class IntegrationEventHandlers<TContext>(IServiceCollection services, string serviceName)
    where TContext : DbContext, IMessagingDbContext
{
    internal List<Action<IBusRegistrationConfigurator>> Registrations { get; } = [];

    /// <summary>
    /// Handles <typeparamref name="TEvent"/> with <typeparamref name="THandler"/> on the queue
    /// <c>{service}.{event}</c> (for example <c>credit.customer-registered</c>), bound to the event's exchange.
    /// </summary>
    public IntegrationEventHandlers<TContext> Handle<TEvent, THandler>()
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        var queue = QueueName(serviceName, IntegrationEventTypes.ExchangeOf<TEvent>());
        Registrations.Add(bus => bus.AddConsumer<InboxConsumer<TEvent, THandler, TContext>>().Endpoint(e => e.Name = queue));
        return this;
    }

    public static string QueueName(string serviceName, string exchange) =>
        $"{serviceName}.{(exchange.StartsWith("crm.", StringComparison.Ordinal) ? exchange[4..] : exchange)}";
}

public static class MessagingExtensions
{
    public const string ConnectionName = "messaging";

    /// <summary>
    /// MassTransit on RabbitMQ (<c>ConnectionStrings:messaging</c>, an amqp URI), the transactional outbox of
    /// <typeparamref name="TContext"/> with its dispatcher, and the handlers behind the inbox. The context must be
    /// registered with the container's interceptors (as <c>AddServiceDatabase</c> does). Call after
    /// <c>AddServiceDatabase</c>, so that migrations run before the bus and the dispatcher start.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TContext>(
        this IHostApplicationBuilder builder, string serviceName, Action<IntegrationEventHandlers<TContext>>? configureHandlers = null)
        where TContext : DbContext, IMessagingDbContext
    {
        var options = builder.Configuration.GetSection("Messaging").Get<MessagingOptions>() ?? new MessagingOptions();
        var broker = BrokerAddress.Parse(builder.Configuration.GetConnectionString(ConnectionName)
            ?? (builder.Environment.IsDevelopment() ? "amqp://guest:guest@localhost:5672" : null)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} (an amqp:// URI of the RabbitMQ broker) is not set."));

        var handlers = new IntegrationEventHandlers<TContext>(builder.Services, serviceName);
        configureHandlers?.Invoke(handlers);

        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection("Messaging:Outbox"));
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<IInterceptor, OutboxSignalInterceptor>();
        builder.Services.AddSingleton<OutboxMetrics>();
        builder.Services.AddSingleton<InboxMetrics>();
        builder.Services.AddSingleton<IInterceptor, DeferredTransactionInterceptor>();
        builder.Services.Configure<InboxBatchOptions>(builder.Configuration.GetSection("Messaging"));
        // On SQLite the consumers' events are applied by one batch writer (group commit); idle on SQL Server.
        builder.Services.AddSingleton<InboxBatcher<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<InboxBatcher<TContext>>());
        builder.Services.AddOptions<InboxPruningOptions>()
            .Bind(builder.Configuration.GetSection("Messaging"))
            .Validate(o => o.InboxRetention > TimeSpan.Zero && o.InboxPruneInterval > TimeSpan.Zero && o.InboxPruneBatchSize > 0,
                "Messaging:InboxRetention and InboxPruneInterval must be positive, InboxPruneBatchSize at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<InboxPruning<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<InboxPruning<TContext>>());
        // Each consumed event declares the branch it is handled for (see InboxConsumer).
        builder.Services.TryAddScoped<BackgroundIdentity>();
        builder.Services.AddSingleton(services => new OutboxPublisher(
            broker, services.GetRequiredService<IBus>(), services.GetRequiredService<TimeProvider>(), $"{serviceName} outbox"));
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        builder.Services.AddHealthChecks().AddCheck<OutboxHealthCheck>("outbox", HealthStatus.Degraded);

        builder.Services.AddBrokerBus(broker, stopTimeout: TimeSpan.FromSeconds(30),
            consumers: bus =>
            {
                foreach (var register in handlers.Registrations) register(bus);
            },
            endpoints: (context, rabbit) =>
            {
                rabbit.PrefetchCount = options.PrefetchCount;
                rabbit.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
                rabbit.UseMessageRetry(retry => retry.Exponential(
                    options.RetryLimit, options.RetryMinInterval, options.RetryMaxInterval, options.RetryMinInterval));
                rabbit.ConfigureEndpoints(context);
            });
        return builder;
    }
}

/// <summary>An amqp(s) URI taken apart, user and password unescaped.</summary>
public sealed record BrokerAddress(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseTls)
{
    public static BrokerAddress Parse(string uri)
    {
        var address = new Uri(uri);
        if (address.Scheme is not ("amqp" or "amqps"))
            throw new InvalidOperationException($"ConnectionStrings:messaging must be an amqp:// or amqps:// URI, not '{address.Scheme}'.");
        var tls = address.Scheme == "amqps";
        var credentials = address.UserInfo.Split(':', 2);
        var virtualHost = Uri.UnescapeDataString(address.AbsolutePath.TrimStart('/'));
        return new BrokerAddress(
            address.Host,
            (ushort)(address.IsDefaultPort || address.Port < 0 ? (tls ? 5671 : 5672) : address.Port),
            virtualHost.Length == 0 ? "/" : virtualHost,
            credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest",
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest",
            tls);
    }
}
