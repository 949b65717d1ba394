namespace Crm.Contracts.IntegrationEvents;

/// <summary>The events this service publishes (through the outbox), built from the contract and its versions.</summary>
public static class ContractIntegrationEvents
{
    public static ContractSigned Signed(Contract contract, ContractVersion version, string ownerId, DateTimeOffset now) => new ContractSigned
    {
        ContractId = contract.Id,
        Number = contract.Number,
        ContractVersion = version.Number,
        RenewsContractId = contract.RenewsContractId,
        SignedOn = contract.SignedOn!.Value,
        EffectiveOn = contract.EffectiveOn!.Value,
        ExpiresOn = contract.ExpiresOn!.Value,
        AutoRenew = contract.AutoRenew,
        NoticeDays = contract.NoticeDays,
        TotalAmount = contract.TotalAmount,
        OwnerId = ownerId,
        Terms = version.Terms,
    }.About(contract.BranchId, contract.CustomerId, now);

    public static ContractAmended Amended(Contract contract, ContractVersion version, DateTimeOffset now) => new ContractAmended
    {
        ContractId = contract.Id,
        Number = contract.Number,
        ContractVersion = version.Number,
        EffectiveOn = version.EffectiveOn,
        ExpiresOn = version.ExpiresOn,
        Reason = version.Reason,
        Terms = version.Terms,
    }.About(contract.BranchId, contract.CustomerId, now);

    public static ContractExpiring Expiring(Contract contract, int days, string ownerId, DateTimeOffset now) => new ContractExpiring
    {
        ContractId = contract.Id,
        Number = contract.Number,
        ExpiresOn = contract.ExpiresOn!.Value,
        DaysLeft = days,
        OwnerId = ownerId,
        CustodianId = contract.CustodianId,
        AutoRenew = contract.AutoRenew && contract.NoticeGivenOn is null,
    }.About(contract.BranchId, contract.CustomerId, now);

    public static ContractExpired Expired(Contract contract, DateTimeOffset now) => new ContractExpired
    {
        ContractId = contract.Id,
        Number = contract.Number,
        ExpiredOn = contract.ExpiredOn!.Value,
    }.About(contract.BranchId, contract.CustomerId, now);

    public static ContractTerminated Terminated(Contract contract, DateTimeOffset now) => new ContractTerminated
    {
        ContractId = contract.Id,
        Number = contract.Number,
        TerminatedOn = contract.TerminatedOn!.Value,
        Reason = contract.TerminationReason ?? "",
    }.About(contract.BranchId, contract.CustomerId, now);
}
