using System.Diagnostics;

namespace Crm.Platform.Tests;

/// <summary>The slice every domain builds on, over real HTTP through the real gateway and a real broker.</summary>
[Collection(SystemCollection.Name)]
public sealed class EndToEndTests(SystemFixture fixture)
{
    private CrmSystem System => fixture.System;

    [Fact]
    public async Task A_customer_registered_through_the_gateway_reaches_every_other_service_in_one_trace()
    {
        using var activities = new ActivityCollector();
        using var anonymous = new HttpClient { BaseAddress = System.GatewayHost.Address };
        var token = await anonymous.PostAsJsonAsync("/dev/token", new { userId = "rep-7", name = "李娜", roles = new[] { "sales-rep" }, branch = "sh" });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);

        var response = await anonymous.PostAsJsonAsync("/api/customers", new { name = "杭州利民日化有限公司", kind = "agent", region = "华东" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var customerId = created.GetProperty("id").GetGuid();
        Assert.StartsWith("SH-", created.GetProperty("code").GetString());
        Assert.Equal(1, created.GetProperty("version").GetInt64());

        foreach (var service in new[] { "contracts", "credit", "aftersales", "alerts" })
        {
            var reference = await Eventually.Until(
                () => System.QueryAsync(service, db => db.Database
                    .SqlQuery<ReferenceRow>($"SELECT \"Name\", \"BranchId\", \"OwnerId\" FROM \"Customers\" WHERE \"Id\" = {customerId}")
                    .ToListAsync()),
                rows => rows.Count == 1, $"{service} to hold the customer reference");
            Assert.Equal(new ReferenceRow("杭州利民日化有限公司", "sh", "rep-7"), reference.Single());
        }

        var gatewayPort = System.GatewayHost.Address.Port;
        var customersPort = System.AddressOf("customers").Port;
        var traceId = await Eventually.Until(
            () => Task.FromResult(activities.Stopped.FirstOrDefault(a => IsServerSpan(a, gatewayPort, "POST"))?.TraceId),
            id => id is not null, "the gateway's span");
        var trace = await Eventually.Until(
            () => Task.FromResult(activities.Stopped.Where(a => a.TraceId == traceId).ToList()),
            spans => spans.Any(s => IsServerSpan(s, customersPort, "POST")) && spans.Any(IsCreditConsumerSpan),
            "the customers service's and a consumer's spans in the gateway's trace");
        Assert.Contains(trace, a => a.Source.Name == "Crm.Messaging" && a.Kind == ActivityKind.Producer);
        Assert.Contains(trace, a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer);
    }

    [Fact]
    public async Task A_customer_is_read_back_in_its_branch_and_is_not_found_from_another()
    {
        using var rep = System.Gateway("rep-8", "bj", "sales-rep");
        var created = await (await rep.PostAsJsonAsync("/api/customers", new { name = "北京同仁商贸", kind = "trading", region = "华北", taxNumber = "91110105MA01ABCD13" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();

        var card = await rep.GetFromJsonAsync<JsonElement>($"/api/customers/{id}");
        Assert.Equal("北京同仁商贸", card.GetProperty("name").GetString());
        Assert.Equal("trading", card.GetProperty("kind").GetString());
        Assert.Equal("active", card.GetProperty("status").GetString());
        Assert.Equal("rep-8", card.GetProperty("ownerId").GetString());

        using var otherBranch = System.Gateway("rep-9", "sh", "sales-rep");
        var hidden = await otherBranch.GetAsync($"/api/customers/{id}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("application/problem+json", hidden.Content.Headers.ContentType?.MediaType);

        using var groupGm = System.Gateway("gm-1", "hq", "group-gm");
        Assert.Equal(HttpStatusCode.OK, (await groupGm.GetAsync($"/api/customers/{id}")).StatusCode);
    }

    private static bool IsServerSpan(Activity activity, int port, string method) =>
        activity.Kind == ActivityKind.Server && PortOf(activity) == port
        && activity.GetTagItem("http.request.method") as string == method
        && (activity.GetTagItem("url.path") as string)?.StartsWith("/api/customers", StringComparison.Ordinal) == true;

    private static int? PortOf(Activity activity) => activity.GetTagItem("server.port") switch
    {
        int port => port,
        long port => (int)port,
        string text when int.TryParse(text, out var port) => port,
        _ => null,
    };

    private static bool IsCreditConsumerSpan(Activity activity) =>
        activity.Source.Name == "MassTransit" && activity.Kind == ActivityKind.Consumer
        && activity.TagObjects.Any(t => t.Value?.ToString()?.Contains("credit.customer-registered", StringComparison.Ordinal) == true);

    private sealed record ReferenceRow(string Name, string BranchId, string OwnerId);
}
