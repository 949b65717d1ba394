namespace Crm.Alerts.Model;

/// <summary>
/// The latest expiry reminder (<c>crm.contract-expiring</c>) of one contract. The contract itself, its versions and its
/// end come from the shared contract terms projection (<see cref="ProjectedContract"/>); only the reminder is alerts'
/// own. The reminder kept is the one for the latest expiry date, and for the same date the one with the fewest days
/// left, so any arrival order ends the same.
/// </summary>
public sealed class ContractReminder : IBranchOwned, IAboutCustomer
{
    private ContractReminder() { }

    public Guid ContractId { get; private set; }
    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public string Number { get; private set; } = "";
    public DateOnly ExpiresOn { get; private set; }
    public int DaysLeft { get; private set; }
    public Guid EventId { get; private set; }

    public static ContractReminder From(ContractExpiring expiring) => new()
    {
        ContractId = expiring.ContractId,
        CustomerId = expiring.CustomerId,
        BranchId = expiring.BranchId,
        Number = Cut(expiring.Number),
        ExpiresOn = expiring.ExpiresOn,
        DaysLeft = expiring.DaysLeft,
        EventId = expiring.EventId,
    };

    public void Take(ContractExpiring expiring)
    {
        var newer = expiring.ExpiresOn > ExpiresOn || (expiring.ExpiresOn == ExpiresOn && expiring.DaysLeft < DaysLeft);
        if (!newer) return;
        (ExpiresOn, DaysLeft, EventId) = (expiring.ExpiresOn, expiring.DaysLeft, expiring.EventId);
        if (!string.IsNullOrWhiteSpace(expiring.Number)) Number = Cut(expiring.Number);
    }

    private static string Cut(string number) => number.Length > ProjectedContract.NumberMaxLength ? number[..ProjectedContract.NumberMaxLength] : number;
}

/// <summary>What the alert rules ask of a projected contract, on top of the shared rule of the terms in force.</summary>
public static class ContractFacts
{
    /// <summary>The last day the contract is (or was) in force: the earlier of its expiry and its end; null while neither is known.</summary>
    public static DateOnly? LastDayInForce(this ProjectedContract contract) => (contract.ExpiresOn, contract.EndedOn) switch
    {
        ({ } expires, { } ended) => expires < ended ? expires : ended,
        (var expires, var ended) => expires ?? ended,
    };

    /// <summary>True when the contract is known to be in force on the day or on a later day (its terms arrived, and it runs to the day or beyond).</summary>
    public static bool CoversOnOrAfter(this ProjectedContract contract, DateOnly day) =>
        contract.Versions.Count > 0 && contract.LastDayInForce() is { } last && last >= day;

    /// <summary>
    /// The exclusive right (总经销) the contract grants over the region for the product on the day, by the shared rule
    /// (<see cref="ContractTermsQueries.ExclusiveRightsInForceAsync"/>): the version in force that day is exclusive,
    /// names the region, covers the product line, and the day lies in its rights period. Null when it grants none.
    /// </summary>
    public static TermsInForce? ExclusiveRightOn(this ProjectedContract contract, DateOnly day, string region, string product)
    {
        if (ContractTermsRules.InForce([contract], day) is not { } terms) return null;
        if (terms.Terms.DistributionLevel != ContractTermsRules.Exclusive) return null;
        if (terms.Terms.Territories.Count == 0 || !ContractTermsRules.Covers(terms.Terms.Territories, region)) return null;
        if (!terms.Covers(product)) return null;
        var (from, to) = terms.RightsPeriod;
        return day < from || (to is { } last && day > last) ? null : terms;
    }
}
