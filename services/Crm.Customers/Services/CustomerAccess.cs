namespace Crm.Customers.Services;

/// <summary>
/// Who may do what with a customer file, beyond the roles each route requires, and who is entitled to its sensitive
/// data (使用范围按权限): the owner rep, inside sales (who enter and check invoicing data), and the sales administration
/// manager and above. Everyone else sees those fields masked. See docs/decisions/customers-sensitive-data.md.
/// </summary>
public sealed class CustomerAccess(ICurrentUser user)
{
    /// <summary>Roles entitled to sensitive data of every customer of their branch.</summary>
    public static IReadOnlyList<string> SensitiveDataRoles { get; } =
        [CrmRoles.InsideSales, .. CrmRoles.SalesAdminManagerAndAbove];

    public Actor Actor => new(user.Id, user.Name);

    public ICurrentUser User => user;

    public bool IsOwner(Customer customer) => customer.OwnerId == user.Id;

    public bool IsManager => user.IsInAnyRole(CrmRoles.Managers);

    public bool SeesSensitiveDataOf(string ownerId) => ownerId == user.Id || user.IsInAnyRole(SensitiveDataRoles);

    public void EnsureCanRegisterFor(string ownerId) => Require(
        ownerId == user.Id || user.IsInRole(CrmRoles.InsideSales),
        "A sales rep registers customers for themselves; inside sales may register one for another rep.");

    public void EnsureCanEdit(Customer customer) => Require(
        IsOwner(customer) || user.IsInRole(CrmRoles.InsideSales) || IsManager,
        "Only the customer's owner rep, inside sales or a manager may edit this file.");

    public void EnsureCanManageContacts(Customer customer) => Require(
        IsOwner(customer) || user.IsInRole(CrmRoles.InsideSales),
        "Only the customer's owner rep or inside sales may change its contacts.");

    public void EnsureCanEvaluate(Customer customer) => Require(
        IsOwner(customer) || IsManager, "Only the customer's owner rep or a manager may evaluate it.");

    public void EnsureCanChangeStatus(Customer customer) => Require(
        IsOwner(customer) || IsManager, "Only the customer's owner rep or a manager may change its status.");

    public void EnsureOwner(Customer customer, string action) => Require(
        IsOwner(customer), $"Only the customer's owner rep ({customer.OwnerId}) may {action}.");

    private static void Require(bool allowed, string detail)
    {
        if (!allowed) throw new ForbiddenException(detail);
    }
}
