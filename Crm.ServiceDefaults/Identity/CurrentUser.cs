using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Crm.ServiceDefaults.Identity;

/// <summary>Who is calling, and which branch's data they may see.</summary>
public interface ICurrentUser
{
    string Id { get; }
    string Name { get; }
    string BranchId { get; }
    IReadOnlySet<string> Roles { get; }

    /// <summary>group-gm and admin see every branch; so does the service itself when it works off a message.</summary>
    bool SeesAllBranches { get; }

    /// <summary>True when the service acts on its own (a consumer, a scheduled job), not for a caller.</summary>
    bool IsSystem { get; }

    bool IsInRole(string role);
    bool IsInAnyRole(IEnumerable<string> roles);

    /// <summary>May the caller see rows of this branch?</summary>
    bool CanAccessBranch(string branchId);
}

public static class CurrentUserExtensions
{
    /// <summary>
    /// The branch a report is narrowed to: group-wide callers may name one (null: every branch), everyone else gets
    /// their own, whatever they ask.
    /// </summary>
    public static string? BranchFilter(this ICurrentUser user, string? requested) =>
        user.SeesAllBranches ? (string.IsNullOrWhiteSpace(requested) ? null : CurrentUser.Canonical(requested)) : user.BranchId;
}

/// <summary>Reads the caller from the request's validated token; outside a request it is the system.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public const string SystemId = "system";

    private ClaimsPrincipal? Principal =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public bool IsSystem => accessor.HttpContext is null;

    public string Id => Principal?.FindFirstValue(CrmClaims.UserId) ?? (IsSystem ? SystemId : "");

    public string Name => Principal?.FindFirstValue(CrmClaims.Name) ?? Id;

    public string BranchId => Canonical(Principal?.FindFirstValue(CrmClaims.Branch));

    /// <summary>
    /// A branch id as rows and codes store it: trimmed, lower case. Tokens from another issuer may spell it "SH" or " sh";
    /// they are one branch, and must not be two code sequences or two sets of rows.
    /// </summary>
    public static string Canonical(string? branchId) => branchId?.Trim().ToLowerInvariant() ?? "";

    public IReadOnlySet<string> Roles =>
        Principal?.FindAll(CrmClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal) ?? [];

    public bool SeesAllBranches => IsSystem || CrmRoles.GroupWide.Any(IsInRole);

    public bool IsInRole(string role) => Principal?.HasClaim(CrmClaims.Role, role) ?? false;

    public bool IsInAnyRole(IEnumerable<string> roles) => roles.Any(IsInRole);

    public bool CanAccessBranch(string branchId) => SeesAllBranches || (BranchId.Length > 0 && BranchId == branchId);
}
