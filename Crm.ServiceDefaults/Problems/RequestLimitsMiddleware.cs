using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Crm.ServiceDefaults.Problems;

/// <summary>
/// The limits on a request's target and headers (the <c>Http</c> section), enforced here so that they are answered as
/// RFC 9457 problems: Kestrel would refuse them before any middleware runs, with a 414 or 431 and an empty body.
/// <see cref="ServiceDefaultsExtensions.AddServiceDefaults{TBuilder}"/> sets Kestrel's own limits to
/// <see cref="ServerHeadroom"/> times these, so that Kestrel only refuses what is far beyond them.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, RequestLimits limits)
{
    public Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? $"{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
        if (target.Length > limits.MaxTargetLength)
            return WriteAsync(context, StatusCodes.Status414UriTooLong, "请求地址过长 (URI too long).",
                $"请求地址有 {target.Length} 个字符，上限为 {limits.MaxTargetLength}；请缩短查询条件 (the request target has {target.Length} characters; the limit is {limits.MaxTargetLength}: send fewer or shorter query values).");

        var count = 0;
        long bytes = 0;
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + (value?.Length ?? 0) + 4; // "name: value\r\n"
            }
        }
        if (count > limits.MaxHeaderCount || bytes > limits.MaxHeadersTotalSize)
            return WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "请求头过大 (request header fields too large).",
                $"请求头共 {count} 个、{bytes} 字节，上限为 {limits.MaxHeaderCount} 个、{limits.MaxHeadersTotalSize} 字节 (the request has {count} header fields, {bytes} bytes; the limits are {limits.MaxHeaderCount} fields and {limits.MaxHeadersTotalSize} bytes).");

        return next(context);
    }

    private static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (problems is null || !await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}

/// <summary>The <c>Http</c> section: the longest request target and the largest header block the CRM answers.</summary>
public sealed class RequestLimits
{
    /// <summary>How many times our limits Kestrel's own are set to.</summary>
    public const int ServerHeadroom = 4;

    /// <summary>The request target (path and query), in characters; Kestrel's default request line is 8 KiB.</summary>
    public int MaxTargetLength { get; set; } = 8 * 1024;

    /// <summary>All header lines together, in bytes; Kestrel's default.</summary>
    public int MaxHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Kestrel's default.</summary>
    public int MaxHeaderCount { get; set; } = 100;
}
