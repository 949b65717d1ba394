using Microsoft.Net.Http.Headers;

namespace Crm.ServiceDefaults;

/// <summary>
/// The version an update is based on: the body's <c>version</c> or an <c>If-Match</c> header (<c>"3"</c> or
/// <c>W/"3"</c>). An update without one is a 400: nothing may be overwritten blind.
/// </summary>
public static class ExpectedVersion
{
    public static long From(HttpRequest request, long? bodyVersion)
    {
        if (bodyVersion is { } fromBody) return fromBody;
        var ifMatch = request.Headers[HeaderNames.IfMatch].ToString().Trim();
        if (ifMatch.StartsWith("W/", StringComparison.Ordinal)) ifMatch = ifMatch[2..];
        if (long.TryParse(ifMatch.Trim('"'), out var fromHeader)) return fromHeader;
        throw new RequestValidationException("version",
            "version is required: send the version you read (in the body or as If-Match) so that no one else's change is overwritten.");
    }

    /// <summary>
    /// The version when one was sent, null when none was: for a PUT that creates the resource the first time
    /// (nothing to be stale against) and updates it afterwards.
    /// </summary>
    public static long? FromOptional(HttpRequest request, long? bodyVersion) =>
        bodyVersion is not null || request.Headers.IfMatch.Count > 0 ? From(request, bodyVersion) : null;

    /// <summary>409 when the caller's version is not the current one.</summary>
    public static void Check(string what, long current, long expected)
    {
        if (current != expected)
            throw new ConflictException(
                $"The {what} was changed by someone else (version {current}, you sent {expected}); read it again and reapply your change.",
                "Stale version.");
    }
}
