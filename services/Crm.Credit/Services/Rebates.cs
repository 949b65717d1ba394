namespace Crm.Credit.Services;

/// <summary>The rebate (返利) a customer earns in a contract year, from the sales recorded under the contract and the returns credited against them.</summary>
public sealed class Rebates(CreditDbContext db)
{
    // The contracts of TermsInForceAsync, for the account's read of every request: compiled once.
    private static readonly Func<CreditDbContext, Guid, DateOnly, IAsyncEnumerable<ProjectedContract>> ContractsInForce =
        EF.CompileAsyncQuery((CreditDbContext db, Guid customerId, DateOnly date) =>
            db.Contracts.AsNoTracking()
                .Include(c => c.Versions)
                .Where(c => c.CustomerId == customerId && (c.ExpiresOn == null || c.ExpiresOn >= date) && (c.EndedOn == null || c.EndedOn >= date)));

    /// <summary>The contract year of the contract in force on <paramref name="today"/>, against the tiers in force that day; null without a contract.</summary>
    public async Task<RebateView?> StandingAsync(Guid customerId, DateOnly today, CancellationToken cancellationToken)
    {
        var contracts = new List<ProjectedContract>();
        await foreach (var contract in ContractsInForce(db, customerId, today).WithCancellation(cancellationToken)) contracts.Add(contract);
        if (ContractTermsRules.InForce(contracts, today) is not { } terms) return null;
        var year = ContractYear.Containing(terms.ContractEffectiveOn, today);
        var purchases = await PurchasesAsync(customerId, terms.Contract.Id, year, cancellationToken);
        var standing = RebateRule.Of(purchases, terms.Terms.RebateTiers);
        return new RebateView(terms.Contract, year.From, year.To, standing.Purchases, standing.Reached, standing.Accrued,
            standing.Next, standing.LeftToNext, terms.Terms.RebateTiers);
    }

    /// <summary>
    /// Purchases that count towards the contract's rebate in the year: the sales recorded under the contract and inside it
    /// (reversals included, with their negative amounts), less the credit notes placed in that contract and year.
    /// </summary>
    public async Task<decimal> PurchasesAsync(Guid customerId, Guid contractId, ContractYear year, CancellationToken cancellationToken)
    {
        var sales = await db.Sales
            .Where(s => s.CustomerId == customerId && s.ContractId == contractId && !s.OutsideContract && s.Date >= year.From && s.Date <= year.To)
            .SumAsync(s => s.Amount, cancellationToken);
        var credited = await db.CreditNotes
            .Where(n => n.CustomerId == customerId && n.RebateContractId == contractId && n.RebateDate >= year.From && n.RebateDate <= year.To)
            .SumAsync(n => n.Amount, cancellationToken);
        return sales - credited;
    }

    /// <summary>
    /// The rebate a return of <paramref name="amount"/> takes back, when the returned goods counted towards a contract's
    /// rebate (<paramref name="contractId"/>, in the contract year of <paramref name="soldOn"/>): what the year earns
    /// now less what it earns without them, under the tiers of the contract's version in force on
    /// <paramref name="creditedOn"/> (or on the year's last day, for a year already over).
    /// </summary>
    public async Task<decimal> ReversedAsync(
        Guid customerId, Guid contractId, DateOnly soldOn, DateOnly creditedOn, decimal amount, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.AsNoTracking().Include(c => c.Versions).FirstOrDefaultAsync(c => c.Id == contractId, cancellationToken);
        if (contract is null || contract.Versions.Count == 0) return 0;
        var start = contract.EffectiveOn ?? contract.Versions.Min(v => v.EffectiveOn);
        var year = ContractYear.Containing(start, soldOn);
        var on = creditedOn < year.To ? creditedOn : year.To;
        var version = contract.Versions.Where(v => v.EffectiveOn <= on).OrderByDescending(v => v.EffectiveOn).ThenByDescending(v => v.Version).FirstOrDefault();
        if (version is null) return 0;
        var purchases = await PurchasesAsync(customerId, contractId, year, cancellationToken);
        return RebateRule.Reversed(purchases, amount, version.Terms.RebateTiers);
    }
}

/// <summary>The account's rebate (返利) of the current contract year.</summary>
public sealed record RebateView(
    ContractReference Contract, DateOnly YearFrom, DateOnly YearTo, decimal Purchases, RebateTier? TierReached, decimal RebateAccrued,
    RebateTier? NextTier, decimal? LeftToNextTier, IReadOnlyList<RebateTier> Tiers);
