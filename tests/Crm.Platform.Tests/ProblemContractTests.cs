namespace Crm.Platform.Tests;

/// <summary>
/// The error contract is part of each service's API description: every operation lists the RFC 9457 problems it can
/// answer, as application/problem+json with the problem schema, and each route lists what is true for it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ProblemContractTests(SystemFixture fixture)
{
    private const string ProblemJson = "application/problem+json";

    [Theory]
    [InlineData("customers")]
    [InlineData("contracts")]
    [InlineData("credit")]
    [InlineData("aftersales")]
    [InlineData("alerts")]
    public async Task Every_operation_lists_its_problems_with_the_problem_schema(string service)
    {
        var document = await DocumentAsync(service);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("ProblemDetails", out _));
        Assert.True(schemas.TryGetProperty("HttpValidationProblemDetails", out _));

        var operations = Operations(document).ToList();
        Assert.NotEmpty(operations);
        foreach (var (name, operation) in operations)
        {
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _), $"{name} lists no 401");
            foreach (var response in responses.EnumerateObject().Where(r => r.Name.StartsWith('4')))
            {
                Assert.True(response.Value.GetProperty("content").TryGetProperty(ProblemJson, out var media), $"{name} {response.Name} is not {ProblemJson}");
                var reference = media.GetProperty("schema").GetProperty("$ref").GetString();
                var expected = response.Name == "400" ? "HttpValidationProblemDetails" : "ProblemDetails";
                Assert.Equal($"#/components/schemas/{expected}", reference);
            }
        }
    }

    [Theory]
    // A version is checked: 409. An id in the route: 404. A business rule can refuse: 422. A role is required: 403.
    [InlineData("customers", "put", "/api/customers/{id}", "400 401 403 404 409", "")]
    [InlineData("customers", "get", "/api/customers", "400 401", "404 409 422")]
    [InlineData("contracts", "post", "/api/contracts/{id}/submit", "401 403 404 409 422", "")]
    [InlineData("contracts", "get", "/api/contracts/{id}", "401 403 404", "409 422")]
    [InlineData("credit", "post", "/api/credit/limit-requests/{id}/approve", "400 401 403 404 409", "")]
    [InlineData("credit", "put", "/api/credit/plans/{customerId}/{month}", "400 401 403 404 409", "")]
    [InlineData("credit", "get", "/api/credit/grading/models", "401", "404 409 422")]
    [InlineData("aftersales", "post", "/api/aftersales/returns", "400 401 403 404 413 422", "409")]
    [InlineData("aftersales", "post", "/api/aftersales/complaints/{id}/complete", "400 401 403 404 409 422", "")]
    [InlineData("alerts", "put", "/api/alerts/rules/{rule}", "400 401 403 404 409", "422")]
    [InlineData("alerts", "get", "/api/alerts/{id}", "401 404", "409 422")]
    public async Task A_route_lists_the_problems_true_for_it(string service, string method, string path, string listed, string absent)
    {
        var document = await DocumentAsync(service);
        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        foreach (var status in listed.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            Assert.True(responses.TryGetProperty(status, out _), $"{method} {path} does not list {status}");
        foreach (var status in absent.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            Assert.False(responses.TryGetProperty(status, out _), $"{method} {path} lists {status}, which it cannot answer");
    }

    private async Task<JsonElement> DocumentAsync(string service)
    {
        using var anonymous = fixture.System.GatewayHost.Client();
        return await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where operation.Name is "get" or "post" or "put" or "delete" or "patch"
        select ($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value);
}
