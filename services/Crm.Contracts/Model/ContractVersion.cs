namespace Crm.Contracts.Model;

/// <summary>
/// One version of a signed contract (版本): its sections as they stand from <see cref="EffectiveOn"/> until the next
/// version's effective date. Version 1 is the contract as signed; later ones are amendments (补充协议) or automatic
/// renewals (自动续约). The version in force on a transaction's date is the one that applies to it.
/// </summary>
public sealed class ContractVersion : IBranchOwned
{
    public const string ReasonOriginal = "original";
    public const string ReasonAmendment = "amendment";
    public const string ReasonAutoRenewal = "auto-renewal";

    private ContractVersion() { }

    public Guid Id { get; private set; }
    public Guid ContractId { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public int Number { get; private set; }
    public DateOnly EffectiveOn { get; private set; }
    public DateOnly ExpiresOn { get; private set; }
    /// <summary>original, amendment or auto-renewal.</summary>
    public string Reason { get; private set; } = ReasonOriginal;
    /// <summary>The sections an amendment changed (empty for the original and for a renewal).</summary>
    public List<string> ChangedSections { get; private set; } = [];
    public ContractSections Sections { get; private set; } = new();
    /// <summary>What other services enforce, computed once when the version is made.</summary>
    public ContractTerms Terms { get; private set; } = new();
    public decimal TotalAmount { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    internal static ContractVersion Of(Contract contract, int number, DateOnly effectiveOn, string reason, Actor by, DateTimeOffset now,
        IReadOnlyList<string>? changed = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        ContractId = contract.Id,
        BranchId = contract.BranchId,
        CustomerId = contract.CustomerId,
        Number = number,
        EffectiveOn = effectiveOn,
        ExpiresOn = contract.ExpiresOn!.Value,
        Reason = reason,
        ChangedSections = changed?.ToList() ?? [],
        Sections = contract.Sections,
        Terms = contract.Sections.Terms(),
        TotalAmount = contract.TotalAmount,
        CreatedBy = by.Id,
        CreatedAt = now,
    };
}
