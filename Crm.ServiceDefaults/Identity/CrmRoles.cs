namespace Crm.ServiceDefaults.Identity;

/// <summary>The role names of API.md, as they appear in the token's <c>role</c> claim.</summary>
public static class CrmRoles
{
    public const string SalesRep = "sales-rep";                   // 业务员
    public const string InsideSales = "inside-sales";             // 销售内勤
    public const string MarketingManager = "marketing-manager";   // 营销经理
    public const string SalesAdminManager = "sales-admin-manager"; // 销售管理部经理
    public const string SalesVp = "sales-vp";                     // 销售副总
    public const string SalesGm = "sales-gm";                     // 销售总经理
    public const string GroupGm = "group-gm";                     // 集团总经理
    public const string ContractCustodian = "contract-custodian"; // 合同管理员
    public const string AfterSales = "after-sales";               // 售后
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } =
    [
        SalesRep, InsideSales, MarketingManager, SalesAdminManager, SalesVp, SalesGm, GroupGm, ContractCustodian, AfterSales, Admin,
    ];

    /// <summary>Managers in the sense of API.md's "managers": every approving role.</summary>
    public static IReadOnlyList<string> Managers { get; } = [MarketingManager, SalesAdminManager, SalesVp, SalesGm, GroupGm, Admin];

    /// <summary>sales-admin-manager and above, in the order of the approval chain.</summary>
    public static IReadOnlyList<string> SalesAdminManagerAndAbove { get; } = [SalesAdminManager, SalesVp, SalesGm, GroupGm, Admin];

    /// <summary>Roles that see every branch; everyone else sees only their own.</summary>
    public static IReadOnlyList<string> GroupWide { get; } = [GroupGm, Admin];
}

/// <summary>The claim names of the CRM's tokens (not remapped to the WS-* URIs).</summary>
public static class CrmClaims
{
    public const string UserId = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Branch = "branch";
}
