using System.Security.Claims;
using Crm.ServiceDefaults.Identity;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Crm.Platform.Tests;

/// <summary>The token cache in front of the JWT handler: what it remembers, for how long, and what it never remembers.</summary>
public sealed class CachedTokenValidationTests
{
    private static readonly TokenValidationParameters Parameters = new() { ValidIssuer = TestTokens.Issuer, ValidAudience = TestTokens.Audience };

    [Fact]
    public async Task A_valid_token_is_validated_once_and_each_caller_gets_its_own_identity()
    {
        var inner = new CountingHandler(valid: true);
        var cache = new CachedTokenValidation(inner, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var token = TestTokens.For("rep-1", "sh", "sales-rep");

        var first = await cache.ValidateTokenAsync(token, Parameters);
        var second = await cache.ValidateTokenAsync(token, Parameters);

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, inner.Calls);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        second.ClaimsIdentity.AddClaim(new Claim("added", "by one request"));
        var third = await cache.ValidateTokenAsync(token, Parameters);
        Assert.Null(third.ClaimsIdentity.FindFirst("added"));
    }

    [Fact]
    public async Task A_remembered_token_is_validated_again_after_five_minutes_and_another_token_is_never_taken_for_it()
    {
        var inner = new CountingHandler(valid: true);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new CachedTokenValidation(inner, clock);
        var token = TestTokens.For("rep-1", "sh", "sales-rep");

        await cache.ValidateTokenAsync(token, Parameters);
        clock.Advance(CachedTokenValidation.MaxAge);
        await cache.ValidateTokenAsync(token, Parameters);
        await cache.ValidateTokenAsync(TestTokens.For("rep-2", "sh", "sales-rep"), Parameters);

        Assert.Equal(3, inner.Calls);
    }

    [Fact]
    public async Task A_token_that_fails_is_never_remembered()
    {
        var inner = new CountingHandler(valid: false);
        var cache = new CachedTokenValidation(inner, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var token = TestTokens.For("rep-1", "sh", "sales-rep");

        Assert.False((await cache.ValidateTokenAsync(token, Parameters)).IsValid);
        Assert.False((await cache.ValidateTokenAsync(token, Parameters)).IsValid);
        Assert.Equal(2, inner.Calls);
    }

    private sealed class CountingHandler(bool valid) : TokenHandler
    {
        public int Calls { get; private set; }

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Calls++;
            var jwt = new JsonWebToken(token);
            return Task.FromResult(valid
                ? new TokenValidationResult { IsValid = true, SecurityToken = jwt, ClaimsIdentity = new ClaimsIdentity(jwt.Claims, "Bearer") }
                : new TokenValidationResult { IsValid = false, Exception = new SecurityTokenInvalidSignatureException("bad signature") });
        }
    }
}
