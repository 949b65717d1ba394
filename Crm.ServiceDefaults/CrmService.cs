namespace Crm.ServiceDefaults;

/// <summary>
/// How every CRM service starts, written once: the service defaults, the service's own registrations, then the default
/// middleware and endpoints, the OpenAPI document, and the service's routes. A service's <c>Program.cs</c> names only
/// its two parts.
/// </summary>
public static class CrmService
{
    public static void Run(string[] args, Action<WebApplicationBuilder> addServices, Action<WebApplication> mapApi)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddServiceDefaults();
        addServices(builder);

        var app = builder.Build();

        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapCrmOpenApi();
        mapApi(app);

        app.Run();
    }
}
