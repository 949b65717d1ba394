namespace Crm.Messaging;

/// <summary>MassTransit on the company's RabbitMQ, set up once for every host that talks to it (the services, the web app).</summary>
public static class BrokerBus
{
    /// <summary>
    /// The bus on <paramref name="broker"/>: the host starts and answers while the broker is away (the bus's health is then
    /// degraded, not unhealthy, and it catches up when the broker returns); nothing is reported outside the company
    /// (customer data is a trade secret: MassTransit's usage telemetry is off); messages are the integration events' JSON.
    /// <paramref name="consumers"/> registers the host's consumers, <paramref name="endpoints"/> its receive side.
    /// </summary>
    public static void AddBrokerBus(
        this IServiceCollection services, BrokerAddress broker, TimeSpan stopTimeout,
        Action<IBusRegistrationConfigurator> consumers, Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator> endpoints)
    {
        services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = false;
            host.StopTimeout = stopTimeout;
        });
        services.AddMassTransit(bus =>
        {
            bus.ConfigureHealthCheckOptions(health => health.MinimalFailureStatus = HealthStatus.Degraded);
            bus.DisableUsageTelemetry();
            consumers(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
                {
                    host.Username(broker.Username);
                    host.Password(broker.Password);
                    if (broker.UseTls) host.UseSsl(ssl => ssl.ServerName = broker.Host);
                });
                rabbit.ConfigureJsonSerializerOptions(IntegrationEventJson.Configure);
                endpoints(context, rabbit);
            });
        });
    }
}
