using Crm.Gateway.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scalar.AspNetCore;

namespace Crm.Gateway.Apis;

public static class GatewayRoutes
{
    /// <summary>
    /// The proxied routes; a route's own <c>MaxRequestBodySize</c> (a file import) becomes its body limit. Everything
    /// outside <c>/api</c> and the gateway's own paths goes to the web app (route <c>web</c>, last in order); an unknown
    /// <c>/api</c> or <c>/dev</c> path stays a 404 problem here rather than a page of the web app.
    /// </summary>
    public static WebApplication MapGatewayRoutes(this WebApplication app)
    {
        app.Map("/api/{**rest}", NotFound).AllowAnonymous().WithOrder(999);
        app.Map("/dev/{**rest}", NotFound).AllowAnonymous().WithOrder(999);
        app.MapReverseProxy().ConfigureEndpoints((endpoint, route) =>
        {
            if (route.MaxRequestBodySize is { } limit)
                endpoint.WithMetadata(new RequestSizeLimitAttribute(limit));
        });
        return app;
    }

    private static ProblemHttpResult NotFound(HttpContext http) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No route {http.Request.Path}: see /scalar for the API.");

    /// <summary>One API reference (<c>/scalar</c>) over every service's OpenAPI document, served through the gateway.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference("/scalar", options =>
        {
            options.WithTitle("CRM API 客户关系管理");
            foreach (var (name, title) in Extensions.Extensions.Services)
                options.AddDocument(name, title, $"/openapi/{name}.json", isDefault: name == "customers");
            options.AddPreferredSecuritySchemes(["bearer"]);
        }).AllowAnonymous();
        return app;
    }
}
