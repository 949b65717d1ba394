using System.Text;
using Microsoft.Net.Http.Headers;

namespace Crm.AfterSales.Apis;

public static class SettingsAndStatisticsApi
{
    public static RouteGroupBuilder MapSettingsAndStatisticsApi(this RouteGroupBuilder api)
    {
        api.Get("/settings", GetSettings, "The branch's service levels per category and severity, and its default return and exchange windows", 400, 404).ForRoles(CrmRoles.Managers)
            .WithTags("Settings 设置");

        api.Put("/settings", UpdateSettings, "Change the service levels (hours) and the default windows (days); send the version you read once saved", 400, 409).ForRoles(CrmRoles.Managers)
            .WithTags("Settings 设置");

        api.Get("/statistics/monthly", GetMonthlyStatistics, "月度客诉统计 for ?month=yyyy-MM: JSON, or CSV with Accept: text/csv", 400).ForRoles(CrmRoles.Managers)
            .WithTags("Statistics 统计")
            .Produces<MonthlyStatisticsView>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        return api;
    }

    public static async Task<Ok<SettingsView>> GetSettings(SettingsReader settings, HttpResponse response, CancellationToken ct)
    {
        var view = await settings.GetAsync(ct);
        response.Headers.ETag = $"\"{view.Version}\"";
        return TypedResults.Ok(view);
    }

    public static async Task<Ok<SettingsView>> UpdateSettings(UpdateSettingsRequest request, HttpRequest http, SettingsReader settings, CancellationToken ct)
    {
        var view = await settings.UpdateAsync(request, ExpectedVersion.FromOptional(http, request.Version), ct);
        http.HttpContext.Response.Headers.ETag = $"\"{view.Version}\"";
        return TypedResults.Ok(view);
    }

    public static async Task<IResult> GetMonthlyStatistics(string? month, HttpRequest http, MonthlyStatistics statistics, CancellationToken ct)
    {
        if (month is null) throw new RequestValidationException("month", "month is required (yyyy-MM).");
        if (!YearMonth.TryParse(month, out var parsed)) throw new RequestValidationException("month", "month is yyyy-MM, e.g. 2026-11.");
        var view = await statistics.ForMonthAsync(parsed, ct);
        var wantsCsv = http.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        if (!wantsCsv) return TypedResults.Ok(view);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(MonthlyStatistics.ToCsv(view))).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"complaints-{view.Month}.csv");
    }
}
