using Crm.Gateway.Extensions;
using Microsoft.AspNetCore.Mvc;
using Scalar.AspNetCore;

namespace Crm.Gateway.Apis;

public static class GatewayRoutes
{
    /// <summary>The proxied routes; a route's own <c>MaxRequestBodySize</c> (a file import) becomes its body limit.</summary>
    public static WebApplication MapGatewayRoutes(this WebApplication app)
    {
        app.MapReverseProxy().ConfigureEndpoints((endpoint, route) =>
        {
            if (route.MaxRequestBodySize is { } limit)
                endpoint.WithMetadata(new RequestSizeLimitAttribute(limit));
        });
        return app;
    }

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
