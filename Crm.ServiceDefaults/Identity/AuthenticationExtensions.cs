using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Crm.ServiceDefaults.Identity;

public static class AuthenticationExtensions
{
    /// <summary>JWT bearer validation with the CRM's claims, and the caller as <see cref="ICurrentUser"/>.</summary>
    public static IHostApplicationBuilder AddCrmAuthentication(this IHostApplicationBuilder builder)
    {
        var jwt = builder.Configuration.GetSection(JwtOptions.SectionName).Get<JwtOptions>() ?? new JwtOptions();
        if (string.IsNullOrEmpty(jwt.Authority) && jwt.SymmetricKey is null)
            throw new InvalidOperationException(
                "No token validation is configured: set Jwt:Authority (an OIDC provider) or, in Development, Jwt:SigningKey.");
        if (jwt.SymmetricKey is { KeySize: < 256 })
            throw new InvalidOperationException("Jwt:SigningKey must be at least 32 bytes.");

        builder.Services.AddSingleton(jwt);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                // The signature and claims of a token are checked once, not on every request that carries it. On the clock the
                // token handler itself checks lifetimes with (the system's), not the injected one.
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new CachedTokenValidation(new JsonWebTokenHandler { MapInboundClaims = false }, TimeProvider.System));
                options.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
                if (!string.IsNullOrEmpty(jwt.Authority))
                {
                    options.Authority = jwt.Authority;
                    options.Audience = jwt.Audience;
                }
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = string.IsNullOrEmpty(jwt.Authority) ? jwt.Issuer : null,
                    ValidateAudience = true,
                    ValidAudience = jwt.Audience,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    IssuerSigningKey = jwt.SymmetricKey,
                    ValidateIssuerSigningKey = true,
                    NameClaimType = CrmClaims.Name,
                    RoleClaimType = CrmClaims.Role,
                };
                // Every write records who did it (owner, history, timeline, access log): a token naming no user is refused.
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(CrmClaims.UserId)?.Value))
                            context.Fail("The token names no user (claim 'sub').");
                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddScoped<BackgroundIdentity>();
        builder.Services.AddScoped<ICurrentUser, CurrentUser>();
        return builder;
    }
}
