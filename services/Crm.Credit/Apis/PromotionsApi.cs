namespace Crm.Credit.Apis;

/// <summary>Dealer support (经销商支援): promotion plans approved before they run, assessed after; staff and vehicle support.</summary>
public static class PromotionsApi
{
    public static readonly string[] Requesters = [CrmRoles.SalesRep, CrmRoles.InsideSales, .. CrmRoles.Managers];

    public static RouteGroupBuilder MapPromotionsApi(this RouteGroupBuilder api)
    {
        var promotions = api.MapGroup("/promotions").WithTags("Dealer support 经销商支援");

        promotions.Post("/", RequestPromotion, "Plan a promotion or advertising activity (促销/广告计划): kind, customer, period, budget, expected effect; it awaits a manager's approval", 400, 403, 404, 409, 422).ForRoles(Requesters);

        promotions.Post("/{id:guid}/approve", ApprovePromotion, "Approve a plan (批准) so that it may run and expenses be spent against it; not by its requester", 400, 403, 404, 409, 422).ForRoles(CrmRoles.Managers);

        promotions.Post("/{id:guid}/reject", RejectPromotion, "Reject a plan (驳回) with a comment; not by its requester", 400, 403, 404, 409, 422).ForRoles(CrmRoles.Managers);

        promotions.Get("/{id:guid}", GetPromotion, "A plan: its state, spend and what remains of its budget", 404);

        promotions.Get("/", ListPromotions, "Plans, filtered by customer and state; paged", 400, 404);

        promotions.Get("/{id:guid}/assessment", GetPromotionAssessment, "After its period (效果评估): sales in the period against the baseline before it, extra sales, cost per extra unit and per extra ¥", 404, 409);

        var support = api.MapGroup("").WithTags("Dealer support 经销商支援");

        support.Post("/support-allocations", AllocateSupport, "Allocate staff or vehicle support to a customer (人员车辆支援): period, cost and the share the company bears", 400, 404, 409, 422).ForRoles(CrmRoles.Managers);

        support.Get("/dealer-support/{customerId:guid}", GetDealerSupport, "The dealer support in a customer's file: its plans with spend, and its staff and vehicle support with who bears the cost", 404);

        return api;
    }

    public static async Task<Created<PromotionView>> RequestPromotion(RequestPromotionRequest request, PromotionService promotions, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Required("customerId", request.CustomerId)
            .Required("kind", request.Kind, "promotion, advertising, staff-support, vehicle-support or other")
            .Required("title", request.Title, Promotion.TitleMaxLength)
            .Period("startsOn", request.StartsOn, "endsOn", request.EndsOn)
            .When(request.StartsOn < BusinessDates.FirstBookingDay, "startsOn", "开始日期不能早于 2000-01-01。startsOn cannot be before 2000-01-01.")
            .When(request is { StartsOn: { } s, EndsOn: { } e } && e.DayNumber - s.DayNumber >= 366, "endsOn", "一个计划最长一年。A plan runs at most a year.")
            .Amount("budget", request.Budget)
            .MaxLength("expectedEffect", request.ExpectedEffect, Promotion.TextMaxLength)
            .When(request.ExpectedExtraSales is { } x && (x < 0 || !Money.HasAtMostCents(x) || x > Money.MaxAmount), "expectedExtraSales",
                "expectedExtraSales（预期增加销售额）is a non-negative amount to the cent.")
            .ThrowIfAny();
        var view = await promotions.RequestAsync(request, cancellationToken);
        return TypedResults.Created($"/api/credit/promotions/{view.Id}", view);
    }

    public static async Task<Ok<PromotionView>> ApprovePromotion(Guid id, PromotionDecisionRequest? request, HttpRequest http, PromotionService promotions, CancellationToken cancellationToken)
    {
        new ValidationErrors().MaxLength("comment", request?.Comment, Promotion.CommentMaxLength).ThrowIfAny();
        return TypedResults.Ok(await promotions.DecideAsync(id, true, request?.Comment, ExpectedVersion.FromOptional(http, request?.Version), cancellationToken));
    }

    public static async Task<Ok<PromotionView>> RejectPromotion(Guid id, PromotionDecisionRequest? request, HttpRequest http, PromotionService promotions, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("comment", request?.Comment, Promotion.CommentMaxLength).ThrowIfAny();
        return TypedResults.Ok(await promotions.DecideAsync(id, false, request!.Comment, ExpectedVersion.FromOptional(http, request.Version), cancellationToken));
    }

    public static async Task<Ok<PromotionView>> GetPromotion(Guid id, PromotionService promotions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await promotions.GetAsync(id, cancellationToken));

    public static async Task<Ok<Paged<PromotionView>>> ListPromotions(
        Guid? customerId, string? state, int? page, int? pageSize, PromotionService promotions, CancellationToken cancellationToken)
    {
        PromotionState? only = null;
        if (state is not null)
            only = Enum.GetValues<PromotionState>().Select(s => (PromotionState?)s).FirstOrDefault(s => ApiNames.Of(s!.Value) == state)
                ?? throw new RequestValidationException("state", "state 为 pending（待审批）、approved（已批准）或 rejected（已驳回）。");
        return TypedResults.Ok(await promotions.ListAsync(customerId, only, PageRequest.From(page, pageSize), cancellationToken));
    }

    public static async Task<Ok<PromotionAssessment>> GetPromotionAssessment(Guid id, PromotionService promotions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await promotions.AssessAsync(id, cancellationToken));

    public static async Task<Created<SupportAllocationView>> AllocateSupport(AllocateSupportRequest request, PromotionService promotions, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Required("customerId", request.CustomerId)
            .Required("kind", request.Kind, "staff or vehicle")
            .Required("description", request.Description, SupportAllocation.DescriptionMaxLength)
            .Period("from", request.From, "to", request.To)
            .Amount("cost", request.Cost, allowZero: true)
            .Required("companyShare", request.CompanyShare, "the share of the cost the company bears, 0–1 (承担比例)")
            .When(request.CompanyShare is < 0 or > 1, "companyShare", "companyShare（公司承担比例）is between 0 and 1.")
            .When(request.CompanyShare is { } share && share != decimal.Round(share, 4), "companyShare", "承担比例最多四位小数。companyShare has at most four decimal places.")
            .ThrowIfAny();
        var view = await promotions.AllocateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/credit/dealer-support/{view.CustomerId}", view);
    }

    public static async Task<Ok<DealerSupportView>> GetDealerSupport(Guid customerId, PromotionService promotions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await promotions.FileAsync(customerId, cancellationToken));
}

public sealed record RequestPromotionRequest(
    Guid? CustomerId, PromotionKind? Kind, string? Title, DateOnly? StartsOn, DateOnly? EndsOn, decimal? Budget, string? ExpectedEffect, decimal? ExpectedExtraSales);

public sealed record PromotionDecisionRequest(string? Comment, long? Version);

public sealed record PromotionView(
    Guid Id, Guid CustomerId, string CustomerCode, string CustomerName, PromotionKind Kind, string Title, DateOnly StartsOn, DateOnly EndsOn,
    decimal Budget, string? ExpectedEffect, decimal? ExpectedExtraSales, PromotionState State,
    decimal Spent, decimal Remaining, int ExpenseCount,
    string RequestedBy, string? RequestedByName, DateTimeOffset RequestedAt,
    string? DecidedBy, string? DecidedByName, DateTimeOffset? DecidedAt, string? DecisionComment, long Version)
{
    public static PromotionView From(Promotion p, Customer c) => new(
        p.Id, p.CustomerId, c.Code, c.Name, p.Kind, p.Title, p.StartsOn, p.EndsOn, p.Budget, p.ExpectedEffect, p.ExpectedExtraSales, p.State,
        p.Spent, p.Remaining, p.ExpenseCount, p.RequestedBy, p.RequestedByName, p.RequestedAt, p.DecidedBy, p.DecidedByName, p.DecidedAt,
        p.DecisionComment, p.Version);
}

public sealed record SalesFigures(decimal Amount, decimal Quantity);

public sealed record AssessmentProductRow(string Product, decimal BaselineAmount, decimal BaselineQuantity, decimal PeriodAmount, decimal PeriodQuantity);

public sealed record PromotionAssessment(
    Guid PromotionId, Guid CustomerId, string CustomerCode, string CustomerName, string Kind, string Title,
    DateOnly From, DateOnly To, int Days, DateOnly BaselineFrom, DateOnly BaselineTo,
    SalesFigures Period, SalesFigures Baseline, decimal ExtraSales, decimal ExtraQuantity, decimal? Growth,
    decimal Budget, decimal ExpensesSpent, decimal SupportCost, decimal Cost,
    decimal? CostPerExtraUnit, decimal? CostPerExtraYuan, decimal? ExtraSalesPerYuanSpent,
    string? ExpectedEffect, decimal? ExpectedExtraSales, decimal? ExpectationMet,
    IReadOnlyList<AssessmentProductRow> ByProduct);

public sealed record AllocateSupportRequest(
    Guid? CustomerId, SupportKind? Kind, string? Description, DateOnly? From, DateOnly? To, decimal? Cost, decimal? CompanyShare, Guid? PromotionId);

public sealed record SupportAllocationView(
    Guid Id, Guid CustomerId, SupportKind Kind, string Description, DateOnly From, DateOnly To, decimal Cost, decimal CompanyShare,
    decimal CompanyCost, decimal CustomerCost, Guid? PromotionId, DateTimeOffset RecordedAt, string RecordedBy)
{
    public static SupportAllocationView Of(SupportAllocation a) => new(
        a.Id, a.CustomerId, a.Kind, a.Description, a.From, a.To, a.Cost, a.CompanyShare, a.CompanyCost, a.CustomerCost, a.PromotionId, a.RecordedAt, a.RecordedBy);
}

public sealed record DealerSupportView(
    Guid CustomerId, string Code, string Name, IReadOnlyList<PromotionView> Promotions, IReadOnlyList<SupportAllocationView> SupportAllocations,
    decimal ApprovedBudget, decimal PromotionSpent, decimal SupportCompanyCost, decimal SupportCustomerCost);
