namespace Crm.Credit.Model;

/// <summary>
/// A contract year (合同年度): the year running from the contract's effective date, then from each anniversary of it.
/// A contract that takes effect on 2026-04-01 has the years 2026-04-01…2027-03-31, 2027-04-01…2028-03-31 and so on,
/// whatever its versions and renewals.
/// </summary>
public sealed record ContractYear(DateOnly From, DateOnly To)
{
    public static ContractYear Containing(DateOnly contractEffectiveOn, DateOnly date)
    {
        var years = date.Year - contractEffectiveOn.Year;
        if (contractEffectiveOn.AddYears(years) > date) years--;
        if (years < 0) years = 0;
        return new ContractYear(contractEffectiveOn.AddYears(years), contractEffectiveOn.AddYears(years + 1).AddDays(-1));
    }

    public bool Contains(DateOnly date) => date >= From && date <= To;
}

/// <summary>Where a customer stands against the rebate tiers (返利) of a contract year.</summary>
public sealed record RebateStanding(decimal Purchases, RebateTier? Reached, decimal Accrued, RebateTier? Next, decimal? LeftToNext);

/// <summary>
/// The rebate rule (返利): the purchases of the contract year at or above a tier's threshold earn that tier's percent,
/// on the whole year's purchases (not only the part above the threshold). The highest tier reached applies; nothing
/// is earned below the lowest one. Rounded to the cent, half away from zero.
/// </summary>
public static class RebateRule
{
    public static RebateStanding Of(decimal purchases, IReadOnlyList<RebateTier> tiers)
    {
        RebateTier? reached = null, next = null;
        foreach (var tier in tiers.OrderBy(t => t.Threshold))
        {
            if (purchases >= tier.Threshold) reached = tier;
            else { next = tier; break; }
        }
        var accrued = reached is null || purchases <= 0 ? 0 : Money.Round(purchases * reached.Percent / 100);
        return new RebateStanding(purchases, reached, accrued, next, next is null ? null : next.Threshold - Math.Max(purchases, 0));
    }

    /// <summary>What taking <paramref name="returned"/> off the year's purchases takes off the rebate (never negative).</summary>
    public static decimal Reversed(decimal purchasesBefore, decimal returned, IReadOnlyList<RebateTier> tiers)
    {
        var reversed = Of(purchasesBefore, tiers).Accrued - Of(purchasesBefore - returned, tiers).Accrued;
        return reversed > 0 ? reversed : 0;
    }
}
