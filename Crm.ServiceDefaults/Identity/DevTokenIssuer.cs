using Microsoft.IdentityModel.JsonWebTokens;

namespace Crm.ServiceDefaults.Identity;

/// <summary>Signs development tokens with the configured symmetric key. Never registered outside Development.</summary>
public sealed class DevTokenIssuer(JwtOptions options, TimeProvider clock)
{
    public string Issue(string userId, string name, IReadOnlyCollection<string> roles, string branch)
    {
        var key = options.SymmetricKey
            ?? throw new InvalidOperationException("Jwt:SigningKey is not configured; development tokens cannot be signed.");
        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.DevTokenLifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [CrmClaims.UserId] = userId,
                [CrmClaims.Name] = name,
                [CrmClaims.Role] = roles.ToArray(),
                [CrmClaims.Branch] = branch,
            },
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
