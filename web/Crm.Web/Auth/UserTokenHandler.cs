using System.Net.Http.Headers;
using Microsoft.AspNetCore.Components.Authorization;

namespace Crm.Web.Auth;

/// <summary>
/// Adds the signed-in user's bearer token to a call to the gateway. The token travels with the request message (put
/// there by <see cref="Api.GatewayApi"/>, which lives in the user's own scope), never in shared state: the handler is
/// built by the HTTP client factory in a scope of its own, and a live alert calls the API from outside any request.
/// </summary>
public sealed class UserTokenHandler : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> TokenOption = new("crm.user-token");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(TokenOption, out var token) && !string.IsNullOrEmpty(token))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>The token of the user this scope serves: the circuit's authentication state, or the request's cookie ticket (a download).</summary>
public sealed class UserTokenSource(IServiceProvider services, IHttpContextAccessor http)
{
    public async Task<string?> TokenAsync()
    {
        if (http.HttpContext?.User is { Identity.IsAuthenticated: true } requestUser) return requestUser.AccessToken();
        if (services.GetService<AuthenticationStateProvider>() is { } state)
        {
            try
            {
                return (await state.GetAuthenticationStateAsync()).User.AccessToken();
            }
            catch (InvalidOperationException)
            {
                return null; // not a circuit: no authentication state was set for this scope
            }
        }
        return null;
    }

    public static ClaimsPrincipal Anonymous { get; } = new(new ClaimsIdentity());
}
