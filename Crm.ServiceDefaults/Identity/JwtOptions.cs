using System.Text;

namespace Crm.ServiceDefaults.Identity;

/// <summary>
/// The <c>Jwt</c> configuration section. Either <see cref="Authority"/> (an OIDC provider, production) or
/// <see cref="SigningKey"/> (a symmetric key shared by the gateway's <c>/dev/token</c> and the services, development).
/// </summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    public string? Authority { get; set; }
    public string Issuer { get; set; } = "crm-dev";
    public string Audience { get; set; } = "crm";
    public string? SigningKey { get; set; }
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    public SymmetricSecurityKey? SymmetricKey =>
        string.IsNullOrEmpty(SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey));
}
