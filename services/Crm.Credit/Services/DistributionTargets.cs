namespace Crm.Credit.Services;

/// <summary>
/// Distribution targets (分销目标) per distributor and month, and progress against them: outlets opened that month (the
/// customer files registered under the distributor with their entry date in the month, as the customers service
/// announced them), sell-through reported for the month, beside what the distributor bought from us; and the same
/// figures for the same month last year.
/// </summary>
public sealed class DistributionTargets(CreditDbContext db, CustomerDirectory customers, ICurrentUser user, TimeProvider clock)
{
    public async Task<DistributionTargetView> SetAsync(
        Guid customerId, YearMonth month, SetDistributionTargetRequest request, Func<long?> expectedVersion, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.WriteAsync(async ct =>
        {
            var distributor = await customers.ForWriteAsync(customerId, ct);
            customers.EnsureOwnerIfRep(distributor);
            var text = month.ToString();
            var target = await db.DistributionTargets.FirstOrDefaultAsync(t => t.CustomerId == customerId && t.Month == text, ct);
            var expected = expectedVersion();
            if (target is null) db.DistributionTargets.Add(target = DistributionTarget.Open(distributor, month));
            else if (expected is null)
                throw new RequestValidationException("version",
                    $"{month} 的分销目标已存在（版本 {target.Version}）：请带上读取到的 version。A target exists; send the version you read.");
            target.Set(request.OutletsToOpen!.Value, request.SellThroughAmount!.Value, request.Note, expected ?? 0, now, user.Id);
            await db.SaveChangesAsync(ct); // two first saves at once collide on the key: 409
            return target.Version;
        }, cancellationToken);
        return await GetAsync(customerId, month, cancellationToken);
    }

    public async Task<DistributionTargetView> GetAsync(Guid customerId, YearMonth month, CancellationToken cancellationToken)
    {
        await customers.ForReadAsync(customerId, cancellationToken);
        var text = month.ToString();
        var target = await db.DistributionTargets.AsNoTracking().FirstOrDefaultAsync(t => t.CustomerId == customerId && t.Month == text, cancellationToken);
        var (actual, newOutlets) = await FiguresAsync(customerId, month, cancellationToken);
        var lastYearMonth = month.AddMonths(-12);
        var (lastYear, _) = await FiguresAsync(customerId, lastYearMonth, cancellationToken);
        return new DistributionTargetView(
            customerId, text, target?.Version ?? 0, target?.OutletsToOpen, target?.SellThroughAmount, target?.Note, target?.SetAt, target?.SetBy,
            actual,
            target is { OutletsToOpen: > 0 } t1 ? Money.Ratio(actual.NewOutlets, t1.OutletsToOpen) : null,
            target is { SellThroughAmount: > 0 } t2 ? Money.Ratio(actual.SellThrough, t2.SellThroughAmount) : null,
            lastYearMonth.ToString(), lastYear,
            lastYear.SellThrough > 0 ? Money.Ratio(actual.SellThrough - lastYear.SellThrough, lastYear.SellThrough) : null,
            actual.NewOutlets - lastYear.NewOutlets,
            newOutlets);
    }

    private async Task<(DistributionFigures Figures, List<Guid> NewOutlets)> FiguresAsync(Guid distributorId, YearMonth month, CancellationToken cancellationToken)
    {
        DateOnly? first = month.FirstDay, last = month.LastDay;
        var newOutlets = await db.Customers.AsNoTracking()
            .Where(c => c.ParentId == distributorId && c.RegisteredOn >= first && c.RegisteredOn <= last)
            .OrderBy(c => c.Code).Select(c => c.Id).ToListAsync(cancellationToken);
        var text = month.ToString();
        var sellThrough = await db.SellThroughLines.AsNoTracking().Where(l => l.DistributorId == distributorId && l.Month == text)
            .GroupBy(l => l.OutletId)
            .Select(g => new { Amount = g.Sum(l => l.Amount), Quantity = g.Sum(l => l.Quantity) })
            .ToListAsync(cancellationToken);
        var purchased = await db.Sales.AsNoTracking()
            .Where(s => s.CustomerId == distributorId && s.Date >= month.FirstDay && s.Date <= month.LastDay)
            .SumAsync(s => s.Amount, cancellationToken);
        return (new DistributionFigures(newOutlets.Count, sellThrough.Sum(s => s.Amount), sellThrough.Sum(s => s.Quantity), sellThrough.Count, purchased), newOutlets);
    }
}
