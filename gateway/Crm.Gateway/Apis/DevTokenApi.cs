using Crm.ServiceDefaults.Identity;
using Crm.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Gateway.Apis;

/// <summary><c>POST /dev/token</c>: a signed token for any user, role and branch. Mapped in Development only.</summary>
public static class DevTokenApi
{
    public static WebApplication MapDevTokenApi(this WebApplication app)
    {
        app.MapPost("/dev/token", IssueDevToken)
            .WithName(nameof(IssueDevToken))
            .WithSummary("Development only: a token for the given user, roles and branch")
            .AllowAnonymous();
        return app;
    }

    public static Ok<DevTokenResponse> IssueDevToken(DevTokenRequest request, DevTokenIssuer issuer, JwtOptions jwt)
    {
        var unknownRoles = request.Roles?.Except(CrmRoles.All).ToList() ?? [];
        new ValidationErrors()
            .Required("userId", request.UserId, 100)
            .MaxLength("name", request.Name, 200)
            .Required("branch", request.Branch, 50)
            .When(request.Roles is not { Count: > 0 }, "roles", $"roles needs at least one of: {string.Join(", ", CrmRoles.All)}.")
            .When(unknownRoles.Count > 0, "roles", $"Unknown roles: {string.Join(", ", unknownRoles)}. Known: {string.Join(", ", CrmRoles.All)}.")
            .ThrowIfAny();

        var token = issuer.Issue(request.UserId!, request.Name ?? request.UserId!, request.Roles!, request.Branch!);
        return TypedResults.Ok(new DevTokenResponse(token, "Bearer", (int)jwt.DevTokenLifetime.TotalSeconds));
    }
}

public sealed record DevTokenRequest(string? UserId, string? Name, IReadOnlyList<string>? Roles, string? Branch);

public sealed record DevTokenResponse(string AccessToken, string TokenType, int ExpiresIn);
