using System.Net;
using System.Net.Http.Json;
using Xunit;

namespace Crm.TestKit;

/// <summary>
/// What every test project sends and reads over HTTP, in one place: the status is asserted with the body in the message,
/// a problem is checked as RFC 9457 (media type, <c>status</c> member, no stack trace).
/// </summary>
public static class HttpAssertions
{
    /// <summary>Asserts the status and returns the JSON body (default for an empty body).</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected} {expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>An RFC 9457 problem with the status; returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await response.JsonAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", problem.GetRawText());
        return problem;
    }

    /// <summary>The field names of a 400 problem's <c>errors</c>, in ordinal order.</summary>
    public static async Task<IReadOnlyList<string>> FieldErrorsAsync(this HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        return problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A property as text, or null when it is absent or JSON null.</summary>
    public static string? Text(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    public static Task<HttpResponseMessage> Post(this HttpClient client, string uri, object body) => client.PostAsJsonAsync(uri, body);

    public static Task<HttpResponseMessage> Put(this HttpClient client, string uri, object body) => client.PutAsJsonAsync(uri, body);
}
