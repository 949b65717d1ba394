using System.Collections.Concurrent;

namespace Crm.ServiceDefaults.Identity;

/// <summary>
/// Remembers tokens it has validated, so that a client sending the same bearer token on every request (as every client
/// does, for hours) has its signature checked and its claims parsed once, not per request. A remembered token is
/// accepted again only until it expires and for at most <see cref="MaxAge"/> (so that a signing key withdrawn by the
/// authority stops being honoured within minutes), and only for the same validation parameters; anything else, and
/// every token that fails, goes to the real handler. Each request gets its own copy of the identity.
/// </summary>
public sealed class CachedTokenValidation(TokenHandler inner, TimeProvider clock) : TokenHandler
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Validated> _validated = new(StringComparer.Ordinal);

    private sealed record Validated(TokenValidationResult Result, DateTimeOffset Until, TokenValidationParameters Parameters);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow();
        if (_validated.TryGetValue(token, out var known) && now < known.Until && SameParameters(known.Parameters, validationParameters))
            return Copy(known.Result);

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { ValidTo: var expires } && expires > DateTime.MinValue)
        {
            var until = new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc));
            if (until > now + MaxAge) until = now + MaxAge;
            if (_validated.Count >= Capacity) Prune(now);
            _validated[token] = new Validated(Copy(result), until, validationParameters);
        }
        return result;
    }

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    // The handler clones its parameters per request when it refreshes them from an authority: compare what validation reads.
    private static bool SameParameters(TokenValidationParameters a, TokenValidationParameters b) =>
        ReferenceEquals(a, b)
        || (a.ValidIssuer == b.ValidIssuer && a.ValidAudience == b.ValidAudience && ReferenceEquals(a.IssuerSigningKey, b.IssuerSigningKey)
            && SameKeys(a.IssuerSigningKeys, b.IssuerSigningKeys) && a.ValidateLifetime == b.ValidateLifetime && a.ClockSkew == b.ClockSkew);

    private static bool SameKeys(IEnumerable<SecurityKey>? a, IEnumerable<SecurityKey>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));

    private void Prune(DateTimeOffset now)
    {
        foreach (var (token, validated) in _validated)
            if (validated.Until <= now) _validated.TryRemove(token, out _);
        if (_validated.Count >= Capacity) _validated.Clear();
    }

    private static TokenValidationResult Copy(TokenValidationResult result) => new()
    {
        IsValid = true,
        SecurityToken = result.SecurityToken,
        ClaimsIdentity = result.ClaimsIdentity.Clone(),
        Issuer = result.Issuer,
        TokenType = result.TokenType,
    };
}
