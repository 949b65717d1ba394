using System.Text.Json;
using Crm.Messaging.Persistence;

namespace Crm.Terms;

/// <summary>
/// A contract as the enforcing service knows it from the contract events (合同约束的投影). Events may arrive in any order
/// and more than once: a row can exist before its signing arrives (an amendment or an expiry came first), and every
/// apply method leaves it the same when the event was already applied.
/// </summary>
public sealed class ProjectedContract : IBranchOwned
{
    public const int NumberMaxLength = 50;

    private ProjectedContract() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public string Number { get; private set; } = "";

    /// <summary>True once <c>crm.contract-signed</c> arrived.</summary>
    public bool Signed { get; private set; }

    /// <summary>The contract's first day in force (from the signing); null until the signing arrives.</summary>
    public DateOnly? EffectiveOn { get; private set; }

    /// <summary>The contract's expiry as of <see cref="LatestVersion"/> (an automatic renewal moves it).</summary>
    public DateOnly? ExpiresOn { get; private set; }

    /// <summary>The highest version received; its <see cref="ExpiresOn"/> is the one that counts.</summary>
    public int LatestVersion { get; private set; }

    /// <summary>The last day in force when the contract ended early or expired (the earliest such day received).</summary>
    public DateOnly? EndedOn { get; private set; }

    public bool AutoRenew { get; private set; }
    public Guid? RenewsContractId { get; private set; }

    public List<ProjectedContractVersion> Versions { get; private set; } = [];

    internal static ProjectedContract Placeholder(Guid id, string branchId, Guid customerId, string number) =>
        new() { Id = id, BranchId = branchId, CustomerId = customerId, Number = number };

    internal void Apply(ContractSigned signed)
    {
        Signed = true;
        Number = signed.Number;
        EffectiveOn = signed.EffectiveOn;
        AutoRenew = signed.AutoRenew;
        RenewsContractId = signed.RenewsContractId;
        TakeExpiry(signed.ContractVersion, signed.ExpiresOn);
    }

    internal void Apply(ContractAmended amended)
    {
        if (Number.Length == 0) Number = amended.Number;
        TakeExpiry(amended.ContractVersion, amended.ExpiresOn);
    }

    internal void EndOn(DateOnly lastDayInForce)
    {
        if (EndedOn is null || lastDayInForce < EndedOn) EndedOn = lastDayInForce;
    }

    private void TakeExpiry(int version, DateOnly expiresOn)
    {
        if (version < LatestVersion) return;
        LatestVersion = version;
        ExpiresOn = expiresOn;
    }

    /// <summary>
    /// The version in force on <paramref name="date"/>, or null: the contract is in force from its effective date to the
    /// earlier of its expiry and its end, and on a date the version with the latest effective date on or before it
    /// applies. A date before every version received (its signing has not arrived yet) has none.
    /// </summary>
    public ProjectedContractVersion? VersionOn(DateOnly date)
    {
        if (EffectiveOn is { } start && date < start) return null;
        if (ExpiresOn is { } expiry && date > expiry) return null;
        if (EndedOn is { } end && date > end) return null;
        ProjectedContractVersion? best = null;
        foreach (var version in Versions)
        {
            if (version.EffectiveOn > date) continue;
            if (best is null || version.EffectiveOn > best.EffectiveOn
                || (version.EffectiveOn == best.EffectiveOn && version.Version > best.Version))
                best = version;
        }
        return best;
    }
}

/// <summary>One version of a projected contract: its terms, in force from <see cref="EffectiveOn"/> until a later version's.</summary>
public sealed class ProjectedContractVersion : IBranchOwned
{
    public const int ReasonMaxLength = 20;
    public const int LevelMaxLength = 20;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ContractTerms? _terms;

    private ProjectedContractVersion() { }

    public Guid ContractId { get; private set; }
    public int Version { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public DateOnly EffectiveOn { get; private set; }

    /// <summary>The contract's expiry as this version stated it.</summary>
    public DateOnly ExpiresOn { get; private set; }

    /// <summary>signing, amendment or auto-renewal.</summary>
    public string Reason { get; private set; } = "";

    /// <summary>exclusive, distribution or retail: kept as a column so exclusive rights are found in SQL.</summary>
    public string DistributionLevel { get; private set; } = "";

    /// <summary>The whole <see cref="Events.ContractTerms"/> as JSON (they are read together, never queried apart).</summary>
    public string TermsJson { get; private set; } = "{}";

    public ContractTerms Terms => _terms ??= JsonSerializer.Deserialize<ContractTerms>(TermsJson, Json) ?? new ContractTerms();

    internal static ProjectedContractVersion Of(
        Guid contractId, int version, string branchId, Guid customerId, DateOnly effectiveOn, DateOnly expiresOn, string reason,
        ContractTerms terms) => new()
    {
        ContractId = contractId,
        Version = version,
        BranchId = branchId,
        CustomerId = customerId,
        EffectiveOn = effectiveOn,
        ExpiresOn = expiresOn,
        Reason = reason,
        DistributionLevel = terms.DistributionLevel,
        TermsJson = JsonSerializer.Serialize(terms, Json),
        _terms = terms,
    };
}
