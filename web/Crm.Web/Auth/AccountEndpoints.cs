using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Web.Auth;

/// <summary>The development sign-in's form, as the browser posts it.</summary>
public sealed class DevSignInForm
{
    public string? UserId { get; set; }
    public string? Name { get; set; }
    public string? Branch { get; set; }
    public List<string>? Roles { get; set; }
    public string? ReturnUrl { get; set; }
}

/// <summary>Signs in with a token from the gateway's <c>/dev/token</c>, which exists in Development only (as this does).</summary>
public static class DevSignIn
{
    public const string ClientName = "dev-token";

    public static async Task<IResult> SignInAsync(HttpContext http, [FromForm] DevSignInForm form, IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        var roles = (form.Roles ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).ToList();
        var client = clients.CreateClient(ClientName);
        using var response = await client.PostAsJsonAsync("/dev/token",
            new { userId = form.UserId?.Trim(), name = string.IsNullOrWhiteSpace(form.Name) ? form.UserId?.Trim() : form.Name.Trim(), roles, branch = form.Branch?.Trim() },
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // Back to the form with what the gateway refused and what was typed (nothing typed is lost).
            var problem = await ApiProblem.ReadAsync(response, cancellationToken);
            var query = QueryString.Create(new Dictionary<string, string?>
            {
                ["error"] = problem.Describe(),
                ["userId"] = form.UserId,
                ["name"] = form.Name,
                ["branch"] = form.Branch,
                ["roles"] = string.Join(',', roles),
                ["returnUrl"] = form.ReturnUrl,
            });
            return Results.Redirect(WebAuthentication.SignInPath + query);
        }
        var issued = await response.Content.ReadFromJsonAsync<DevTokenIssued>(cancellationToken)
            ?? throw new InvalidOperationException("The gateway answered /dev/token without a token.");
        var principal = WebAuthentication.PrincipalFor(issued.AccessToken, out var expires);
        await WebAuthentication.SignInAsync(http, principal, expires);
        return Results.LocalRedirect(SafeReturnUrl(form.ReturnUrl));
    }

    private sealed record DevTokenIssued(string AccessToken);

    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl : "/";
}

public static class AccountEndpoints
{
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account");
        if (app.Environment.IsDevelopment())
        {
            account.MapPost("/signin", DevSignIn.SignInAsync).AllowAnonymous();
        }
        else if (WebAuthentication.UsesOpenIdConnect(app.Configuration, app.Environment))
        {
            account.MapGet("/login", (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = DevSignIn.SafeReturnUrl(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]))
                .AllowAnonymous();
        }

        account.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (WebAuthentication.UsesOpenIdConnect(app.Configuration, app.Environment))
                return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIdConnectDefaults.AuthenticationScheme]);
            return Results.Redirect(WebAuthentication.SignInPath);
        }).RequireAuthorization();

        // The language switch: a cookie the request localization reads; the page reloads in the new language.
        app.MapGet("/culture", (HttpContext http, string? lang, string? returnUrl) =>
        {
            var culture = lang == "en" ? UiLanguage.English : UiLanguage.Chinese;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
            return Results.LocalRedirect(DevSignIn.SafeReturnUrl(returnUrl));
        }).AllowAnonymous();
        return app;
    }

    /// <summary>Roles offered on the development sign-in page, in the users' words.</summary>
    public static IReadOnlyList<string> DevRoles => CrmRoles.All;
}
