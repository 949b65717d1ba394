using Crm.Messaging.Outbox;

namespace Crm.Credit.Services;

/// <summary>
/// Dealer support (经销商支援): promotion and advertising plans approved before they run, their spend (the expenses
/// recorded against them), their assessment after the period; and staff and vehicle support allocated to a customer.
/// </summary>
public sealed class PromotionService(
    CreditDbContext db, CustomerDirectory customers, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, FieldWorkTelemetry telemetry)
{
    public async Task<PromotionView> RequestAsync(RequestPromotionRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var view = await db.WriteAsync(async ct =>
        {
            var customer = await customers.ForWriteAsync(request.CustomerId!.Value, ct);
            customers.EnsureOwnerIfRep(customer);
            var promotion = Promotion.Request(customer, request.Kind!.Value, request.Title!, request.StartsOn!.Value, request.EndsOn!.Value,
                request.Budget!.Value, request.ExpectedEffect, request.ExpectedExtraSales, now, user.Id, user.Name);
            db.Promotions.Add(promotion);
            await db.SaveChangesAsync(ct);
            return PromotionView.From(promotion, customer);
        }, cancellationToken);
        telemetry.PromotionRequested(view.Kind);
        return view;
    }

    /// <summary>Approve or reject; an approval is announced as <c>crm.promotion-approved</c> through the outbox.</summary>
    public async Task<PromotionView> DecideAsync(Guid id, bool approve, string? comment, long? expectedVersion, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (view, promotion) = await db.WriteAsync(async ct =>
        {
            var promotion = await db.Promotions.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("promotion", id);
            var customer = await customers.ForReadAsync(promotion.CustomerId, ct);
            promotion.Decide(approve, comment, expectedVersion, now, user.Id, user.Name);
            if (approve)
                db.AddIntegrationEvent(new PromotionApproved
                {
                    PromotionId = promotion.Id,
                    Kind = ApiNames.Of(promotion.Kind),
                    Title = promotion.Title,
                    StartsOn = promotion.StartsOn,
                    EndsOn = promotion.EndsOn,
                    Budget = promotion.Budget,
                    ExpectedEffect = promotion.ExpectedEffect,
                    RequestedBy = promotion.RequestedBy,
                    ApprovedBy = user.Id,
                }.About(promotion.BranchId, promotion.CustomerId, now), clock);
            await db.SaveChangesAsync(ct);
            return (PromotionView.From(promotion, customer), promotion);
        }, cancellationToken);
        telemetry.PromotionDecided(promotion);
        return view;
    }

    public async Task<PromotionView> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var promotion = await db.Promotions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("promotion", id);
        return PromotionView.From(promotion, await customers.ForReadAsync(promotion.CustomerId, cancellationToken));
    }

    public async Task<Paged<PromotionView>> ListAsync(Guid? customerId, PromotionState? state, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Promotions.AsNoTracking();
        if (customerId is { } only)
        {
            await customers.ForReadAsync(only, cancellationToken);
            query = query.Where(p => p.CustomerId == only);
        }
        if (state is { } s) query = query.Where(p => p.State == s);
        var total = await query.CountAsync(cancellationToken);
        var rows = await (from p in query
                          join c in db.Customers on p.CustomerId equals c.Id
                          orderby p.StartsOn descending, p.RequestedAt descending
                          select new { p, c })
            .Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return Paged<PromotionView>.Of(rows.Select(r => PromotionView.From(r.p, r.c)).ToList(), total, page);
    }

    /// <summary>
    /// The effect of an approved plan whose period is over (效果评估): the customer's net sales (reversals included, on
    /// the date of what they cancel) in the period against the baseline, the period of the same length immediately
    /// before it; the extra sales in money and in quantity, and what each extra unit and each extra yuan cost. The cost
    /// is the expenses recorded against the plan plus the company's share of support allocated to it.
    /// </summary>
    public async Task<PromotionAssessment> AssessAsync(Guid id, CancellationToken cancellationToken)
    {
        var promotion = await db.Promotions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("promotion", id);
        var customer = await customers.ForReadAsync(promotion.CustomerId, cancellationToken);
        var today = calendar.Today;
        if (promotion.State != PromotionState.Approved)
            throw new ConflictException($"计划未获批准，没有执行，无从评估。Only an approved promotion ran and can be assessed; this one is {ApiNames.Of(promotion.State)}.", "Not approved.");
        if (promotion.EndsOn >= today)
            throw new ConflictException($"计划到 {promotion.EndsOn:yyyy-MM-dd} 才结束，结束后方可评估。The promotion's period is not over; assess it from {promotion.EndsOn.AddDays(1):yyyy-MM-dd}.", "Period not over.");

        var period = new DateRange(promotion.StartsOn, promotion.EndsOn);
        var baseline = new DateRange(promotion.StartsOn.AddDays(-promotion.Days), promotion.StartsOn.AddDays(-1));
        var inPeriod = await ByProductAsync(promotion.CustomerId, period, cancellationToken);
        var inBaseline = await ByProductAsync(promotion.CustomerId, baseline, cancellationToken);
        var byProduct = inPeriod.Select(p => (p.Product, InPeriod: true, p.Amount, p.Quantity))
            .Concat(inBaseline.Select(p => (p.Product, InPeriod: false, p.Amount, p.Quantity))).ToList();
        var supportCost = await db.SupportAllocations.AsNoTracking().Where(a => a.PromotionId == id).SumAsync(a => a.CompanyCost, cancellationToken);

        SalesFigures Figures(bool inPeriod) => new(
            byProduct.Where(p => p.InPeriod == inPeriod).Sum(p => p.Amount), byProduct.Where(p => p.InPeriod == inPeriod).Sum(p => p.Quantity));
        var during = Figures(true);
        var before = Figures(false);
        var extraAmount = during.Amount - before.Amount;
        var extraQuantity = during.Quantity - before.Quantity;
        var cost = promotion.Spent + supportCost;
        var products = byProduct.GroupBy(p => p.Product, StringComparer.Ordinal)
            .Select(g => new AssessmentProductRow(g.Key,
                g.Where(p => !p.InPeriod).Sum(p => p.Amount), g.Where(p => !p.InPeriod).Sum(p => p.Quantity),
                g.Where(p => p.InPeriod).Sum(p => p.Amount), g.Where(p => p.InPeriod).Sum(p => p.Quantity)))
            .Where(p => p.BaselineAmount != 0 || p.PeriodAmount != 0 || p.BaselineQuantity != 0 || p.PeriodQuantity != 0)
            .OrderByDescending(p => p.PeriodAmount - p.BaselineAmount).ThenBy(p => p.Product, StringComparer.Ordinal)
            .ToList();

        return new PromotionAssessment(
            promotion.Id, promotion.CustomerId, customer.Code, customer.Name, ApiNames.Of(promotion.Kind), promotion.Title,
            period.From, period.To, promotion.Days, baseline.From, baseline.To,
            during, before, extraAmount, extraQuantity,
            before.Amount > 0 ? Money.Ratio(extraAmount, before.Amount) : null,
            promotion.Budget, promotion.Spent, supportCost, cost,
            extraQuantity > 0 ? Money.Round(cost / extraQuantity) : null,
            extraAmount > 0 ? Money.Ratio(cost, extraAmount) : null,
            cost > 0 ? Money.Ratio(extraAmount, cost) : null,
            promotion.ExpectedEffect, promotion.ExpectedExtraSales,
            promotion.ExpectedExtraSales is > 0 ? Money.Ratio(extraAmount, promotion.ExpectedExtraSales.Value) : null,
            products);
    }

    private async Task<List<(string Product, decimal Amount, decimal Quantity)>> ByProductAsync(Guid customerId, DateRange range, CancellationToken cancellationToken) =>
        (await db.Sales.AsNoTracking()
            .Where(s => s.CustomerId == customerId && s.Date >= range.From && s.Date <= range.To)
            .GroupBy(s => s.Product)
            .Select(g => new { Product = g.Key, Amount = g.Sum(s => s.Amount), Quantity = g.Sum(s => s.Quantity) })
            .ToListAsync(cancellationToken))
        .Select(g => (g.Product, g.Amount, g.Quantity)).ToList();

    public async Task<SupportAllocationView> AllocateAsync(AllocateSupportRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var view = await db.WriteAsync(async ct =>
        {
            var customer = await customers.ForWriteAsync(request.CustomerId!.Value, ct);
            if (request.PromotionId is { } promotionId)
            {
                var promotion = await db.Promotions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == promotionId, ct)
                    ?? throw new NotFoundException("promotion", promotionId);
                if (promotion.CustomerId != customer.Id)
                    throw new BusinessRuleException(Promotion.RuleOtherCustomer, "支援所属计划的客户不是该客户。The promotion named is another customer's.");
            }
            var allocation = SupportAllocation.Allocate(customer, request.Kind!.Value, request.Description!, request.From!.Value, request.To!.Value,
                request.Cost!.Value, request.CompanyShare!.Value, request.PromotionId, now, user.Id);
            db.SupportAllocations.Add(allocation);
            await db.SaveChangesAsync(ct);
            return SupportAllocationView.Of(allocation);
        }, cancellationToken);
        telemetry.SupportAllocated(view.Kind);
        return view;
    }

    /// <summary>The dealer support in a customer's file (客户档案): its plans with their spend and its staff and vehicle support.</summary>
    public async Task<DealerSupportView> FileAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await customers.ForReadAsync(customerId, cancellationToken);
        var promotions = await db.Promotions.AsNoTracking().Where(p => p.CustomerId == customerId)
            .OrderByDescending(p => p.StartsOn).ThenByDescending(p => p.RequestedAt).ToListAsync(cancellationToken);
        var allocations = await db.SupportAllocations.AsNoTracking().Where(a => a.CustomerId == customerId)
            .OrderByDescending(a => a.From).ThenByDescending(a => a.RecordedAt).ToListAsync(cancellationToken);
        return new DealerSupportView(
            customerId, customer.Code, customer.Name,
            promotions.Select(p => PromotionView.From(p, customer)).ToList(),
            allocations.Select(SupportAllocationView.Of).ToList(),
            promotions.Where(p => p.State == PromotionState.Approved).Sum(p => p.Budget),
            promotions.Sum(p => p.Spent),
            allocations.Sum(a => a.CompanyCost),
            allocations.Sum(a => a.CustomerCost));
    }
}
