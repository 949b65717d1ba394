using MassTransit;

namespace Crm.Events;

/// <summary>A contract was signed and is now active.</summary>
[EntityName("crm.contract-signed")]
public sealed record ContractSigned : IntegrationEvent
{
    public Guid ContractId { get; init; }
    public string Number { get; init; } = "";
    public int ContractVersion { get; init; }
    public Guid? RenewsContractId { get; init; }
    public DateOnly EffectiveOn { get; init; }
    public DateOnly ExpiresOn { get; init; }
    /// <summary>The customer's return window in days (退换货期限).</summary>
    public int ReturnWindowDays { get; init; }
    /// <summary>exclusive (总经销) or distribution (分销).</summary>
    public string? DistributionRights { get; init; }
}

/// <summary>An active contract is about to expire.</summary>
[EntityName("crm.contract-expiring")]
public sealed record ContractExpiring : IntegrationEvent
{
    public Guid ContractId { get; init; }
    public string Number { get; init; } = "";
    public DateOnly ExpiresOn { get; init; }
    public int DaysLeft { get; init; }
}

/// <summary>An active contract reached its expiry date.</summary>
[EntityName("crm.contract-expired")]
public sealed record ContractExpired : IntegrationEvent
{
    public Guid ContractId { get; init; }
    public string Number { get; init; } = "";
    public DateOnly ExpiredOn { get; init; }
}

/// <summary>An active contract was ended before its expiry date.</summary>
[EntityName("crm.contract-terminated")]
public sealed record ContractTerminated : IntegrationEvent
{
    public Guid ContractId { get; init; }
    public string Number { get; init; } = "";
    public DateOnly TerminatedOn { get; init; }
    public string Reason { get; init; } = "";
}
