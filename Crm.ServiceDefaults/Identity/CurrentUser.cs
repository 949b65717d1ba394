using System.Security.Claims;

namespace Crm.ServiceDefaults.Identity;

/// <summary>Who is calling, and which branch's data they may see.</summary>
public interface ICurrentUser
{
    string Id { get; }
    string Name { get; }
    string BranchId { get; }
    IReadOnlySet<string> Roles { get; }

    /// <summary>
    /// group-gm and admin see every branch; so does background work that declared it acts for every branch
    /// (<see cref="BackgroundIdentity"/>). Nobody else, and nothing without a caller or a declaration.
    /// </summary>
    bool SeesAllBranches { get; }

    /// <summary>True when the service acts on its own (a consumer, a scheduled job) under a declared identity, not for a caller.</summary>
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

/// <summary>
/// Reads the caller from the request's validated token. Outside a request it is the service itself, acting as the work
/// declared in <see cref="BackgroundIdentity"/> (one branch, or every branch by name); with neither it fails closed:
/// every member throws, so nothing is read or written on behalf of nobody.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor, BackgroundIdentity background) : ICurrentUser
{
    public const string SystemId = "system";

    /// <summary>For design-time DbContext factories (migrations): builds the model, reads nobody.</summary>
    public static ICurrentUser DesignTime() => new CurrentUser(new HttpContextAccessor(), new BackgroundIdentity());

    private ClaimsPrincipal? Principal => Caller?.User is { Identity.IsAuthenticated: true } user ? user : null;

    // A declared background identity wins: the work named what it acts as, in a scope of its own.
    private HttpContext? Caller => background.IsDeclared ? null : accessor.HttpContext ?? throw NoCaller();

    public bool IsSystem => background.IsDeclared || Caller is null;

    public string Id => background.IsDeclared ? SystemId : Principal?.FindFirstValue(CrmClaims.UserId) ?? "";

    public string Name => background.IsDeclared ? SystemId : Principal?.FindFirstValue(CrmClaims.Name) ?? Id;

    public string BranchId => background.IsDeclared ? background.BranchId ?? "" : Canonical(Principal?.FindFirstValue(CrmClaims.Branch));

    /// <summary>
    /// A branch id as rows and codes store it: trimmed, lower case. Tokens from another issuer may spell it "SH" or " sh";
    /// they are one branch, and must not be two code sequences or two sets of rows.
    /// </summary>
    public static string Canonical(string? branchId) => branchId?.Trim().ToLowerInvariant() ?? "";

    public IReadOnlySet<string> Roles =>
        Principal?.FindAll(CrmClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal) ?? [];

    public bool SeesAllBranches => background.IsDeclared ? background.AllBranches : CrmRoles.GroupWide.Any(IsInRole);

    public bool IsInRole(string role) => Principal?.HasClaim(CrmClaims.Role, role) ?? false;

    public bool IsInAnyRole(IEnumerable<string> roles) => roles.Any(IsInRole);

    public bool CanAccessBranch(string branchId) => SeesAllBranches || (BranchId.Length > 0 && BranchId == branchId);

    private static InvalidOperationException NoCaller() => new(
        "No caller and no declared background identity: work outside a request must say which branch it acts for " +
        "(BackgroundIdentity.ActForBranch, or ActForAllBranches by name; IServiceScopeFactory.CreateSystemScope/CreateBranchScope).");
}
