using Microsoft.Extensions.Time.Testing;

namespace Crm.Customers.Tests;

/// <summary>The customers service behind the real gateway, on a real broker and a real SQLite file, for one test class.</summary>
public class CustomersFixture : IAsyncLifetime
{
    public CrmSystem System { get; private set; } = null!;

    /// <summary>Set by a fixture that moves time (the week to make contact); null means the real clock.</summary>
    protected virtual FakeTimeProvider? Clock => null;

    /// <summary>Settings of the customers service beyond the defaults (none unless a fixture says so).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public async Task InitializeAsync() => System = await CrmSystem.StartAsync(new CrmSystemOptions
    {
        Services = ["customers"],
        Settings = name => name == "customers" ? Settings : [],
        ConfigureServices = (name, services) =>
        {
            if (name == "customers" && Clock is { } clock) services.AddSingleton<TimeProvider>(clock);
        },
    });

    public async Task DisposeAsync() => await System.DisposeAsync();

    public HttpClient Rep(string userId = "rep-1", string branch = "sh") => System.Gateway(userId, branch, "sales-rep");

    public HttpClient As(string userId, string branch, params string[] roles) => System.Gateway(userId, branch, roles);

    public Task<RawSubscriber> SubscribeAsync(string exchange) => RawSubscriber.BindAsync(System.Broker.AmqpUri(), exchange);
}

/// <summary>A fixture whose customers service runs on a clock the test moves.</summary>
public sealed class ClockedCustomersFixture : CustomersFixture
{
    public FakeTimeProvider FakeClock { get; } = new(DateTimeOffset.UtcNow);

    protected override FakeTimeProvider? Clock => FakeClock;
}

/// <summary>What the tests send and read.</summary>
public static class Api
{
    public static async Task<Registered> RegisterAsync(this HttpClient client, object customer)
    {
        var created = await (await client.PostAsJsonAsync("/api/customers", customer)).JsonAsync(HttpStatusCode.Created);
        return new Registered(created.GetProperty("id").GetGuid(), created.GetProperty("code").GetString()!, created.GetProperty("version").GetInt64());
    }

    public static Task<Registered> RegisterAsync(this HttpClient client, string name, string region = "华东", string? taxNumber = null) =>
        client.RegisterAsync(new { name, kind = "agent", region, taxNumber });

    public static async Task<JsonElement> CardAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/customers/{id}")).JsonAsync(HttpStatusCode.OK);

    public static async Task<JsonElement> HistoryAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/customers/{id}/history?pageSize=200")).JsonAsync(HttpStatusCode.OK);

    /// <summary>A name no other test uses, so that tests sharing a fixture never look like duplicates of each other.</summary>
    public static string Unique(string name) => $"{name}{Guid.NewGuid().ToString("N")[..8]}";
}

public sealed record Registered(Guid Id, string Code, long Version);

/// <summary>Valid unified social credit codes (统一社会信用代码) with their check character.</summary>
public static class TaxNumbers
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static string New()
    {
        var body = "91" + Random.Shared.Next(110000, 659999).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + string.Concat(Enumerable.Range(0, 9).Select(_ => Alphabet[Random.Shared.Next(Alphabet.Length)]));
        return body + CheckCharacter(body);
    }

    public static char CheckCharacter(string first17)
    {
        var sum = first17.Select((c, i) => Alphabet.IndexOf(c, StringComparison.Ordinal) * Weights[i]).Sum();
        return Alphabet[(31 - sum % 31) % 31];
    }
}
