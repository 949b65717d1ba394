using System.Net.Http.Json;
using Crm.ServiceDefaults.Identity;

namespace Crm.Credit.Tests.FieldWork;

/// <summary>Every new route of channels and field work refuses every role it does not name with 403, and every route needs a token.</summary>
public sealed class FieldWorkRouteTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    private static readonly string[] Managers = [.. CrmRoles.Managers];

    public static TheoryData<string, string, string[]> Routes()
    {
        var id = Guid.NewGuid();
        return new TheoryData<string, string, string[]>
        {
            { "POST", "/api/credit/sell-through", ["inside-sales", "sales-rep"] },
            { "POST", $"/api/credit/sell-through/import?distributorId={id}&reference=r", ["inside-sales", "sales-rep"] },
            { "PUT", $"/api/credit/distribution-targets/{id}/2026-12", [.. Managers, "sales-rep"] },
            { "POST", "/api/credit/promotions", ["sales-rep", "inside-sales", .. Managers] },
            { "POST", $"/api/credit/promotions/{id}/approve", Managers },
            { "POST", $"/api/credit/promotions/{id}/reject", Managers },
            { "POST", "/api/credit/support-allocations", Managers },
            { "GET", "/api/credit/key-accounts?period=2026-10", Managers },
        };
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Only_the_named_roles_pass(string method, string route, string[] allowed)
    {
        foreach (var role in CrmRoles.All)
        {
            using var client = credit.As($"user-{role}", "sh", role);
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), route)
            {
                Content = method == "GET" ? null
                    : route.Contains("/import", StringComparison.Ordinal) ? new StringContent("outletCode\n", System.Text.Encoding.UTF8, "text/csv") // the CSV route accepts only CSV
                    : JsonContent.Create(new { }),
            });
            if (allowed.Contains(role))
                Assert.True(response.StatusCode != HttpStatusCode.Forbidden, $"{role} was refused {method} {route}");
            else
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} got {(int)response.StatusCode} on {method} {route}, not 403");
        }
    }

    [Theory]
    [InlineData("/api/credit/sell-through?distributorId={0}&month=2026-10")]
    [InlineData("/api/credit/distribution-targets/{0}/2026-10")]
    [InlineData("/api/credit/promotions?customerId={0}")]
    [InlineData("/api/credit/dealer-support/{0}")]
    public async Task Reading_routes_are_open_to_every_role_of_the_branch_but_not_without_a_token(string route)
    {
        var customer = await credit.RegisterCustomerAsync();
        var uri = string.Format(System.Globalization.CultureInfo.InvariantCulture, route, customer);
        foreach (var role in CrmRoles.All)
        {
            using var client = credit.As($"user-{role}", "sh", role);
            await (await client.GetAsync(uri)).JsonAsync(HttpStatusCode.OK);
            using var elsewhere = credit.As($"user-{role}", "bj", role);
            var status = (await elsewhere.GetAsync(uri)).StatusCode;
            Assert.Equal(CrmRoles.GroupWide.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.NotFound, status);
        }
        using var anonymous = new HttpClient { BaseAddress = credit.System.GatewayHost.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(uri)).StatusCode);
    }

    [Fact]
    public async Task The_api_reference_describes_the_new_routes()
    {
        using var anonymous = new HttpClient { BaseAddress = credit.System.GatewayHost.Address };
        var document = await (await anonymous.GetAsync("/openapi/credit.json")).JsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var route in new[] { "/api/credit/sell-through", "/api/credit/sell-through/import", "/api/credit/distribution-targets/{customerId}/{month}",
                     "/api/credit/promotions/{id}/assessment", "/api/credit/key-accounts", "/api/credit/support-allocations" })
            Assert.Contains(route, paths);
    }
}
