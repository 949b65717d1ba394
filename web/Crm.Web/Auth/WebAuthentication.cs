using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Crm.Web.Auth;

/// <summary>
/// The browser holds one encrypted, HTTP-only session cookie; the user's API token lives inside that ticket (a claim
/// of the server-side principal) and never reaches the browser's script. Development signs in through the gateway's
/// <c>/dev/token</c>; elsewhere OpenID Connect against <c>Oidc:Authority</c>.
/// </summary>
public static class WebAuthentication
{
    /// <summary>The claim of the cookie ticket that holds the bearer token the server sends to the gateway.</summary>
    public const string AccessTokenClaim = "crm:access_token";
    public const string CookieName = "__crm_session";
    public const string SignInPath = "/account/signin";

    public static bool UsesOpenIdConnect(IConfiguration configuration, IHostEnvironment environment) =>
        !environment.IsDevelopment() && !string.IsNullOrWhiteSpace(configuration["Oidc:Authority"]);

    public static void AddWebAuthentication(this WebApplicationBuilder builder)
    {
        var oidc = UsesOpenIdConnect(builder.Configuration, builder.Environment);
        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = oidc ? OpenIdConnectDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme;
        });
        authentication.AddCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure always outside Development; the development run is plain http on localhost (no trusted certificate).
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.LoginPath = SignInPath;
            options.AccessDeniedPath = SignInPath;
            options.SlidingExpiration = false;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        if (oidc)
        {
            authentication.AddOpenIdConnect(options =>
            {
                var section = builder.Configuration.GetSection("Oidc");
                options.Authority = section["Authority"];
                options.ClientId = section["ClientId"];
                options.ClientSecret = section["ClientSecret"];
                options.ResponseType = "code";
                options.UsePkce = true;
                options.SaveTokens = false;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = CrmClaims.Name;
                options.TokenValidationParameters.RoleClaimType = CrmClaims.Role;
                foreach (var scope in (section["Scopes"] ?? "openid profile").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    options.Scope.Add(scope);
                options.Events.OnTokenValidated = context =>
                {
                    // The API token rides in the server-side ticket like the development one.
                    if (context.TokenEndpointResponse?.AccessToken is { Length: > 0 } token && context.Principal?.Identity is ClaimsIdentity identity)
                        identity.AddClaim(new Claim(AccessTokenClaim, token));
                    return Task.CompletedTask;
                };
            });
        }
        builder.Services.AddAuthorization();
    }

    /// <summary>The principal of the session for a token the gateway issued: its user, name, roles and branch.</summary>
    public static ClaimsPrincipal PrincipalFor(string accessToken, out DateTimeOffset expires)
    {
        var token = new JsonWebTokenHandler().ReadJsonWebToken(accessToken);
        expires = token.ValidTo == DateTime.MinValue ? DateTimeOffset.MaxValue : new DateTimeOffset(token.ValidTo, TimeSpan.Zero);
        var claims = token.Claims
            .Where(c => c.Type is CrmClaims.UserId or CrmClaims.Name or CrmClaims.Role or CrmClaims.Branch)
            .Select(c => new Claim(c.Type, c.Value))
            .Append(new Claim(AccessTokenClaim, accessToken));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, CrmClaims.Name, CrmClaims.Role));
    }

    public static string? AccessToken(this ClaimsPrincipal user) => user.FindFirst(AccessTokenClaim)?.Value;
    public static string UserId(this ClaimsPrincipal user) => user.FindFirst(CrmClaims.UserId)?.Value ?? "";
    public static string Branch(this ClaimsPrincipal user) => user.FindFirst(CrmClaims.Branch)?.Value ?? "";
    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirst(CrmClaims.Name)?.Value ?? user.UserId();
    public static IReadOnlyList<string> Roles(this ClaimsPrincipal user) => user.FindAll(CrmClaims.Role).Select(c => c.Value).ToList();

    public static bool IsManager(this ClaimsPrincipal user) => CrmRoles.Managers.Any(user.IsInRole);

    internal static Task SignInAsync(HttpContext http, ClaimsPrincipal principal, DateTimeOffset expires) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties
        {
            IsPersistent = false,
            ExpiresUtc = expires,
            AllowRefresh = false,
        });
}
