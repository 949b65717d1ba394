using System.Net.Http.Json;
using Crm.ServiceDefaults.Identity;

namespace Crm.Credit.Tests;

/// <summary>
/// Every route that names its roles refuses every other role with 403, through the gateway (API.md's credit table),
/// and answers each allowed role exactly what that request deserves (an empty body: 400; an unknown id: 404; a read:
/// 200). "Anything but 403" would let a 500 pass as "allowed".
/// </summary>
public sealed class RouteRoleTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    private static readonly string[] Managers = [.. CrmRoles.Managers];
    private static readonly string[] Chain = ["sales-admin-manager", "sales-vp", "sales-gm", "group-gm"];

    public static TheoryData<string, string, string[], HttpStatusCode> Routes()
    {
        var id = Guid.NewGuid();
        return new TheoryData<string, string, string[], HttpStatusCode>
        {
            { "POST", "/api/credit/sales", ["inside-sales"], HttpStatusCode.BadRequest },
            { "POST", $"/api/credit/sales/{id}/reverse", ["inside-sales", "sales-admin-manager"], HttpStatusCode.BadRequest },
            { "POST", "/api/credit/payments", ["inside-sales"], HttpStatusCode.BadRequest },
            { "POST", $"/api/credit/payments/{id}/reverse", ["inside-sales", "sales-admin-manager"], HttpStatusCode.BadRequest },
            { "PUT", $"/api/credit/plans/{id}/2026-12", [.. Managers, "sales-rep"], HttpStatusCode.BadRequest },
            { "POST", "/api/credit/grading/runs", ["sales-admin-manager"], HttpStatusCode.BadRequest },
            { "GET", $"/api/credit/grading/runs/{id}", ["sales-admin-manager"], HttpStatusCode.NotFound },
            { "GET", "/api/credit/grades?period=2026-10", Managers, HttpStatusCode.OK },
            { "GET", "/api/credit/grades/export?period=2026-10", Managers, HttpStatusCode.OK },
            { "PUT", "/api/credit/grading/model", ["group-gm", "admin"], HttpStatusCode.BadRequest },
            { "POST", "/api/credit/limit-requests", ["sales-rep", "inside-sales"], HttpStatusCode.BadRequest },
            { "POST", $"/api/credit/limit-requests/{id}/approve", Chain, HttpStatusCode.NotFound },
            { "POST", $"/api/credit/limit-requests/{id}/reject", Chain, HttpStatusCode.BadRequest },
            { "GET", "/api/credit/analysis/abc", Managers, HttpStatusCode.OK },
            { "GET", "/api/credit/analysis/structure?by=product", Managers, HttpStatusCode.OK },
            { "PUT", $"/api/credit/budgets/{id}/2026-12", Managers, HttpStatusCode.BadRequest },
            { "POST", "/api/credit/expenses", ["inside-sales"], HttpStatusCode.BadRequest },
            { "POST", $"/api/credit/expenses/{id}/reverse", ["inside-sales", "sales-admin-manager"], HttpStatusCode.BadRequest },
        };
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Only_the_named_roles_pass(string method, string route, string[] allowed, HttpStatusCode allowedAnswer)
    {
        foreach (var role in CrmRoles.All)
        {
            using var client = credit.As($"user-{role}", "sh", role);
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), route)
            {
                Content = method == "GET" ? null : JsonContent.Create(new { }),
            });
            if (allowed.Contains(role))
                Assert.True(response.StatusCode == allowedAnswer, $"{role} got {(int)response.StatusCode} on {method} {route}, not {(int)allowedAnswer}");
            else
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} got {(int)response.StatusCode} on {method} {route}, not 403");
        }
    }

    [Fact]
    public async Task The_api_reference_describes_every_route()
    {
        using var anonymous = new HttpClient { BaseAddress = credit.System.GatewayHost.Address };
        var document = await (await anonymous.GetAsync("/openapi/credit.json")).JsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var route in new[] { "/api/credit/sales", "/api/credit/grading/runs", "/api/credit/limit-requests/{id}/approve", "/api/credit/analysis/structure" })
            Assert.Contains(route, paths);
    }

    [Theory]
    [InlineData("/api/credit/accounts/{0}")]
    [InlineData("/api/credit/grades/{0}")]
    [InlineData("/api/credit/plans/{0}/2026-11/progress")]
    [InlineData("/api/credit/limit-requests?customerId={0}")]
    [InlineData("/api/credit/grading/model")]
    public async Task Reading_routes_are_open_to_every_role_but_not_without_a_token(string route)
    {
        var customer = await credit.RegisterCustomerAsync();
        var uri = string.Format(System.Globalization.CultureInfo.InvariantCulture, route, customer);
        foreach (var role in CrmRoles.All)
        {
            using var client = credit.As($"user-{role}", "sh", role);
            await (await client.GetAsync(uri)).JsonAsync(HttpStatusCode.OK);
        }
        using var anonymous = new HttpClient { BaseAddress = credit.System.GatewayHost.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(uri)).StatusCode);
    }
}
