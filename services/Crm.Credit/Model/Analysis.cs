namespace Crm.Credit.Model;

public enum AbcClass
{
    A,
    B,
    C,
}

/// <summary>A customer's purchases in the analysed period.</summary>
public sealed record CustomerSales(Guid CustomerId, string Code, string Name, decimal Sales);

public sealed record AbcItem(int Rank, Guid CustomerId, string Code, string Name, decimal Sales, decimal Share, decimal CumulativeShare, AbcClass Class);

public sealed record AbcClassSummary(AbcClass Class, int Customers, decimal Sales, decimal Share);

public sealed record AbcAnalysis(decimal TotalSales, IReadOnlyList<AbcClassSummary> Classes, IReadOnlyList<AbcItem> Items);

/// <summary>
/// ABC classes by purchase amount (the 80/20 rule). Customers are ranked by sales, largest first (ties by code); a
/// customer's class is decided by the cumulative share of the customers ranked before it: below the A limit it is A,
/// below the B limit B, otherwise C. So the customer that carries the cumulative share across a limit still belongs to
/// the higher class, and the largest customer is always A. Customers without sales are C.
/// </summary>
public static class AbcClassifier
{
    /// <summary>The cumulative share that closes class A when none is given (the 80/20 rule).</summary>
    public const decimal DefaultALimit = 0.80m;

    /// <summary>The cumulative share that closes class B when none is given.</summary>
    public const decimal DefaultBLimit = 0.95m;

    public static AbcAnalysis Classify(IEnumerable<CustomerSales> customers, decimal aLimit = DefaultALimit, decimal bLimit = DefaultBLimit)
    {
        if (!(aLimit > 0 && aLimit < bLimit && bLimit <= 1))
            throw new ArgumentException("The limits must satisfy 0 < a < b ≤ 1.");
        var ranked = customers
            .OrderByDescending(c => c.Sales)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        var total = ranked.Where(c => c.Sales > 0).Sum(c => c.Sales);
        var shares = Shares.Of(ranked.Select(c => c.Sales > 0 ? c.Sales : 0).ToList());

        var items = new List<AbcItem>(ranked.Count);
        decimal before = 0;
        for (var i = 0; i < ranked.Count; i++)
        {
            var customer = ranked[i];
            var shareBefore = total == 0 ? 1 : before / total;
            var @class = customer.Sales <= 0 ? AbcClass.C : shareBefore < aLimit ? AbcClass.A : shareBefore < bLimit ? AbcClass.B : AbcClass.C;
            if (customer.Sales > 0) before += customer.Sales;
            var cumulative = total == 0 ? 0 : decimal.Round(before / total, 4, MidpointRounding.AwayFromZero);
            items.Add(new AbcItem(i + 1, customer.CustomerId, customer.Code, customer.Name, customer.Sales, shares[i], cumulative, @class));
        }

        var classes = Enum.GetValues<AbcClass>().Select(c =>
        {
            var members = items.Where(i => i.Class == c).ToList();
            return new AbcClassSummary(c, members.Count, members.Sum(m => m.Sales), members.Sum(m => m.Share));
        }).ToList();
        return new AbcAnalysis(total, classes, items);
    }
}

/// <summary>Shares of a whole to four decimal places that add up to exactly 1 (largest remainder), so a table's shares sum to 100 %.</summary>
public static class Shares
{
    private const decimal Unit = 10_000m;

    public static IReadOnlyList<decimal> Of(IReadOnlyList<decimal> parts)
    {
        var total = parts.Where(p => p > 0).Sum();
        if (total == 0) return parts.Select(_ => 0m).ToList();
        var exact = parts.Select(p => p > 0 ? p / total * Unit : 0).ToList();
        var units = exact.Select(decimal.Floor).ToList();
        var missing = (int)(Unit - units.Sum());
        foreach (var index in exact.Select((value, index) => (remainder: value - decimal.Floor(value), index))
                     .Where(x => parts[x.index] > 0)
                     .OrderByDescending(x => x.remainder).ThenBy(x => x.index)
                     .Take(missing)
                     .Select(x => x.index))
            units[index]++;
        return units.Select(u => u / Unit).ToList();
    }
}
