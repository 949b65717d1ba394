namespace Crm.Terms;

/// <summary>
/// The terms in force on a date: which contract (and version) applies, its terms, and the contract's own dates
/// (a contract year, for rebates, counts from <see cref="ContractEffectiveOn"/>).
/// </summary>
public sealed record TermsInForce(
    ContractReference Contract, Guid CustomerId, string BranchId, ContractTerms Terms,
    DateOnly VersionEffectiveOn, DateOnly ContractEffectiveOn, DateOnly? ContractExpiresOn)
{
    /// <summary>
    /// Whether the contract lets the customer sell <paramref name="productLine"/>: the contract's product lines name it
    /// (trimmed, case-insensitive), or the contract names none (no restriction).
    /// </summary>
    public bool Covers(string productLine) => ContractTermsRules.Covers(Terms.ProductLines, productLine);

    /// <summary>The first and last day of the distribution right, for the version in force.</summary>
    public (DateOnly From, DateOnly? To) RightsPeriod => (Terms.RightsFrom ?? ContractEffectiveOn, Terms.RightsTo ?? ContractExpiresOn);
}

/// <summary>An exclusive right (总经销) in force: who holds it, under which contract.</summary>
public sealed record ExclusiveRight(ContractReference Contract, Guid CustomerId, string BranchId, IReadOnlyList<string> Territories, IReadOnlyList<string> ProductLines);

public static class ContractTermsRules
{
    public const string Exclusive = "exclusive";

    /// <summary>Names compare trimmed and case-insensitive; an empty list names nothing and so restricts nothing.</summary>
    public static bool Covers(IReadOnlyList<string> names, string name)
    {
        if (names.Count == 0) return true;
        var wanted = name.Trim();
        foreach (var candidate in names)
            if (string.Equals(candidate.Trim(), wanted, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// Of a customer's contracts, the terms in force on <paramref name="date"/>: each contract's version on that date
    /// (<see cref="ProjectedContract.VersionOn"/>); when two contracts overlap, the one whose applicable version took
    /// effect last wins (a renewal over its predecessor), then the higher contract id, so the answer is deterministic.
    /// </summary>
    public static TermsInForce? InForce(IEnumerable<ProjectedContract> contracts, DateOnly date)
    {
        TermsInForce? best = null;
        ProjectedContractVersion? bestVersion = null;
        foreach (var contract in contracts)
        {
            if (contract.VersionOn(date) is not { } version) continue;
            if (bestVersion is not null && (version.EffectiveOn < bestVersion.EffectiveOn
                || (version.EffectiveOn == bestVersion.EffectiveOn && contract.Id.CompareTo(best!.Contract.Id) < 0)))
                continue;
            bestVersion = version;
            best = ToTerms(contract, version);
        }
        return best;
    }

    internal static TermsInForce ToTerms(ProjectedContract contract, ProjectedContractVersion version) => new(
        new ContractReference(contract.Id, contract.Number, version.Version),
        contract.CustomerId, contract.BranchId, version.Terms, version.EffectiveOn,
        contract.EffectiveOn ?? contract.Versions.Min(v => v.EffectiveOn), contract.ExpiresOn);
}

public static class ContractTermsQueries
{
    /// <summary>
    /// The terms in force for <paramref name="customerId"/> on <paramref name="date"/>, or null when no contract was in
    /// force (as far as the contract events received tell). Subject to the context's branch filter.
    /// </summary>
    public static async Task<TermsInForce?> TermsInForceAsync(this DbContext db, Guid customerId, DateOnly date, CancellationToken cancellationToken)
    {
        var contracts = await db.Set<ProjectedContract>()
            .AsNoTracking()
            .Include(c => c.Versions)
            .Where(c => c.CustomerId == customerId
                && (c.ExpiresOn == null || c.ExpiresOn >= date)
                && (c.EndedOn == null || c.EndedOn >= date))
            .ToListAsync(cancellationToken);
        return ContractTermsRules.InForce(contracts, date);
    }

    /// <summary>
    /// The exclusive rights (总经销) in force on <paramref name="date"/> for <paramref name="territory"/> and
    /// <paramref name="productLine"/>: contracts whose version in force on that date is exclusive, names the territory,
    /// covers the product line (a contract naming no product line covers all), and whose rights period
    /// (<see cref="ContractTerms.RightsFrom"/>–<see cref="ContractTerms.RightsTo"/>, else the contract's dates)
    /// includes the date. Subject to the context's branch filter.
    /// </summary>
    public static async Task<IReadOnlyList<ExclusiveRight>> ExclusiveRightsInForceAsync(
        this DbContext db, DateOnly date, string territory, string productLine, CancellationToken cancellationToken)
    {
        var contracts = await db.Set<ProjectedContract>()
            .AsNoTracking()
            .Include(c => c.Versions)
            .Where(c => (c.ExpiresOn == null || c.ExpiresOn >= date)
                && (c.EndedOn == null || c.EndedOn >= date)
                && c.Versions.Any(v => v.DistributionLevel == ContractTermsRules.Exclusive && v.EffectiveOn <= date))
            .ToListAsync(cancellationToken);
        var rights = new List<ExclusiveRight>();
        foreach (var contract in contracts)
        {
            if (contract.VersionOn(date) is not { } version) continue;
            var terms = ContractTermsRules.ToTerms(contract, version);
            if (terms.Terms.DistributionLevel != ContractTermsRules.Exclusive) continue;
            if (terms.Terms.Territories.Count == 0 || !ContractTermsRules.Covers(terms.Terms.Territories, territory)) continue;
            if (!terms.Covers(productLine)) continue;
            var (from, to) = terms.RightsPeriod;
            if (date < from || (to is { } last && date > last)) continue;
            rights.Add(new ExclusiveRight(terms.Contract, terms.CustomerId, terms.BranchId, terms.Terms.Territories, terms.Terms.ProductLines));
        }
        return rights;
    }
}
