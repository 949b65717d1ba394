using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Crm.TestKit;

/// <summary>A running host, whatever its assembly.</summary>
public interface ICrmHost : IAsyncDisposable
{
    Uri Address { get; }
    IServiceProvider Services { get; }
}

/// <summary>
/// One CRM host (a service or the gateway) on real Kestrel, on a free port, with the given settings.
/// <typeparamref name="TAnchor"/> is any public type of the host's assembly: every host has a top-level
/// <c>Program</c>, so the name <c>Program</c> itself would be ambiguous here.
/// </summary>
public sealed class CrmHost<TAnchor> : WebApplicationFactory<TAnchor>, ICrmHost where TAnchor : class
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;

    public CrmHost(IEnumerable<KeyValuePair<string, string?>> settings, string environment = "Development", Action<IServiceCollection>? services = null)
    {
        _settings = settings.ToDictionary();
        _environment = environment;
        _services = services;
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureServices(_services);
    }

    /// <summary>Starts the host (if not yet) and returns its real address.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>A client over real HTTP, with a bearer token when a user is given.</summary>
    public HttpClient Client(string? userId = null, string branch = "sh", params string[] roles)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (userId is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(userId, branch, roles));
        return client;
    }

    /// <summary>Runs <paramref name="work"/> with a service scope of this host (its DbContext, for instance), acting for every branch.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateSystemScope("a test's unit of work");
        return await work(scope.ServiceProvider);
    }
}
