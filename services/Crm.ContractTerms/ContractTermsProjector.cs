namespace Crm.Terms;

/// <summary>
/// Applies the contract events to the projection on a service's DbContext, staging the changes without saving (the
/// inbox saves them with the record of the event). Every method tolerates redelivery and any order: a version is
/// written once (the first delivery wins, and the events of one version are the same on every delivery), the expiry
/// follows the highest version received, and an end only ever moves earlier.
/// </summary>
public static class ContractTermsProjector
{
    /// <summary>Applies whichever of the four contract events (signed, amended, expired, terminated) <paramref name="contractEvent"/> is.</summary>
    public static Task ApplyAsync(DbContext db, IntegrationEvent contractEvent, CancellationToken cancellationToken) => contractEvent switch
    {
        ContractSigned signed => ApplyAsync(db, signed, cancellationToken),
        ContractAmended amended => ApplyAsync(db, amended, cancellationToken),
        ContractExpired expired => ApplyAsync(db, expired, cancellationToken),
        ContractTerminated terminated => ApplyAsync(db, terminated, cancellationToken),
        _ => throw new ArgumentException($"{contractEvent.GetType().Name} is not a contract event the terms follow.", nameof(contractEvent)),
    };

    /// <summary>The contract one of the four contract events is about.</summary>
    public static Guid ContractIdOf(IntegrationEvent contractEvent) => contractEvent switch
    {
        ContractSigned signed => signed.ContractId,
        ContractAmended amended => amended.ContractId,
        ContractExpired expired => expired.ContractId,
        ContractTerminated terminated => terminated.ContractId,
        _ => throw new ArgumentException($"{contractEvent.GetType().Name} is not a contract event the terms follow.", nameof(contractEvent)),
    };

    public static async Task ApplyAsync(DbContext db, ContractSigned signed, CancellationToken cancellationToken)
    {
        var contract = await ContractAsync(db, signed.ContractId, signed, signed.Number, cancellationToken);
        contract.Apply(signed);
        AddVersion(db, contract, signed.ContractVersion, signed.EffectiveOn, signed.ExpiresOn, "signing", signed.Terms, signed);
    }

    public static async Task ApplyAsync(DbContext db, ContractAmended amended, CancellationToken cancellationToken)
    {
        var contract = await ContractAsync(db, amended.ContractId, amended, amended.Number, cancellationToken);
        contract.Apply(amended);
        AddVersion(db, contract, amended.ContractVersion, amended.EffectiveOn, amended.ExpiresOn, amended.Reason, amended.Terms, amended);
    }

    public static async Task ApplyAsync(DbContext db, ContractExpired expired, CancellationToken cancellationToken)
    {
        var contract = await ContractAsync(db, expired.ContractId, expired, expired.Number, cancellationToken);
        contract.EndOn(expired.ExpiredOn);
    }

    public static async Task ApplyAsync(DbContext db, ContractTerminated terminated, CancellationToken cancellationToken)
    {
        var contract = await ContractAsync(db, terminated.ContractId, terminated, terminated.Number, cancellationToken);
        contract.EndOn(terminated.TerminatedOn.AddDays(-1));
    }

    private static async Task<ProjectedContract> ContractAsync(
        DbContext db, Guid contractId, IntegrationEvent integrationEvent, string number, CancellationToken cancellationToken)
    {
        var contracts = db.Set<ProjectedContract>();
        var contract = contracts.Local.FirstOrDefault(c => c.Id == contractId)
            ?? await contracts.IgnoreQueryFilters().Include(c => c.Versions).FirstOrDefaultAsync(c => c.Id == contractId, cancellationToken);
        if (contract is not null) return contract;
        contract = ProjectedContract.Placeholder(contractId, integrationEvent.BranchId, integrationEvent.CustomerId, number);
        contracts.Add(contract);
        return contract;
    }

    private static void AddVersion(
        DbContext db, ProjectedContract contract, int version, DateOnly effectiveOn, DateOnly expiresOn, string reason,
        ContractTerms terms, IntegrationEvent integrationEvent)
    {
        if (contract.Versions.Any(v => v.Version == version)) return;
        var row = ProjectedContractVersion.Of(contract.Id, version, integrationEvent.BranchId, integrationEvent.CustomerId,
            effectiveOn, expiresOn, reason, terms);
        contract.Versions.Add(row);
        db.Set<ProjectedContractVersion>().Add(row);
    }
}
