namespace Crm.Web.Api;

/// <summary>
/// Files the browser downloads (CSV exports, a printable contract): the browser holds no token, so the web app fetches
/// them from the gateway with the session's token and streams them through.
/// </summary>
public static class DownloadEndpoints
{
    public static WebApplication MapDownloadEndpoints(this WebApplication app)
    {
        var files = app.MapGroup("/files").RequireAuthorization();
        files.MapGet("/customers.csv", (HttpContext http, GatewayApi api, CancellationToken ct) =>
            Relay(http, api, "/api/customers/export" + WithHeaders(http.Request.QueryString), ct));
        files.MapGet("/grades.csv", (HttpContext http, GatewayApi api, string? period, CancellationToken ct) =>
            Relay(http, api, "/api/credit/grades/export" + (period is null ? "" : $"?period={Uri.EscapeDataString(period)}"), ct));
        // The printable standard contract (HTML); the contracts service logs the read under the user's name.
        files.MapGet("/contracts/{id:guid}/document", (HttpContext http, GatewayApi api, Guid id, CancellationToken ct) =>
            Relay(http, api, $"/api/contracts/{id}/document", ct));
        return app;
    }

    private static string WithHeaders(QueryString query) => query.HasValue ? query.Value + "&headers=zh" : "?headers=zh";

    private static async Task<IResult> Relay(HttpContext http, GatewayApi api, string path, CancellationToken cancellationToken)
    {
        var response = await api.RawAsync(path, cancellationToken);
        http.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await ApiProblem.ReadAsync(response, cancellationToken);
            return Results.Problem(problem.Detail, statusCode: problem.Status, title: problem.Title);
        }
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        return Results.Stream(await response.Content.ReadAsStreamAsync(cancellationToken),
            response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream", name);
    }
}
