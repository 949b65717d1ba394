using Crm.AfterSales.Infrastructure;
using Crm.AfterSales.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.AfterSales.Tests;

/// <summary>
/// The after-sales service behind the real gateway, on a real broker and a real SQLite file, with a fake clock that
/// only the tests move and the schedule off: tests run the service-level sweep themselves at the instants they choose.
/// </summary>
public class AfterSalesFixture : IAsyncLifetime
{
    public const string Branch = "sh";
    public const string OtherBranch = "bj";

    /// <summary>Monday 2026-03-16, 10:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 16, 2, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public CrmSystem System { get; private set; } = null!;

    public string FilesFolder { get; } = Path.Combine(Path.GetTempPath(), "crm-tests", "aftersales-files-" + Guid.NewGuid().ToString("N"));

    public string Amqp => System.Broker.AmqpUri();

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>The schedule is off unless a fixture turns it on.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [new("AfterSales:ScheduleEnabled", "false")];

    public async Task InitializeAsync() => System = await CrmSystem.StartAsync(new CrmSystemOptions
    {
        Services = ["aftersales"],
        Settings = name => name == "aftersales" ? [.. Settings, new("AfterSales:DataFolder", FilesFolder)] : [],
        ConfigureServices = (name, services) =>
        {
            if (name == "aftersales") services.AddSingleton<TimeProvider>(Clock);
        },
    });

    public async Task DisposeAsync()
    {
        await System.DisposeAsync();
        try { Directory.Delete(FilesFolder, recursive: true); }
        catch (IOException) { /* cleaned with the temp folder */ }
        catch (UnauthorizedAccessException) { /* idem */ }
    }

    public HttpClient AfterSales(string user = "as-1", string branch = Branch) => System.Gateway(user, branch, "after-sales");
    public HttpClient Manager(string user = "sam-1", string branch = Branch) => System.Gateway(user, branch, "sales-admin-manager");
    public HttpClient Rep(string user = "rep-1", string branch = Branch) => System.Gateway(user, branch, "sales-rep");
    public HttpClient Vp(string user = "vp-1", string branch = Branch) => System.Gateway(user, branch, "sales-vp");

    public ServiceLevelSweep Sweep => System.ServicesOf("aftersales").GetRequiredService<ServiceLevelSweep>();

    public Task<T> QueryAsync<T>(Func<AfterSalesDbContext, Task<T>> query) => System.QueryAsync("aftersales", db => query((AfterSalesDbContext)db));

    /// <summary>Publishes the event as its owner would and waits until the after-sales service has handled it.</summary>
    public async Task DeliverAsync(IntegrationEvent integrationEvent)
    {
        await RawPublisher.PublishAsync(Amqp, integrationEvent);
        await Eventually.Until(
            () => QueryAsync(db => db.InboxMessages.AnyAsync(m => m.MessageId == integrationEvent.EventId)),
            $"the after-sales service to handle {integrationEvent.GetType().Name} {integrationEvent.EventId}");
    }

    public async Task<Guid> CustomerAsync(string branch = Branch, string region = "华东", string name = "杭州利民日化有限公司")
    {
        var id = Guid.NewGuid();
        await DeliverAsync(new CustomerRegistered
        {
            CustomerId = id,
            BranchId = branch,
            OccurredAt = Now,
            Code = $"{branch.ToUpperInvariant()}-{id.ToString()[..6]}",
            Name = name,
            Kind = "agent",
            Region = region,
            OwnerId = "rep-1",
            RegisteredBy = "rep-1",
            EntryDate = DateOnly.FromDateTime(Now.UtcDateTime),
        });
        return id;
    }

    /// <summary>Moves the fake clock forwards to an instant and runs the sweep there.</summary>
    public async Task<int> SweepAtAsync(DateTimeOffset instant)
    {
        if (instant > Clock.GetUtcNow()) Clock.SetUtcNow(instant);
        return await Sweep.RunAsync(CancellationToken.None);
    }
}

/// <summary>The calls of the complaint procedure, each asserting nothing: tests assert on what comes back.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonElement> OpenAsync(HttpClient client, Guid customerId, string subject = "包装破损, 产品受潮", string? product = "洗衣粉",
        string? severity = null)
    {
        var response = await client.PostAsJsonAsync("/api/aftersales/complaints",
            new { customerId, subject, description = "客户收货时发现外箱破损, 约两成产品受潮结块", product, batch = "B20260301", severity });
        return await HttpAssertions.JsonAsync(response, HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> ActAsync(HttpClient client, Guid id, string action, object body) =>
        client.PostAsJsonAsync($"/api/aftersales/complaints/{id}/{action}", body);

    public static async Task<JsonElement> OkAsync(HttpClient client, Guid id, string action, object body) =>
        await HttpAssertions.JsonAsync(await ActAsync(client, id, action, body), HttpStatusCode.OK);

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid id) =>
        await HttpAssertions.JsonAsync(await client.GetAsync($"/api/aftersales/complaints/{id}"), HttpStatusCode.OK);

    public static Guid Id(this JsonElement complaint) => complaint.GetProperty("id").GetGuid();
    public static long Version(this JsonElement complaint) => complaint.GetProperty("version").GetInt64();
    public static string State(this JsonElement complaint) => complaint.GetProperty("state").GetString()!;

    public static List<string> Actions(this JsonElement complaint) =>
        complaint.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("action").GetString()!).ToList();

    public static List<string> Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();
}
