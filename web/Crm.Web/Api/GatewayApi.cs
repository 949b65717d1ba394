using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Web.Api;

/// <summary>The <c>Gateway</c> section: where the API is (the web app calls nothing else).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";
    public Uri? BaseAddress { get; set; }
}

/// <summary>An answer of the API: the value, or the problem (RFC 9457) that refused it.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// The gateway's API as the web app's pages call it, on the server, with the user's token (added by
/// <see cref="Auth.UserTokenHandler"/>). Every failure comes back as an <see cref="ApiProblem"/>, never as an exception.
/// </summary>
public sealed class GatewayApi(HttpClient http, Auth.UserTokenSource? tokens = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Post, path, body ?? new { }, cancellationToken);

    public Task<ApiResult<T>> PutAsync<T>(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Put, path, body, cancellationToken);

    public Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(method, path, body is null ? null : JsonContent.Create(body, body.GetType(), options: Json), cancellationToken);

    /// <summary>A CSV file as the body (the customers import).</summary>
    public Task<ApiResult<T>> PostCsvAsync<T>(string path, byte[] csv, CancellationToken cancellationToken = default)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        return SendAsync<T>(HttpMethod.Post, path, content, cancellationToken);
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(method, path);
        request.Content = content;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
                return new ApiResult<T>(default, await ApiProblem.ReadAsync(response, cancellationToken));
            if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
                return new ApiResult<T>(default, null);
            return new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null);
        }
        catch (HttpRequestException e)
        {
            return new ApiResult<T>(default, ApiProblem.Unreachable(e.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page no longer wants the answer (a newer search replaced it).
            return new ApiResult<T>(default, new ApiProblem { Status = 499, Title = "Cancelled." });
        }
        catch (TaskCanceledException)
        {
            return new ApiResult<T>(default, ApiProblem.Unreachable("timeout"));
        }
    }

    /// <summary>A download (CSV, a printable document) streamed through with the user's token.</summary>
    public async Task<HttpResponseMessage> RawAsync(string path, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(HttpMethod.Get, path);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        if (tokens is not null && await tokens.TokenAsync() is { } token) request.Options.Set(Auth.UserTokenHandler.TokenOption, token);
        return request;
    }
}
