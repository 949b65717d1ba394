using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Crm.Web.Auth;

/// <summary>
/// Adds the signed-in user's bearer token to every call to the gateway: from the circuit's authentication state in an
/// interactive session, from the request's cookie ticket otherwise (a download).
/// </summary>
public sealed class UserTokenHandler(CircuitServicesAccessor circuit, IHttpContextAccessor http) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = (await CurrentUserAsync())?.AccessToken();
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<ClaimsPrincipal?> CurrentUserAsync()
    {
        if (circuit.Services?.GetService<AuthenticationStateProvider>() is { } state)
            return (await state.GetAuthenticationStateAsync()).User;
        return http.HttpContext?.User;
    }
}
