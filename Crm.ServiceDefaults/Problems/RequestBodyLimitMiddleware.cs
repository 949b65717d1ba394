using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Crm.ServiceDefaults.Problems;

/// <summary>
/// Applies the endpoint's body limit (<see cref="IRequestSizeLimitMetadata"/>, else the server's) and answers a
/// declared oversized body with a 413 problem before anything reads it. Bodies without a length are cut off by the
/// server while they are read, which the exception handler answers the same way.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var endpointLimit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        if (feature is { IsReadOnly: false } && endpointLimit is not null)
            feature.MaxRequestBodySize = endpointLimit.MaxRequestBodySize;

        var limit = feature?.MaxRequestBodySize;
        if (limit is not null && context.Request.ContentLength > limit)
            throw new BadHttpRequestException($"The body is {context.Request.ContentLength} bytes; the limit is {limit}.", StatusCodes.Status413PayloadTooLarge);

        return next(context);
    }
}
