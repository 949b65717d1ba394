namespace Crm.Credit.Services;

/// <summary>
/// The key-account view (大客户): the A-class customers of the ABC analysis over the period, each with its share of
/// sales, its executive-visit coverage (高层拜访: executive visits planned in the period against those made), and its
/// promotion plans that overlap the period.
/// </summary>
public sealed class KeyAccounts(CreditDbContext db, AnalysisService analysis)
{
    public async Task<KeyAccountsView> ListAsync(DateRange period, string? branchId, PageRequest page, CancellationToken cancellationToken)
    {
        var abc = await analysis.AbcAsync(period, branchId, AbcClassifier.DefaultALimit, AbcClassifier.DefaultBLimit, cancellationToken);
        var accounts = abc.Items.Where(i => i.Class == AbcClass.A).ToList();
        var ids = accounts.Select(a => a.CustomerId).ToList();

        var owners = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new { c.OwnerId, c.OwnerName, c.Region }, cancellationToken);
        var plans = await db.ExecutiveVisitPlans.AsNoTracking().Where(p => ids.Contains(p.CustomerId)).ToListAsync(cancellationToken);
        var executivePlanIds = plans.Select(p => p.PlanId).ToHashSet();
        var visits = (await db.ExecutiveVisits.AsNoTracking()
                .Where(v => ids.Contains(v.CustomerId) && v.On >= period.From && v.On <= period.To)
                .ToListAsync(cancellationToken))
            .Where(v => v.Executive || v.PlanId is { } planId && executivePlanIds.Contains(planId))
            .ToList();
        var plannedInPeriod = plans.Where(p => period.Contains(p.PlannedOn)).ToList();
        var closedPlans = visits.Where(v => v.PlanId is not null).Select(v => v.PlanId!.Value).ToHashSet();
        var promotions = await db.Promotions.AsNoTracking()
            .Where(p => ids.Contains(p.CustomerId) && p.StartsOn <= period.To && p.EndsOn >= period.From)
            .OrderBy(p => p.StartsOn).ToListAsync(cancellationToken);

        var rows = accounts.Select(a =>
        {
            var planned = plannedInPeriod.Where(p => p.CustomerId == a.CustomerId).ToList();
            var made = visits.Where(v => v.CustomerId == a.CustomerId).ToList();
            var madeAgainstPlan = planned.Count(p => closedPlans.Contains(p.PlanId));
            var owner = owners.GetValueOrDefault(a.CustomerId);
            return new KeyAccountRow(
                a.Rank, a.CustomerId, a.Code, a.Name, owner?.OwnerId, owner?.OwnerName, owner?.Region, a.Sales, a.Share, a.CumulativeShare,
                new ExecutiveVisitCoverage(planned.Count, made.Count, madeAgainstPlan, planned.Count > 0 ? Money.Ratio(madeAgainstPlan, planned.Count) : null,
                    made.Count == 0 ? null : made.Max(v => v.On),
                    planned.Where(p => !closedPlans.Contains(p.PlanId)).Select(p => p.PlannedOn).Order().ToList()),
                promotions.Where(p => p.CustomerId == a.CustomerId)
                    .Select(p => new KeyAccountPromotion(p.Id, ApiNames.Of(p.Kind), p.Title, ApiNames.Of(p.State), p.StartsOn, p.EndsOn, p.Budget, p.Spent))
                    .ToList());
        }).ToList();

        var visited = rows.Count(r => r.ExecutiveVisits.Made > 0);
        return new KeyAccountsView(
            period.From, period.To, abc.TotalSales, rows.Count, rows.Sum(r => r.Sales), rows.Sum(r => r.Share), visited,
            rows.Count > 0 ? Money.Ratio(visited, rows.Count) : null,
            Paged<KeyAccountRow>.Of(rows.Skip(page.Skip).Take(page.PageSize).ToList(), rows.Count, page));
    }
}
