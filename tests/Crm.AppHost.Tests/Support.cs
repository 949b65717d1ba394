using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Crm.AppHost.Tests;

internal static class Support
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Crm.sln"))) return dir.FullName;
        throw new InvalidOperationException("Crm.sln not found above the test's directory.");
    }

    /// <summary>A development token from the gateway's <c>/dev/token</c>, set on the client.</summary>
    public static async Task SignInAsync(HttpClient gateway, string userId, string branch, params string[] roles)
    {
        using var response = await gateway.PostAsJsonAsync("/dev/token", new { userId, name = userId, roles, branch });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Registers a customer through the gateway and answers its id.</summary>
    public static async Task<Guid> RegisterCustomerAsync(HttpClient gateway, string name)
    {
        using var response = await gateway.PostAsJsonAsync("/api/customers", new { name, kind = "trading", region = "华东" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
