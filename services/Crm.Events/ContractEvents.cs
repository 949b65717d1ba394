namespace Crm.Events;

/// <summary>One rebate tier (返利): purchases in the contract year at or above <see cref="Threshold"/> earn <see cref="Percent"/> %.</summary>
public sealed record RebateTier(decimal Threshold, decimal Percent);

/// <summary>A contract as a transaction refers to it: its number and the version in force.</summary>
public sealed record ContractReference(Guid Id, string Number, int Version);

/// <summary>
/// The clauses of a contract version that other services enforce (合同约束), as of that version's effective date.
/// No prices and no parties' data: those stay in the contracts service.
/// </summary>
public sealed record ContractTerms
{
    /// <summary>Days after the sale within which goods may be returned (退货期限).</summary>
    public int ReturnWindowDays { get; init; }
    /// <summary>Days after the sale within which goods may be exchanged (换货期限).</summary>
    public int ExchangeWindowDays { get; init; }
    /// <summary>Days from a sale to its due date (账期).</summary>
    public int PaymentTermDays { get; init; }
    /// <summary>prepay (预付), cash (现付) or credit (赊销).</summary>
    public string SettlementType { get; init; } = "credit";
    /// <summary>exclusive (总经销), distribution (分销) or retail.</summary>
    public string DistributionLevel { get; init; } = "distribution";
    /// <summary>The product lines the customer may sell; empty means the contract names none.</summary>
    public IReadOnlyList<string> ProductLines { get; init; } = [];
    /// <summary>The regions (地区) of the distribution right.</summary>
    public IReadOnlyList<string> Territories { get; init; } = [];
    /// <summary>First day of the distribution right; null means the contract's effective date.</summary>
    public DateOnly? RightsFrom { get; init; }
    /// <summary>Last day of the distribution right; null means the contract's expiry date.</summary>
    public DateOnly? RightsTo { get; init; }
    /// <summary>Ascending by threshold.</summary>
    public IReadOnlyList<RebateTier> RebateTiers { get; init; } = [];
}

/// <summary>
/// A contract was signed (签约). Version 1's terms apply from <see cref="EffectiveOn"/> to <see cref="ExpiresOn"/>,
/// both included; later versions arrive as <c>crm.contract-amended</c>.
/// </summary>
[EntityName("crm.contract-signed")]
public sealed record ContractSigned : IntegrationEvent
{
    public Guid ContractId { get; init; }
    /// <summary>Numbered per branch and year, e.g. <c>SH-2026-0042</c>.</summary>
    public string Number { get; init; } = "";
    public int ContractVersion { get; init; } = 1;
    /// <summary>The contract this one renews (续签), when it does.</summary>
    public Guid? RenewsContractId { get; init; }
    public DateOnly SignedOn { get; init; }
    public DateOnly EffectiveOn { get; init; }
    public DateOnly ExpiresOn { get; init; }
    public bool AutoRenew { get; init; }
    public int NoticeDays { get; init; }
    /// <summary>The contract's total amount (合同总金额).</summary>
    public decimal TotalAmount { get; init; }
    /// <summary>The customer's owner rep, who is reminded before expiry.</summary>
    public string OwnerId { get; init; } = "";
    public ContractTerms Terms { get; init; } = new();
}

/// <summary>
/// A contract got a new version (补充协议/变更, or an automatic renewal): its terms apply from <see cref="EffectiveOn"/>;
/// earlier versions stay in force for dates before it. <see cref="ExpiresOn"/> is the contract's expiry as of this
/// version (an automatic renewal moves it).
/// </summary>
[EntityName("crm.contract-amended")]
public sealed record ContractAmended : IntegrationEvent
{
    public Guid ContractId { get; init; }
    public string Number { get; init; } = "";
    public int ContractVersion { get; init; }
    public DateOnly EffectiveOn { get; init; }
    public DateOnly ExpiresOn { get; init; }
    /// <summary>amendment (补充协议) or auto-renewal (自动续约).</summary>
    public string Reason { get; init; } = "amendment";
    public ContractTerms Terms { get; init; } = new();
}

/// <summary>An active contract is about to expire: sent once at each of the branch's reminder days (default 30, 15, 7).</summary>
[EntityName("crm.contract-expiring")]
public sealed record ContractExpiring : IntegrationEvent
{
    public Guid ContractId { get; init; }
    public string Number { get; init; } = "";
    public DateOnly ExpiresOn { get; init; }
    /// <summary>The reminder this is (30, 15, 7 …): days from the reminder's date to the expiry date.</summary>
    public int DaysLeft { get; init; }
    public string OwnerId { get; init; } = "";
    public string? CustodianId { get; init; }
    public bool AutoRenew { get; init; }
}

/// <summary>An active contract reached its expiry date without renewal; its terms no longer apply after <see cref="ExpiredOn"/>.</summary>
[EntityName("crm.contract-expired")]
public sealed record ContractExpired : IntegrationEvent
{
    public Guid ContractId { get; init; }
    public string Number { get; init; } = "";
    /// <summary>The last day the contract was in force.</summary>
    public DateOnly ExpiredOn { get; init; }
}

/// <summary>A contract was ended before its expiry; its terms no longer apply from <see cref="TerminatedOn"/> on.</summary>
[EntityName("crm.contract-terminated")]
public sealed record ContractTerminated : IntegrationEvent
{
    public Guid ContractId { get; init; }
    public string Number { get; init; } = "";
    /// <summary>The first day the contract is no longer in force.</summary>
    public DateOnly TerminatedOn { get; init; }
    public string Reason { get; init; } = "";
}
