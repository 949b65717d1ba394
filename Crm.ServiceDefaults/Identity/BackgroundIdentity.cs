namespace Crm.ServiceDefaults.Identity;

/// <summary>
/// Who the service acts as when no request is being served (a consumer, a scheduled job, a sweep): declared, per DI
/// scope, by the work itself. Without a caller and without a declaration <see cref="CurrentUser"/> fails closed: there
/// is no "system, sees every branch" by default (ARCHITECTURE.md, "Identity, branches").
/// </summary>
public sealed class BackgroundIdentity
{
    /// <summary>What the work is, for logs and for the failure message; null while nothing was declared.</summary>
    public string? Purpose { get; private set; }

    /// <summary>The one branch the work acts for; null when it acts for every branch.</summary>
    public string? BranchId { get; private set; }

    public bool IsDeclared => Purpose is not null;

    public bool AllBranches => IsDeclared && BranchId is null;

    /// <summary>Acts for one branch (a consumer of that branch's event): sees and writes only that branch's rows.</summary>
    public void ActForBranch(string branchId, string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        Declare(CurrentUser.Canonical(branchId), purpose);
    }

    /// <summary>
    /// Acts for every branch, which the work must ask for by name (a sweep over the whole group, the projection of a
    /// group-wide fact).
    /// </summary>
    public void ActForAllBranches(string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        Declare(null, purpose);
    }

    private void Declare(string? branchId, string purpose)
    {
        if (IsDeclared && (BranchId != branchId || Purpose != purpose))
            throw new InvalidOperationException(
                $"This scope already acts as '{Purpose}' ({BranchId ?? "every branch"}); start a new scope to act as '{purpose}'.");
        BranchId = branchId;
        Purpose = purpose;
    }
}

public static class BackgroundScopes
{
    /// <summary>A DI scope acting for every branch, for work that names itself (e.g. "the contract expiry job").</summary>
    public static AsyncServiceScope CreateSystemScope(this IServiceScopeFactory scopes, string purpose)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<BackgroundIdentity>().ActForAllBranches(purpose);
        return scope;
    }

    /// <summary>A DI scope acting for one branch only.</summary>
    public static AsyncServiceScope CreateBranchScope(this IServiceScopeFactory scopes, string branchId, string purpose)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<BackgroundIdentity>().ActForBranch(branchId, purpose);
        return scope;
    }

    /// <inheritdoc cref="CreateSystemScope(IServiceScopeFactory, string)"/>
    public static AsyncServiceScope CreateSystemScope(this IServiceProvider services, string purpose) =>
        services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope(purpose);
}
