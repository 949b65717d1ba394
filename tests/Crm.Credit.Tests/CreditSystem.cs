using System.Net.Http.Json;
using Crm.Credit.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Credit.Tests;

/// <summary>
/// The credit service behind the real gateway, on a real SQLite file and a broker virtual host of its own, with its
/// clock pinned (the only thing replaced): "today" is <see cref="Today"/> for every test of the class.
/// </summary>
public sealed class CreditSystem : IAsyncLifetime
{
    /// <summary>More registrations in the credit host (settings of a test of its own).</summary>
    public Action<IServiceCollection>? Configure { get; init; }

    /// <summary>Mid-month, so that no test straddles a month's end.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 16, 2, 0, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public FakeTimeProvider Clock { get; } = new(Now);

    public CrmSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await CrmSystem.StartAsync(new CrmSystemOptions
    {
        Services = ["credit"],
        ConfigureServices = (service, services) =>
        {
            if (service != "credit") return;
            services.AddSingleton<TimeProvider>(Clock);
            Configure?.Invoke(services);
        },
    });

    public async Task DisposeAsync() => await System.DisposeAsync();

    public HttpClient As(string userId, string branch, params string[] roles) => System.Gateway(userId, branch, roles);

    /// <summary>Registers a customer as the customers service would announce it, and waits until credit knows it.</summary>
    public async Task<Guid> RegisterCustomerAsync(string branch = "sh", string? name = null, string owner = "rep-1", string region = "华东", string? code = null)
    {
        var id = Guid.NewGuid();
        await RawPublisher.PublishAsync(System.Broker.AmqpUri(), new CustomerRegistered
        {
            CustomerId = id,
            BranchId = branch,
            OccurredAt = Now.AddDays(-400),
            Code = code ?? $"{branch.ToUpperInvariant()}-{Random.Shared.Next(100000, 999999)}",
            Name = name ?? $"客户 {id:N}"[..12],
            Kind = "agent",
            Region = region,
            Status = "active",
            OwnerId = owner,
            RegisteredBy = owner,
            EntryDate = Today.AddDays(-400),
        });
        await Eventually.Until(() => QueryAsync(db => db.Customers.AnyAsync(c => c.Id == id)), $"credit to know customer {id}");
        return id;
    }

    /// <summary>Publishes an event as its owning service would, and waits for credit to have handled it.</summary>
    public async Task PublishAndWaitAsync(IntegrationEvent integrationEvent)
    {
        await RawPublisher.PublishAsync(System.Broker.AmqpUri(), integrationEvent);
        await Eventually.Until(() => QueryAsync(db => db.InboxMessages.AnyAsync(m => m.MessageId == integrationEvent.EventId)),
            $"credit to handle {integrationEvent.GetType().Name}");
    }

    public Task<T> QueryAsync<T>(Func<CreditDbContext, Task<T>> query) => System.QueryAsync("credit", db => query((CreditDbContext)db));

    public Task<RawSubscriber> SubscribeAsync(string exchange) => RawSubscriber.BindAsync(System.Broker.AmqpUri(), exchange);
}

public static class HttpAssertions
{
    /// <summary>
    /// Starts a grading run (202 with the run's Location), follows the run until it is completed and returns its
    /// summary; a failed run fails the test with the run's error.
    /// </summary>
    public static async Task<JsonElement> RunGrading(this HttpClient client, string period)
    {
        var run = await client.FollowGradingRun(period);
        if (run.String("state") == "failed") Assert.Fail($"The grading run failed: {run.String("error")}");
        var progress = run.GetProperty("progress");
        Assert.Equal(progress.GetProperty("total").GetInt32(), progress.GetProperty("done").GetInt32());
        return run.GetProperty("summary");
    }

    /// <summary>Starts a grading run (202 with the run's Location) and follows it until it is completed or failed; returns the run.</summary>
    public static async Task<JsonElement> FollowGradingRun(this HttpClient client, string period)
    {
        var response = await client.Post("/api/credit/grading/runs", new { period });
        var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
        var location = response.Headers.Location;
        Assert.NotNull(location);
        Assert.Equal($"/api/credit/grading/runs/{accepted.String("id")}", location.OriginalString);
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            var run = await (await client.GetAsync(location)).JsonAsync(HttpStatusCode.OK);
            if (run.String("state") is "completed" or "failed") return run;
            await Task.Delay(25);
        }
        Assert.Fail("The grading run did not finish within 30 s.");
        return default;
    }

    public static decimal Decimal(this JsonElement element, string property) => element.GetProperty(property).GetDecimal();

    public static string? String(this JsonElement element, string property) => element.GetProperty(property).GetString();

    /// <summary>A decimal of an event, which carries decimals as strings (compared by value: 1800 and 1800.0 alike).</summary>
    public static decimal Money(this JsonElement element, string property) =>
        decimal.Parse(element.GetProperty(property).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
