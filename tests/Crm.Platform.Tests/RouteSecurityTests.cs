using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Crm.Platform.Tests;

/// <summary>A guard for every service as it grows: no route is reachable without a token unless it is meant to be.</summary>
[Collection(SystemCollection.Name)]
public sealed class RouteSecurityTests(SystemFixture fixture)
{
    private static readonly string[] Anonymous = ["/health", "/alive", "/openapi/v1.json"];

    [Theory]
    [InlineData("customers")]
    [InlineData("contracts")]
    [InlineData("credit")]
    [InlineData("aftersales")]
    [InlineData("alerts")]
    public void Every_route_requires_a_token(string service)
    {
        var sources = fixture.System.ServicesOf(service).GetServices<EndpointDataSource>();
        var open = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => !Anonymous.Contains("/" + e.RoutePattern.RawText?.TrimStart('/')))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => e.DisplayName)
            .ToList();
        Assert.Empty(open);
    }
}
