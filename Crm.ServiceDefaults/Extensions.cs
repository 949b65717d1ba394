using System.Diagnostics;
using System.Text.Json.Serialization;
using Crm.ServiceDefaults;
using Crm.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every CRM host does the same way: telemetry, health, discovery, resilience, identity, problems.</summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    public const string LiveTag = "live";

    /// <summary>Default body limit; routes that take files set their own with <c>WithRequestSizeLimit</c>.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<BusinessCalendarOptions>()
            .Bind(builder.Configuration.GetSection(BusinessCalendarOptions.SectionName))
            .Validate(options => BusinessCalendar.IsKnownTimeZone(options.TimeZone),
                $"{BusinessCalendarOptions.SectionName}:TimeZone is not a time zone this machine knows (an IANA id such as Asia/Shanghai; install tzdata).")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<BusinessCalendar>();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = AddTraceAndInstance);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options =>
            ConfigureJson(options.SerializerOptions).Converters.Add(new BusinessDateJsonConverter()));
        var limits = builder.Configuration.GetSection("Http").Get<RequestLimits>() ?? new RequestLimits();
        builder.Services.AddSingleton(limits);
        builder.Services.Configure<KestrelServerOptions>(options =>
        {
            options.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Http:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
            // Kestrel answers its own limits with an empty body before any middleware: ours (RequestLimitsMiddleware)
            // answer first, with a problem, and Kestrel's stay far above them.
            options.Limits.MaxRequestLineSize = Math.Max(options.Limits.MaxRequestLineSize, limits.MaxTargetLength * RequestLimits.ServerHeadroom);
            options.Limits.MaxRequestHeadersTotalSize = Math.Max(options.Limits.MaxRequestHeadersTotalSize, limits.MaxHeadersTotalSize * RequestLimits.ServerHeadroom);
            options.Limits.MaxRequestHeaderCount = Math.Max(options.Limits.MaxRequestHeaderCount, limits.MaxHeaderCount * RequestLimits.ServerHeadroom);
        });

        builder.AddCrmAuthentication();
        return builder;
    }

    /// <summary>The API's JSON: camelCase, enumerations as kebab-case strings (never numbers).</summary>
    public static JsonSerializerOptions ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        return options;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        // The resource name Aspire injects (OTEL_SERVICE_NAME) and its instance id (OTEL_RESOURCE_ATTRIBUTES): a generated
        // instance id would hide which resource sent the telemetry, and the dashboard would label it "customers-9159bf4c".
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "Crm.*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, "MassTransit", "Crm.*", "Yarp.ReverseProxy")
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsHealthRequest(context))
                .AddHttpClientInstrumentation(options =>
                    options.FilterHttpRequestMessage = request => request.RequestUri?.AbsolutePath is not (HealthPath or AlivePath)));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>The shared middleware, in its order: problems for every error, body limits, identity.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary><c>/health</c>: ready (database, bus and the rest); <c>/alive</c>: the process only. Both anonymous.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag), ResponseWriter = WriteHealth })
            .AllowAnonymous();
        return app;
    }

    private static bool IsHealthRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments(HealthPath) || context.Request.Path.StartsWithSegments(AlivePath);

    private static void AddTraceAndInstance(ProblemDetailsContext context)
    {
        context.ProblemDetails.Instance ??= $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}";
        context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
    }

    // States and our own descriptions only: a health answer must not leak connection strings or exception texts.
    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
            notes = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy && e.Value.Description is not null)
                .ToDictionary(e => e.Key, e => e.Value.Description),
        });
    }
}
