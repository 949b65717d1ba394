using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Crm.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Crm.Gateway.Extensions;

/// <summary>The <c>RateLimiting</c> section: a token bucket per user (per address for anonymous calls).</summary>
public sealed class RateLimitingOptions
{
    public int PermitsPerSecond { get; set; } = 50;
    public int Burst { get; set; } = 100;
}

public static class Extensions
{
    public const string PerUserRateLimit = "per-user";

    /// <summary>The services behind the gateway: each is a YARP cluster and has an OpenAPI document.</summary>
    public static IReadOnlyList<(string Name, string Title)> Services { get; } =
    [
        ("customers", "Customers 客户档案"),
        ("contracts", "Contracts 合同管理"),
        ("credit", "Credit and grading 信用与等级"),
        ("aftersales", "After-sales 售后服务"),
        ("alerts", "Early warning 预警管理"),
    ];

    public static void AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

        var limits = builder.Configuration.GetSection("RateLimiting").Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PerUserRateLimit, context => RateLimitPartition.GetTokenBucketLimiter(
                context.User.FindFirstValue(CrmClaims.UserId) ?? $"ip:{context.Connection.RemoteIpAddress}",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = WriteTooManyRequests;
        });

        if (builder.Environment.IsDevelopment())
            builder.Services.AddSingleton<DevTokenIssuer>();
    }

    private static async ValueTask WriteTooManyRequests(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = "You sent more requests than your per-user limit allows; wait for the Retry-After interval and try again.",
            },
        });
    }
}
