namespace Crm.Customers.Apis;

/// <summary>The channel tree (渠道): the outlets below a distributor.</summary>
public static class ChannelApi
{
    public static IEndpointRouteBuilder MapChannelApi(this IEndpointRouteBuilder app)
    {
        // Part of the distributor's file: whoever may read the card (its branch; group roles every branch) reads its outlets.
        app.MapGroup("api/customers")
            .WithTags("Channels 渠道")
            .RequireAuthorization()
            .Get("/{id:guid}/channel", GetChannel, "The outlets below a distributor (渠道网点), the whole subtree with each one's depth; counts by tier (二批, 零售终端) and region; new and lost outlets per month (from, to: yyyy-MM); outlets paged, filter tier, region", 400, 404);
        return app;
    }

    public static async Task<Ok<ChannelView>> GetChannel(
        Guid id, [AsParameters] ChannelQuery query, ChannelTree channel, CancellationToken cancellationToken) =>
        TypedResults.Ok(await channel.ViewAsync(id, query, cancellationToken));
}
