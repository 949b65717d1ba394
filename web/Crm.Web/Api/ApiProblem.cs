using System.Net;
using System.Text.Json;

namespace Crm.Web.Api;

/// <summary>A possible duplicate the customers service names in a 409 (查重).</summary>
public sealed record DuplicateCandidate(Guid Id, string? Code, string? Name, string? Region, IReadOnlyList<string>? MatchedOn);

/// <summary>A problem detail (RFC 9457) as the API sends it: status, title, detail, field errors, and what some carry.</summary>
public sealed class ApiProblem
{
    public int Status { get; init; }
    /// <summary>The problem's <c>type</c> URI (the services send the RFC 9110 section of the status).</summary>
    public string? Type { get; init; }
    public string? Title { get; init; }
    public string? Detail { get; init; }
    public string? Rule { get; init; }
    /// <summary>Field (the client's camelCase name) → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();
    public IReadOnlyList<DuplicateCandidate> Duplicates { get; init; } = [];

    public bool IsStale => Status == 409 && Title is { } t && t.Contains("Stale", StringComparison.OrdinalIgnoreCase);
    public bool IsDuplicate => Status == 409 && Duplicates.Count > 0;

    /// <summary>The messages for a field (case-insensitive; <c>contacts[0].name</c> style names as sent).</summary>
    public IReadOnlyList<string> For(string field) =>
        Errors.Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value).ToList();

    public string Describe() => string.Join(" ", new[] { Detail ?? Title }.Concat(Errors.SelectMany(e => e.Value)).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct());

    public static ApiProblem Unreachable(string why) => new() { Status = 503, Title = "Service unavailable.", Detail = why };

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(text)) return new ApiProblem { Status = status, Title = response.ReasonPhrase };
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                foreach (var field in e.EnumerateObject())
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Select(m => m.ToString()).ToArray()
                        : [field.Value.ToString()];
            var duplicates = root.TryGetProperty("duplicates", out var d) && d.ValueKind == JsonValueKind.Array
                ? d.Deserialize<List<DuplicateCandidate>>(GatewayApi.Json) ?? []
                : [];
            return new ApiProblem
            {
                Status = status,
                Type = Text(root, "type"),
                Title = Text(root, "title") ?? response.ReasonPhrase,
                Detail = Text(root, "detail"),
                Rule = Text(root, "rule"),
                Errors = errors,
                Duplicates = duplicates,
            };
        }
        catch (JsonException)
        {
            return new ApiProblem { Status = status, Title = response.ReasonPhrase ?? ((HttpStatusCode)status).ToString() };
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
