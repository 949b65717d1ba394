using Crm.Messaging.Outbox;

namespace Crm.Credit.Services;

/// <summary>Monthly business plans (业务计划) and progress against them (业务进度).</summary>
public sealed class PlanService(CreditDbContext db, CustomerDirectory customers, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, CreditTelemetry telemetry)
{
    /// <summary>Saves the plan as a new revision. <paramref name="expectedVersion"/> is required once a plan exists.</summary>
    public async Task<(PlanView Plan, bool Created)> SetAsync(
        Guid customerId, YearMonth month, SetPlanRequest request, Func<long?> expectedVersion, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var monthText = month.ToString();
        var result = await db.WriteAsync(async ct =>
        {
            var customer = await customers.ForWriteAsync(customerId, ct);
            customers.EnsureOwnerIfRep(customer);
            var latest = await LatestAsync(customerId, monthText, ct);
            if (latest is not null)
                ExpectedVersion.Check("plan", latest.Version, expectedVersion() ?? throw new RequestValidationException("version",
                    $"A plan for {month} exists (version {latest.Version}); send the version you read so that no one else's plan is overwritten."));
            else if (expectedVersion() is { } sent && sent != 0)
                ExpectedVersion.Check("plan", 0, sent);

            var plan = BusinessPlan.Revise(latest, customer, month,
                request.Lines!.Select(l => new PlanTarget(l.Product!, l.Quantity ?? 0, l.Amount ?? 0)), request.Support, now, user.Id);
            db.Plans.Add(plan);
            db.AddIntegrationEvent(new PlanSet
            {
                Month = plan.Month,
                Lines = plan.Targets.Select(t => new PlanLine(t.Product, t.Quantity, t.Amount)).ToList(),
                TotalAmount = plan.TotalAmount,
                TotalQuantity = plan.TotalQuantity,
                Version = plan.Version,
                Support = plan.Support,
            }.About(plan.BranchId, plan.CustomerId, now), clock);
            await db.SaveChangesAsync(ct); // two saves from the same version collide on the key: 409
            return (PlanView.From(plan), latest is null);
        }, cancellationToken);
        telemetry.PlanSet();
        return result;
    }

    public async Task<PlanView> GetAsync(Guid customerId, YearMonth month, CancellationToken cancellationToken)
    {
        await customers.ForReadAsync(customerId, cancellationToken);
        var plan = await LatestAsync(customerId, month.ToString(), cancellationToken)
            ?? throw new NotFoundException("plan", $"{customerId}/{month}");
        return PlanView.From(plan);
    }

    public async Task<IReadOnlyList<PlanView>> RevisionsAsync(Guid customerId, YearMonth month, CancellationToken cancellationToken)
    {
        await customers.ForReadAsync(customerId, cancellationToken);
        var monthText = month.ToString();
        var plans = await db.Plans.AsNoTracking().Where(p => p.CustomerId == customerId && p.Month == monthText)
            .OrderByDescending(p => p.Version).ToListAsync(cancellationToken);
        return plans.Select(PlanView.From).ToList();
    }

    private Task<BusinessPlan?> LatestAsync(Guid customerId, string month, CancellationToken cancellationToken) => db.Plans.AsNoTracking()
        .Where(p => p.CustomerId == customerId && p.Month == month)
        .OrderByDescending(p => p.Version)
        .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Progress (业务进度) for a month: each product's plan against actual net sales, against the same month last year,
    /// the year to date, and purchase frequency over the twelve months ending with the month. For the current month
    /// actuals run to today, and <c>elapsedShare</c> says how much of the month has passed.
    /// </summary>
    public async Task<PlanProgressView> ProgressAsync(Guid customerId, YearMonth month, CancellationToken cancellationToken)
    {
        await customers.ForReadAsync(customerId, cancellationToken);
        var today = calendar.Today;
        var lastYear = month.AddMonths(-12);
        var yearStart = new YearMonth(month.Year, 1);
        var monthText = month.ToString();
        var plan = await LatestAsync(customerId, monthText, cancellationToken);

        // Net sales (reversals included, they carry the date of what they cancel) by product, this month and a year before.
        var sales = db.Sales.AsNoTracking().Where(s => s.CustomerId == customerId);
        var thisMonth = await ByProductAsync(sales, DateRange.OfMonths(month, month), cancellationToken);
        var monthLastYear = await ByProductAsync(sales, DateRange.OfMonths(lastYear, lastYear), cancellationToken);

        var ytd = DateRange.OfMonths(yearStart, month);
        var ytdLastYear = DateRange.OfMonths(yearStart.AddMonths(-12), lastYear);
        var actualYtd = await sales.Where(s => s.Date >= ytd.From && s.Date <= ytd.To).SumAsync(s => s.Amount, cancellationToken);
        var lastYearYtd = await sales.Where(s => s.Date >= ytdLastYear.From && s.Date <= ytdLastYear.To).SumAsync(s => s.Amount, cancellationToken);
        var fromText = yearStart.ToString();
        var plannedYtd = (await db.Plans.AsNoTracking()
                .Where(p => p.CustomerId == customerId && string.Compare(p.Month, fromText) >= 0 && string.Compare(p.Month, monthText) <= 0
                    && !db.Plans.Any(q => q.CustomerId == p.CustomerId && q.Month == p.Month && q.Version > p.Version))
                .ToListAsync(cancellationToken))
            .Sum(p => p.TotalAmount);

        var products = (plan?.Targets.Select(t => t.Product) ?? [])
            .Concat(thisMonth.Keys).Concat(monthLastYear.Keys)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var lines = products.Select(product =>
        {
            var target = plan?.Targets.FirstOrDefault(t => t.Product == product);
            var actual = thisMonth.GetValueOrDefault(product);
            var before = monthLastYear.GetValueOrDefault(product);
            return new ProgressLine(product, target?.Quantity ?? 0, target?.Amount ?? 0, actual.Quantity, actual.Amount,
                Completion(actual.Amount, target?.Amount), before.Quantity, before.Amount, Growth(actual.Amount, before.Amount));
        }).ToList();

        var plannedTotal = plan?.TotalAmount ?? 0;
        var actualTotal = thisMonth.Values.Sum(v => v.Amount);
        var lastYearTotal = monthLastYear.Values.Sum(v => v.Amount);
        var elapsed = month < YearMonth.Of(today) ? 1m
            : month > YearMonth.Of(today) ? 0m
            : Money.Ratio(today.Day, month.Days);

        return new PlanProgressView(
            customerId, monthText, plan?.Version, plan?.Support, elapsed, lines,
            new ProgressTotals(plannedTotal, actualTotal, Completion(actualTotal, plannedTotal), lastYearTotal, Growth(actualTotal, lastYearTotal)),
            new ProgressTotals(plannedYtd, actualYtd, Completion(actualYtd, plannedYtd), lastYearYtd, Growth(actualYtd, lastYearYtd)) { From = fromText },
            await FrequencyAsync(customerId, month, today, cancellationToken),
            today);
    }

    private static async Task<Dictionary<string, (decimal Quantity, decimal Amount)>> ByProductAsync(
        IQueryable<Sale> sales, DateRange range, CancellationToken cancellationToken) =>
        (await sales.Where(s => s.Date >= range.From && s.Date <= range.To)
            .GroupBy(s => s.Product)
            .Select(g => new { Product = g.Key, Quantity = g.Sum(s => s.Quantity), Amount = g.Sum(s => s.Amount) })
            .ToListAsync(cancellationToken))
        .Where(p => p.Amount != 0 || p.Quantity != 0)
        .ToDictionary(p => p.Product, p => (p.Quantity, p.Amount), StringComparer.Ordinal);

    /// <summary>
    /// Purchase frequency (采购频率): over the twelve months ending with the month, the days on which sales that stand
    /// were made; the mean interval is the span from the first to the last divided by the gaps between them.
    /// </summary>
    private async Task<PurchaseFrequency> FrequencyAsync(Guid customerId, YearMonth month, DateOnly today, CancellationToken cancellationToken)
    {
        var window = DateRange.OfMonths(month.AddMonths(-11), month);
        var end = window.To < today ? window.To : today;
        var dates = await db.Sales.AsNoTracking()
            .Where(s => s.CustomerId == customerId && s.Date >= window.From && s.Date <= end && s.ReversesEntryId == null
                && !db.LedgerEntries.Any(r => r.ReversesEntryId == s.Id))
            .Select(s => s.Date)
            .Distinct()
            .OrderBy(d => d)
            .ToListAsync(cancellationToken);
        decimal? mean = dates.Count >= 2
            ? decimal.Round((decimal)(dates[^1].DayNumber - dates[0].DayNumber) / (dates.Count - 1), 1, MidpointRounding.AwayFromZero)
            : null;
        DateOnly? last = dates.Count > 0 ? dates[^1] : null;
        return new PurchaseFrequency(window.From, end, dates.Count, mean, last, last is { } l ? end.DayNumber - l.DayNumber : null);
    }

    private static decimal? Completion(decimal actual, decimal? planned) => planned is > 0 ? Money.Ratio(actual, planned.Value) : null;

    private static decimal? Growth(decimal actual, decimal before) => before > 0 ? Money.Ratio(actual - before, before) : null;
}
