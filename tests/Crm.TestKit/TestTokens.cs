namespace Crm.TestKit;

/// <summary>Tokens signed with the key every test host is configured with.</summary>
public static class TestTokens
{
    public const string SigningKey = "crm-test-signing-key-0123456789-0123456789-abcdef";
    public const string Issuer = "crm-test";
    public const string Audience = "crm";

    private static readonly DevTokenIssuer Issuer_ = new(
        new JwtOptions { Issuer = Issuer, Audience = Audience, SigningKey = SigningKey }, TimeProvider.System);

    public static string For(string userId, string branch, params string[] roles) =>
        Issuer_.Issue(userId, userId, roles, branch);

    /// <summary>The settings a host needs to accept these tokens.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> HostSettings() =>
    [
        new("Jwt:Issuer", Issuer),
        new("Jwt:Audience", Audience),
        new("Jwt:SigningKey", SigningKey),
    ];
}
