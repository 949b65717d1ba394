using System.Net.Http.Headers;
using System.Text;
using Crm.Gateway.Extensions;

namespace Crm.Platform.Tests;

/// <summary>What every caller meets at the door: identity, problems for every error, limits, the API reference.</summary>
[Collection(SystemCollection.Name)]
public sealed class GatewayTests(SystemFixture fixture)
{
    private CrmSystem System => fixture.System;

    [Fact]
    public async Task No_token_is_a_401_problem()
    {
        using var anonymous = System.GatewayHost.Client();
        var response = await anonymous.PostAsJsonAsync("/api/customers", new { name = "x", kind = "agent", region = "华东" });
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_a_401_problem()
    {
        using var client = System.GatewayHost.Client();
        var forged = new Crm.ServiceDefaults.Identity.DevTokenIssuer(
            new() { Issuer = TestTokens.Issuer, Audience = TestTokens.Audience, SigningKey = new string('x', 48) }, TimeProvider.System)
            .Issue("intruder", "intruder", ["admin"], "sh");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        await AssertProblemAsync(await client.GetAsync($"/api/customers/{Guid.NewGuid()}"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_valid_token_that_names_no_user_is_a_401_problem_at_the_gateway_and_at_each_service()
    {
        // Signed with the right key, right issuer and audience, roles and branch, but no sub (or an empty one): a
        // customer registered with it would have no owner and its history no author.
        foreach (var sub in new string?[] { null, "", "   " })
        {
            var claims = new Dictionary<string, object> { ["name"] = "无名", ["role"] = new[] { "sales-rep" }, ["branch"] = "sh" };
            if (sub is not null) claims["sub"] = sub;
            var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
            {
                Issuer = TestTokens.Issuer,
                Audience = TestTokens.Audience,
                Expires = DateTime.UtcNow.AddMinutes(5),
                Claims = claims,
                SigningCredentials = new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestTokens.SigningKey)),
                    Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
            });
            foreach (var client in new[] { System.GatewayHost.Client(), System.Customers.Client() })
            {
                using (client)
                {
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    var response = await client.PostAsJsonAsync("/api/customers", new { name = $"无主客户{Guid.NewGuid():N}", kind = "agent", region = "华东" });
                    await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
                }
            }
        }
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var rep = System.Gateway("rep-1", "sh", "sales-rep");
        var response = await rep.PostAsync("/api/customers", new StringContent("{\"name\": 上海", Encoding.UTF8, "application/json"));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("name", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Invalid_fields_are_a_400_problem_naming_each_field()
    {
        using var rep = System.Gateway("rep-1", "sh", "sales-rep");
        var response = await rep.PostAsJsonAsync("/api/customers", new { name = "", region = new string('x', 101) });
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal(["kind", "name", "region"], fields.Order());

        var badEnum = await rep.PostAsJsonAsync("/api/customers", new { name = "x", kind = "wholesaler", region = "华东" });
        var enumProblem = await AssertProblemAsync(badEnum, HttpStatusCode.BadRequest);
        Assert.True(enumProblem.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.DoesNotContain("Crm.", enumProblem.GetRawText());
    }

    [Fact]
    public async Task A_query_value_that_does_not_parse_is_a_400_problem_naming_the_parameter()
    {
        using var rep = System.Gateway("rep-1", "sh", "sales-rep");
        var problem = await AssertProblemAsync(await rep.GetAsync("/api/customers?page=first"), HttpStatusCode.BadRequest);
        var page = problem.GetProperty("errors").GetProperty("page");
        Assert.Contains("first", page[0].GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_at_the_gateway_and_at_a_service()
    {
        var body = JsonSerializer.Serialize(new { name = new string('x', 2 * 1024 * 1024), kind = "agent", region = "华东" });
        using var rep = System.Gateway("rep-1", "sh", "sales-rep");
        await AssertProblemAsync(await rep.PostAsync("/api/customers", new StringContent(body, Encoding.UTF8, "application/json")),
            HttpStatusCode.RequestEntityTooLarge);

        using var direct = System.Customers.Client("rep-1", "sh", "sales-rep");
        await AssertProblemAsync(await direct.PostAsync("/api/customers", new StringContent(body, Encoding.UTF8, "application/json")),
            HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_role_that_may_not_register_gets_a_403_problem()
    {
        using var afterSales = System.Gateway("as-1", "sh", "after-sales");
        var response = await afterSales.PostAsJsonAsync("/api/customers", new { name = "x", kind = "agent", region = "华东" });
        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Dev_token_refuses_unknown_roles_with_a_400_problem()
    {
        using var anonymous = System.GatewayHost.Client();
        var response = await anonymous.PostAsJsonAsync("/dev/token", new { userId = "u", roles = new[] { "emperor" }, branch = "sh" });
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("roles", out _));
    }

    [Fact]
    public async Task Health_answers_on_the_gateway_and_on_every_service()
    {
        foreach (var name in CrmSystemOptions.AllServices.Append("gateway"))
        {
            using var client = new HttpClient { BaseAddress = name == "gateway" ? System.GatewayHost.Address : System.AddressOf(name) };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
            var health = await client.GetFromJsonAsync<JsonElement>("/health");
            Assert.Equal("Healthy", health.GetProperty("status").GetString());
            if (name != "gateway")
            {
                Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("database").GetString());
                Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("masstransit-bus").GetString());
            }
        }
    }

    [Fact]
    public async Task The_api_reference_and_every_services_document_are_served_through_the_gateway()
    {
        using var anonymous = System.GatewayHost.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/scalar")).StatusCode);
        foreach (var name in CrmSystemOptions.AllServices)
        {
            var document = await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{name}.json");
            Assert.StartsWith("CRM", document.GetProperty("info").GetProperty("title").GetString());
            Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
        }
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", problem.GetRawText()); // no stack trace
        return problem;
    }
}

/// <summary>Gateways configured on their own: Production, and a tight rate limit.</summary>
public sealed class GatewayConfigurationTests
{
    private static IEnumerable<KeyValuePair<string, string?>> Settings(params (string Key, string Value)[] extra) =>
        TestTokens.HostSettings().Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)));

    [Fact]
    public async Task Dev_token_does_not_exist_in_production()
    {
        await using var gateway = new CrmHost<RateLimitingOptions>(Settings(), environment: "Production");
        using var client = gateway.Client();
        var response = await client.PostAsJsonAsync("/dev/token", new { userId = "u", roles = new[] { "admin" }, branch = "sh" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Requests_over_the_per_user_limit_get_a_429_problem_with_retry_after()
    {
        await using var gateway = new CrmHost<RateLimitingOptions>(Settings(
            ("RateLimiting:PermitsPerSecond", "1"), ("RateLimiting:Burst", "2"),
            ("ReverseProxy:Clusters:customers:Destinations:d1:Address", "http://127.0.0.1:9")));
        using var client = gateway.Client("busy-user", "sh", "sales-rep");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5 && limited is null; i++)
        {
            var response = await client.GetAsync($"/api/customers/{Guid.NewGuid()}");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }

        Assert.NotNull(limited);
        await GatewayTests.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter is not null, "429 carries Retry-After");

        using var someoneElse = gateway.Client("other-user", "sh", "sales-rep");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await someoneElse.GetAsync($"/api/customers/{Guid.NewGuid()}")).StatusCode);
    }
}
