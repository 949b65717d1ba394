namespace Crm.Credit.Apis;

public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/plans/{customerId:guid}/{month}").WithTags("Business plans 业务计划");

        plans.Put("/", SetPlan, "Set or revise a customer's monthly plan (月度业务计划): targets by product and the support planned", 400, 403, 404, 409, 422).ForRoles(CrmRoles.Managers.Append(CrmRoles.SalesRep));

        plans.Get("/", GetPlan, "The monthly plan in force, with its version", 400, 404);

        plans.Get("/revisions", GetPlanRevisions, "Every revision of the month's plan, newest first", 400, 404);

        plans.Get("/progress", GetPlanProgress, "Progress (业务进度): plan against actual, against the same month last year, year to date, purchase frequency", 400, 404);

        return api;
    }

    public static async Task<Results<Created<PlanView>, Ok<PlanView>>> SetPlan(
        Guid customerId, string month, SetPlanRequest request, HttpRequest http, PlanService plans, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var planMonth = ParsePlanMonth(month, calendar);
        var errors = new ValidationErrors()
            .When(request.Lines is not { Count: > 0 }, "lines", "lines is required: at least one target {product, quantity, amount}.")
            .When(request.Lines is { Count: > BusinessPlan.MaxTargets }, "lines", $"A plan has at most {BusinessPlan.MaxTargets} targets.")
            .MaxLength("support", request.Support, BusinessPlan.SupportMaxLength);
        for (var i = 0; i < (request.Lines?.Count ?? 0); i++)
        {
            var line = request.Lines![i];
            errors.Required($"lines[{i}].product", line.Product, Sale.ProductMaxLength)
                .Amount($"lines[{i}].amount", line.Amount, allowZero: true)
                .When(line.Quantity is < 0, $"lines[{i}].quantity", $"lines[{i}].quantity must not be negative.")
                .When(line.Quantity is { } q && q != decimal.Round(q, 4), $"lines[{i}].quantity", $"lines[{i}].quantity has at most four decimal places.");
        }
        var duplicates = request.Lines?.Where(l => !string.IsNullOrWhiteSpace(l.Product))
            .GroupBy(l => l.Product!.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList() ?? [];
        errors.When(duplicates.Count > 0, "lines", $"Each product appears once in a plan; repeated: {string.Join(", ", duplicates)}.");
        errors.ThrowIfAny();

        var (plan, created) = await plans.SetAsync(customerId, planMonth, request, () => ExpectedVersion.FromOptional(http, request.Version), cancellationToken);
        return created
            ? TypedResults.Created($"/api/credit/plans/{customerId}/{plan.Month}", plan)
            : TypedResults.Ok(plan);
    }

    public static async Task<Ok<PlanView>> GetPlan(Guid customerId, string month, PlanService plans, CancellationToken cancellationToken) =>
        TypedResults.Ok(await plans.GetAsync(customerId, GradingApi.ParseMonth("month", month, required: true)!.Value, cancellationToken));

    public static async Task<Ok<IReadOnlyList<PlanView>>> GetPlanRevisions(Guid customerId, string month, PlanService plans, CancellationToken cancellationToken) =>
        TypedResults.Ok(await plans.RevisionsAsync(customerId, GradingApi.ParseMonth("month", month, required: true)!.Value, cancellationToken));

    public static async Task<Ok<PlanProgressView>> GetPlanProgress(Guid customerId, string month, PlanService plans, CancellationToken cancellationToken) =>
        TypedResults.Ok(await plans.ProgressAsync(customerId, GradingApi.ParseMonth("month", month, required: true)!.Value, cancellationToken));

    /// <summary>Plans look at most <see cref="BusinessPlan.MonthsAhead"/> months ahead.</summary>
    private static YearMonth ParsePlanMonth(string text, BusinessCalendar calendar)
    {
        var month = GradingApi.ParseMonth("month", text, required: true)!.Value;
        if (!BusinessPlan.IsWithinHorizon(month, calendar.ThisMonth))
            throw new RequestValidationException("month", $"Plans look at most {BusinessPlan.MonthsAhead} months ahead.");
        return month;
    }
}

public sealed record PlanLineRequest(string? Product, decimal? Quantity, decimal? Amount);

public sealed record SetPlanRequest(IReadOnlyList<PlanLineRequest>? Lines, string? Support, long? Version);

public sealed record PlanTargetView(string Product, decimal Quantity, decimal Amount);

public sealed record PlanView(
    Guid CustomerId, string Month, long Version, IReadOnlyList<PlanTargetView> Lines, decimal TotalAmount, decimal TotalQuantity,
    string? Support, DateTimeOffset SetAt, string SetBy)
{
    public static PlanView From(BusinessPlan plan) => new(
        plan.CustomerId, plan.Month, plan.Version,
        plan.Targets.OrderBy(t => t.Line).Select(t => new PlanTargetView(t.Product, t.Quantity, t.Amount)).ToList(),
        plan.TotalAmount, plan.TotalQuantity, plan.Support, plan.SetAt, plan.SetBy);
}

public sealed record ProgressLine(
    string Product, decimal PlannedQuantity, decimal PlannedAmount, decimal ActualQuantity, decimal ActualAmount, decimal? Completion,
    decimal LastYearQuantity, decimal LastYearAmount, decimal? GrowthOnLastYear);

public sealed record ProgressTotals(decimal Planned, decimal Actual, decimal? Completion, decimal LastYear, decimal? GrowthOnLastYear)
{
    /// <summary>yyyy-MM where a cumulative total starts.</summary>
    public string? From { get; init; }
}

public sealed record PurchaseFrequency(DateOnly From, DateOnly To, int PurchaseDays, decimal? MeanDaysBetweenPurchases, DateOnly? LastPurchaseOn, int? DaysSinceLastPurchase);

public sealed record PlanProgressView(
    Guid CustomerId, string Month, long? PlanVersion, string? Support, decimal ElapsedShare, IReadOnlyList<ProgressLine> Lines,
    ProgressTotals Total, ProgressTotals YearToDate, PurchaseFrequency PurchaseFrequency, DateOnly AsOf);
