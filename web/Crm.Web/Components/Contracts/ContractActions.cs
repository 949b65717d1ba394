using Crm.Web.Auth;

namespace Crm.Web.Components.Contracts;

/// <summary>
/// The lifecycle steps a user may take on a contract in its state: the contracts service's own rules (roles per route,
/// author/owner/custodian checks, separation of duties), so that a button the service would refuse is not shown.
/// The service still decides; this only keeps the page honest.
/// </summary>
public static class ContractActions
{
    public const string Edit = "edit";
    public const string Submit = "submit";
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Sign = "sign";
    public const string Amend = "amend";
    public const string Terminate = "terminate";
    public const string Renew = "renew";
    public const string Notice = "notice";
    public const string Archive = "archive";

    private static readonly string[] Drafters = [CrmRoles.SalesRep, CrmRoles.ContractCustodian];
    private static readonly string[] Approvers = [CrmRoles.SalesAdminManager, CrmRoles.SalesVp, CrmRoles.SalesGm];
    private static readonly string[] Signers = [CrmRoles.ContractCustodian, .. CrmRoles.SalesAdminManagerAndAbove];
    private static readonly string[] Managing = [CrmRoles.SalesRep, CrmRoles.ContractCustodian, .. CrmRoles.SalesAdminManagerAndAbove];

    /// <summary>Who may draft a contract for a customer: its owner rep, or the custodian.</summary>
    public static bool CanDraftFor(ClaimsPrincipal user, string customerOwnerId) =>
        user.IsInRole(CrmRoles.ContractCustodian) || (user.IsInRole(CrmRoles.SalesRep) && customerOwnerId == user.UserId());

    public static IReadOnlyList<string> For(ContractDetails c, ClaimsPrincipal user)
    {
        var me = user.UserId();
        bool Any(IEnumerable<string> roles) => roles.Any(user.IsInRole);
        var custodian = user.IsInRole(CrmRoles.ContractCustodian);
        var manager = Any(CrmRoles.SalesAdminManagerAndAbove);
        var owner = c.OwnerId == me;
        var inForce = c.State is "signed" or "active";
        var actions = new List<string>();

        if (c.State == "draft")
        {
            if (Any(Drafters) && (c.AuthorId == me || custodian)) actions.Add(Edit);
            if (Any(Drafters) && (c.AuthorId == me || custodian || owner)) actions.Add(Submit);
        }
        if (c.State == "submitted" && c.AwaitingRole is { } awaiting && Approvers.Contains(awaiting) && user.IsInRole(awaiting)
            && c.AuthorId != me && c.SubmittedBy != me
            && !c.Steps.Any(s => s.Round == c.Round && s.DecidedBy == me))
        {
            actions.Add(Approve);
            actions.Add(Reject);
        }
        if (c.State == "approved" && Any(Signers)) actions.Add(Sign);
        if (inForce && Any(Signers)) actions.Add(Amend);
        if (inForce && c.AutoRenew && c.NoticeGivenOn is null && Any(Managing) && (owner || custodian || manager)) actions.Add(Notice);
        if (c.State is "signed" or "active" or "expired" && c.RenewedByContractId is null && Any(Managing) && (owner || custodian || manager))
            actions.Add(Renew);
        if (inForce && manager) actions.Add(Terminate);
        if (c.State is "signed" or "active" or "expired" or "terminated" && custodian) actions.Add(Archive);
        return actions;
    }
}
