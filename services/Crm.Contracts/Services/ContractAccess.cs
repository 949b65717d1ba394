namespace Crm.Contracts.Services;

/// <summary>
/// Who may do what with a contract beyond the roles each route requires. Its contents are trade secrets (商业秘密):
/// only the contract custodian (合同管理员), the customer's owner rep and the sales administration manager and above
/// read them; the marketing manager does not (see docs/decisions/contracts-secrecy-and-access-log.md).
/// </summary>
public sealed class ContractAccess(ICurrentUser user)
{
    public static IReadOnlyList<string> ContentRoles { get; } = [CrmRoles.ContractCustodian, .. CrmRoles.SalesAdminManagerAndAbove];

    public static IReadOnlyList<string> AccessLogRoles { get; } = ContentRoles;

    public Actor Actor => new(user.Id, user.Name);

    public ICurrentUser User => user;

    public bool IsCustodian => user.IsInRole(CrmRoles.ContractCustodian);

    public bool IsManager => user.IsInAnyRole(CrmRoles.SalesAdminManagerAndAbove);

    public bool ReadsContentsOf(string ownerId) => ownerId == user.Id || user.IsInAnyRole(ContentRoles);

    public void EnsureReadsContents(Contract contract, string ownerId) => Require(ReadsContentsOf(ownerId),
        $"合同内容属商业秘密, 仅合同管理员、客户负责业务员和销售管理部经理及以上可查阅 (only the custodian, the owner rep and managers may read {contract.Number}).");

    public void EnsureCanCreateFor(CustomerReference customer) => Require(IsCustodian || customer.OwnerId == user.Id,
        $"只有客户 {customer.Code} 的负责业务员或合同管理员可以起草合同 (only the owner rep or the custodian may draft a contract for this customer).");

    public void EnsureCanEdit(Contract contract) => Require(contract.AuthorId == user.Id || IsCustodian,
        "只有起草人或合同管理员可以修改草稿 (only the author or the custodian may edit a draft).");

    public void EnsureCanSubmit(Contract contract, string ownerId) => Require(contract.AuthorId == user.Id || IsCustodian || ownerId == user.Id,
        "只有起草人、负责业务员或合同管理员可以提交 (only the author, the owner rep or the custodian may submit).");

    /// <summary>Renewal and notice: the owner rep, the custodian or a manager.</summary>
    public void EnsureCanManage(Contract contract, string ownerId) => Require(ownerId == user.Id || IsCustodian || IsManager,
        $"只有负责业务员、合同管理员或经理可以办理合同 {contract.Number} 的续签与通知 (only the owner rep, the custodian or a manager).");

    private static void Require(bool allowed, string detail)
    {
        if (!allowed) throw new ForbiddenException(detail);
    }
}
