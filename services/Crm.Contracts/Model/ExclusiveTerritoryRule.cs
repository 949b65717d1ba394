namespace Crm.Contracts.Model;

/// <summary>
/// 总经销权不重叠: two exclusive distribution rights (总经销) never cover the same territory and product line at once,
/// across the whole group (territories are the group's market). A renewal takes over its predecessor's right: the two
/// never compete. Refused with the rule <see cref="Name"/>, naming the other contract only by its number.
/// </summary>
public static class ExclusiveTerritoryRule
{
    public const string Name = "exclusive-territory";

    /// <summary>Whether the rule has anything to check for <paramref name="contract"/>: only an exclusive right claims a territory.</summary>
    public static bool Applies(Contract contract) => contract.Level == DistributionLevel.Exclusive;

    /// <summary>
    /// Refuses <paramref name="contract"/> when one of <paramref name="claiming"/> (the group's other exclusive contracts in a
    /// claiming state, its renewal chain left out) holds an overlapping right; the first by number is named.
    /// </summary>
    public static void Check(Contract contract, IEnumerable<Contract> claiming)
    {
        var other = claiming.Where(contract.ExclusiveOverlaps).OrderBy(c => c.Number, StringComparer.Ordinal).FirstOrDefault();
        if (other is null) return;
        var (from, to) = other.RightsPeriod;
        var territories = string.Join("、", contract.Territories.Intersect(other.Territories, StringComparer.Ordinal));
        var lines = string.Join("、", contract.ProductLines.Intersect(other.ProductLines, StringComparer.Ordinal));
        var problem = new BusinessRuleException(Name,
            $"总经销权重叠: 合同 {other.Number} 已在 {territories} 就 {lines} 享有 {from:yyyy-MM-dd} 至 {to:yyyy-MM-dd} 的总经销权 " +
            $"(the exclusive right overlaps contract {other.Number}'s in the same territory and product line)");
        problem.Extensions["conflictingContract"] = other.Number;
        throw problem;
    }
}
