using System.Globalization;
using System.Security.Claims;
using Crm.ServiceDefaults.Identity;
using Crm.Web.Localization;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor.Services;

namespace Crm.Web.Tests;

/// <summary>A bUnit context with MudBlazor, the texts, a signed-in user and the gateway faked by <see cref="FakeGateway"/>.</summary>
public abstract class ComponentTestContext : BunitContext
{
    protected FakeGateway Gateway { get; } = new();

    protected ComponentTestContext(string culture = "zh-CN", params string[] roles)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        // A form validates asynchronously: on two busy cores its messages may take longer than bUnit's 1 s default.
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<Texts>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new GatewayApi(new HttpClient(Gateway) { BaseAddress = new Uri("http://gateway.test") }));
        var auth = AddAuthorization();
        auth.SetAuthorized("rep-1");
        // Roles first: bUnit's SetRoles builds the principal again without the claims set before it.
        auth.SetRoles(roles.Length > 0 ? roles : ["sales-rep"]);
        auth.SetClaims(new Claim(CrmClaims.UserId, "rep-1"), new Claim(CrmClaims.Branch, "sh"));
        Render<MudBlazor.MudPopoverProvider>();
    }

    // MudBlazor registers services that only dispose asynchronously; xunit 2 disposes test classes synchronously.
    protected override void Dispose(bool disposing)
    {
        if (disposing) DisposeAsync().AsTask().GetAwaiter().GetResult();
        else base.Dispose(disposing);
    }
}
