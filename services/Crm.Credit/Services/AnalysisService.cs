namespace Crm.Credit.Services;

public enum StructureDimension
{
    Product,
    Grade,
    Region,
}

/// <summary>One slice of a structure analysis.</summary>
public sealed record StructureRow(string Key, decimal Sales, decimal Share, decimal? Quantity, int Customers);

public sealed record StructureAnalysis(StructureDimension By, DateOnly From, DateOnly To, string? BranchId, decimal TotalSales, IReadOnlyList<StructureRow> Rows);

/// <summary>
/// ABC classes and structure analysis (客户结构分析) over net sales in a period: sales minus reversals, which carry the
/// date of the sale they cancel. Sums run in SQL; the ranking and the shares in memory.
/// </summary>
public sealed class AnalysisService(CreditDbContext db)
{
    public const string Ungraded = "ungraded";

    public async Task<AbcAnalysis> AbcAsync(DateRange period, string? branchId, decimal aLimit, decimal bLimit, CancellationToken cancellationToken)
    {
        var sales = await SalesByCustomerAsync(period, branchId, cancellationToken);
        var customers = await db.Customers.AsNoTracking()
            .Where(c => (branchId == null || c.BranchId == branchId) && c.RegisteredAt != null)
            .Select(c => new { c.Id, c.Code, c.Name, c.Status })
            .ToListAsync(cancellationToken);
        // Customers with sales in the period, and every other customer not lost (as C, with nothing bought).
        var rows = customers
            .Where(c => sales.ContainsKey(c.Id) || c.Status != "lost")
            .Select(c => new CustomerSales(c.Id, c.Code, c.Name, sales.GetValueOrDefault(c.Id)));
        return AbcClassifier.Classify(rows, aLimit, bLimit);
    }

    public async Task<StructureAnalysis> StructureAsync(StructureDimension by, DateRange period, string? branchId, CancellationToken cancellationToken)
    {
        var sales = Sales(period, branchId);
        List<(string Key, decimal Sales, decimal? Quantity, int Customers)> slices;
        switch (by)
        {
            case StructureDimension.Product:
                slices = (await sales.GroupBy(s => s.Product)
                        .Select(g => new { g.Key, Sales = g.Sum(s => s.Amount), Quantity = g.Sum(s => s.Quantity), Customers = g.Select(s => s.CustomerId).Distinct().Count() })
                        .ToListAsync(cancellationToken))
                    .Select(g => (g.Key, g.Sales, (decimal?)g.Quantity, g.Customers)).ToList();
                break;
            case StructureDimension.Region:
                slices = (await (
                            from s in sales
                            join c in db.Customers on s.CustomerId equals c.Id
                            group s by c.Region into g
                            select new { g.Key, Sales = g.Sum(s => s.Amount), Customers = g.Select(s => s.CustomerId).Distinct().Count() })
                        .ToListAsync(cancellationToken))
                    .Select(g => (g.Key, g.Sales, (decimal?)null, g.Customers)).ToList();
                break;
            default:
                var byCustomer = await SalesByCustomerAsync(period, branchId, cancellationToken);
                var grades = await CurrentGradesAsync(byCustomer.Keys.ToList(), cancellationToken);
                slices = byCustomer
                    .GroupBy(c => grades.GetValueOrDefault(c.Key) ?? Ungraded)
                    .Select(g => (g.Key, g.Sum(c => c.Value), (decimal?)null, g.Count()))
                    .ToList();
                break;
        }

        slices = slices.Where(s => s.Sales != 0).OrderByDescending(s => s.Sales).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
        var shares = Shares.Of(slices.Select(s => s.Sales).ToList());
        var rows = slices.Select((s, i) => new StructureRow(s.Key, s.Sales, shares[i], s.Quantity, s.Customers)).ToList();
        return new StructureAnalysis(by, period.From, period.To, branchId, slices.Sum(s => s.Sales), rows);
    }

    private IQueryable<Sale> Sales(DateRange period, string? branchId) => db.Sales.AsNoTracking()
        .Where(s => s.Date >= period.From && s.Date <= period.To && (branchId == null || s.BranchId == branchId));

    private async Task<Dictionary<Guid, decimal>> SalesByCustomerAsync(DateRange period, string? branchId, CancellationToken cancellationToken) =>
        (await Sales(period, branchId)
            .GroupBy(s => s.CustomerId)
            .Select(g => new { g.Key, Sales = g.Sum(s => s.Amount) })
            .ToListAsync(cancellationToken))
        .ToDictionary(g => g.Key, g => g.Sales);

    /// <summary>Each customer's grade of its latest graded period.</summary>
    private async Task<Dictionary<Guid, string>> CurrentGradesAsync(List<Guid> customerIds, CancellationToken cancellationToken) =>
        (await db.Grades.AsNoTracking()
            .Where(g => customerIds.Contains(g.CustomerId) && !db.Grades.Any(x => x.CustomerId == g.CustomerId && string.Compare(x.Period, g.Period) > 0))
            .Select(g => new { g.CustomerId, g.Grade })
            .ToListAsync(cancellationToken))
        .ToDictionary(g => g.CustomerId, g => g.Grade.ToString());
}
