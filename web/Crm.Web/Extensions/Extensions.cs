using Crm.ServiceDefaults;
using Crm.Web.Auth;
using Crm.Web.Components;
using Crm.Web.Live;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace Crm.Web.Extensions;

/// <summary>
/// The web app (a backend-for-frontend): Blazor interactive server rendering, a cookie session in the browser, the
/// gateway's API called on the server with the user's token, and live alerts from <c>crm.alert-raised</c>.
/// </summary>
public static class Extensions
{
    public static void AddWebApp(this WebApplicationBuilder builder)
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.TryAddTimeProvider();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();

        builder.AddWebAuthentication();

        builder.Services.Configure<GatewayOptions>(builder.Configuration.GetSection(GatewayOptions.Section));
        builder.Services.AddScoped<UserTokenSource>();
        builder.Services.AddTransient<UserTokenHandler>();
        // No retries: a POST sent twice could register a customer twice (a double click never submits twice).
        builder.Services.AddHttpClient<GatewayApi>(ConfigureGatewayClient).AddHttpMessageHandler<UserTokenHandler>();
        builder.Services.AddHttpClient(DevSignIn.ClientName, ConfigureGatewayClient);

        builder.Services.AddSingleton<Texts>();
        builder.AddLiveAlerts();

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The gateway in front is the only way in: it says which scheme and host the browser used.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
    }

    private static void ConfigureGatewayClient(IServiceProvider services, HttpClient client)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value;
        client.BaseAddress = options.BaseAddress ?? throw new InvalidOperationException("Gateway:BaseAddress is not set: the web app calls the API through the gateway.");
        client.Timeout = TimeSpan.FromSeconds(60);
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(s => s.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }

    public static void UseWebApp(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);

        string[] cultures = [UiLanguage.Chinese, UiLanguage.English];
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(UiLanguage.Chinese),
            SupportedCultures = cultures.Select(CultureInfo.GetCultureInfo).ToList(),
            SupportedUICultures = cultures.Select(CultureInfo.GetCultureInfo).ToList(),
            // Chinese first: the browser's language does not switch it, only the user's choice (the culture cookie).
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        });

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapDefaultEndpoints();
        app.MapAccountEndpoints();
        app.MapDownloadEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
