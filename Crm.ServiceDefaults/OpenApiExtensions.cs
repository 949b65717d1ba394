using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.Hosting;

public static class OpenApiExtensions
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>The service's OpenAPI document, with the bearer scheme every route requires and the problems each route can answer (<see cref="ProblemResponses"/>).</summary>
    public static IHostApplicationBuilder AddCrmOpenApi(this IHostApplicationBuilder builder, string title, string description)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = title, Version = "v1", Description = description };
            // No servers: clients resolve routes against wherever they fetched the document, i.e. the gateway.
            document.Servers = [];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token with claims sub, name, role and branch; in Development, POST /dev/token on the gateway issues one.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            return Task.CompletedTask;
        }).AddProblemResponses());
        return builder;
    }

    public static WebApplication MapCrmOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        return app;
    }
}
