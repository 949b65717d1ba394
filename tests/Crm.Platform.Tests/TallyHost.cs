using System.Collections.Concurrent;
using Crm.Messaging;
using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Crm.Platform.Tests;

/// <summary>
/// The smallest service Crm.Messaging can serve: one table of tallies whose handler is deliberately not idempotent
/// (it increments), so that any second application of an event would show.
/// </summary>
public sealed class TallyDbContext(DbContextOptions<TallyDbContext> options) : DbContext(options), IMessagingDbContext
{
    public DbSet<Tally> Tallies => Set<Tally>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tally>().HasKey(t => t.Name);
        modelBuilder.AddOutboxAndInbox();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        ProviderConventions.ForSqlite(configurationBuilder);
}

public sealed class Tally
{
    public string Name { get; set; } = "";
    public int Count { get; set; }
}

/// <summary>
/// Counts each registration by name; throws for the name "poison" after staging its change; takes a second for a name
/// that starts with "slow" (so that events arriving meanwhile queue for the next batch).
/// </summary>
public sealed class CountingHandler(TallyDbContext db, DeliveryLog log) : IIntegrationEventHandler<CustomerRegistered>
{
    public const string Poison = "poison";
    public const string Slow = "slow";

    public async Task HandleAsync(CustomerRegistered integrationEvent, CancellationToken cancellationToken)
    {
        log.HandlerRan(integrationEvent.EventId);
        if (integrationEvent.Name.StartsWith(Slow, StringComparison.Ordinal)) await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var tally = await db.Tallies.FindAsync([integrationEvent.Name], cancellationToken);
        if (tally is null) db.Tallies.Add(tally = new Tally { Name = integrationEvent.Name });
        tally.Count++;
        if (integrationEvent.Name == Poison)
        {
            await db.SaveChangesAsync(cancellationToken); // written inside the inbox's transaction, which must roll it back
            throw new InvalidOperationException("A handler that always fails.");
        }
    }
}

/// <summary>
/// What happened to each delivery, outside any transaction: how often the handler ran, and how many deliveries the
/// bus has finished with (acknowledged, or moved to the error queue after its retries).
/// </summary>
public sealed class DeliveryLog : IReceiveObserver
{
    private readonly ConcurrentDictionary<Guid, int> _handlerRuns = new();
    private int _settled;

    public int Settled => Volatile.Read(ref _settled);

    public int HandlerRuns(Guid eventId) => _handlerRuns.GetValueOrDefault(eventId);

    internal void HandlerRan(Guid eventId) => _handlerRuns.AddOrUpdate(eventId, 1, (_, runs) => runs + 1);

    public Task PostReceive(ReceiveContext context)
    {
        Interlocked.Increment(ref _settled);
        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class =>
        Task.CompletedTask;
}

public sealed class TallyHost : IAsyncDisposable
{
    public const string ServiceName = "tally";

    private TallyHost(IHost host, string file)
    {
        Host = host;
        File = file;
    }

    public IHost Host { get; }
    public string File { get; }
    public DeliveryLog Deliveries => Host.Services.GetRequiredService<DeliveryLog>();

    /// <summary>Leave the database file behind on dispose, for a next host on the same file.</summary>
    public bool KeepFile { get; set; }

    /// <summary>Waits until the bus has finished with this many deliveries since the host started.</summary>
    public Task WaitSettledAsync(int deliveries) =>
        Eventually.Until(() => Task.FromResult(Deliveries.Settled >= deliveries), $"{deliveries} deliveries to settle");

    public static async Task<TallyHost> StartAsync(
        string amqpUri, string? file = null, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        file ??= Path.Combine(Path.GetTempPath(), $"crm-tally-{Guid.NewGuid():N}.db");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = amqpUri,
            ["Messaging:RetryLimit"] = "2",
            ["Messaging:RetryMinInterval"] = "00:00:00.050",
            ["Messaging:RetryMaxInterval"] = "00:00:00.100",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(clock ?? TimeProvider.System);
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddDbContext<TallyDbContext>((services, options) => options
            .UseSqlite($"Data Source={file}")
            .AddInterceptors(services.GetServices<IInterceptor>()));
        builder.AddMessaging<TallyDbContext>(ServiceName, handlers => handlers.Handle<CustomerRegistered, CountingHandler>());

        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TallyDbContext>().Database.EnsureCreatedAsync();
        var bus = host.Services.GetRequiredService<IBusControl>();
        bus.ConnectReceiveObserver(host.Services.GetRequiredService<DeliveryLog>());
        await host.StartAsync();
        await Eventually.Until(() => Task.FromResult(bus.CheckHealth().Status == BusHealthStatus.Healthy), "the tally bus to be healthy");
        return new TallyHost(host, file);
    }

    public async Task<T> QueryAsync<T>(Func<TallyDbContext, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TallyDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!KeepFile) System.IO.File.Delete(File);
    }
}
