namespace Crm.Credit.Apis;

public static class AnalysisApi
{
    public static RouteGroupBuilder MapAnalysisApi(this RouteGroupBuilder api)
    {
        var analysis = api.MapGroup("/analysis").WithTags("Analysis 客户分析");

        analysis.Get("/abc", GetAbcAnalysis, "ABC classes by purchase amount (ABC分类, the 80/20 rule); customers paged by rank", 400).ForRoles(CrmRoles.Managers);

        analysis.Get("/structure", GetStructureAnalysis, "Customer structure (客户结构分析): sales shares by product (产品结构), grade (等级) or region (地区)", 400).ForRoles(CrmRoles.Managers);

        return api;
    }

    public static async Task<Ok<AbcView>> GetAbcAnalysis(
        string? from, string? to, decimal? aShare, decimal? bShare, string? branchId, int? page, int? pageSize,
        AnalysisService analysis, ICurrentUser user, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var period = Period(from, to, calendar);
        var a = aShare ?? AbcClassifier.DefaultALimit;
        var b = bShare ?? AbcClassifier.DefaultBLimit;
        new ValidationErrors()
            .When(a is <= 0 or >= 1, "aShare", "aShare is the cumulative share that closes class A, between 0 and 1 (0.80).")
            .When(b is <= 0 or > 1 || b <= a, "bShare", "bShare is the cumulative share that closes class B, above aShare and at most 1 (0.95).")
            .ThrowIfAny();
        var paging = PageRequest.From(page, pageSize);
        var result = await analysis.AbcAsync(period, user.BranchFilter(branchId), a, b, cancellationToken);
        return TypedResults.Ok(new AbcView(period.From, period.To, a, b, result.TotalSales,
            result.Classes.Select(c => new AbcClassView(c.Class.ToString(), c.Customers, c.Sales, c.Share)).ToList(),
            result.Items.Skip(paging.Skip).Take(paging.PageSize).Select(i => new AbcItemView(i.Rank, i.CustomerId, i.Code, i.Name, i.Sales, i.Share, i.CumulativeShare, i.Class.ToString())).ToList(),
            result.Items.Count, paging.Page, paging.PageSize));
    }

    public static async Task<Ok<StructureAnalysis>> GetStructureAnalysis(
        string? by, string? from, string? to, string? branchId, AnalysisService analysis, ICurrentUser user, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        StructureDimension? dimension = by?.ToLowerInvariant() switch
        {
            "product" => StructureDimension.Product,
            "grade" => StructureDimension.Grade,
            "region" => StructureDimension.Region,
            _ => null,
        };
        if (dimension is null) throw new RequestValidationException("by", "by is product, grade or region.");
        var period = Period(from, to, calendar);
        return TypedResults.Ok(await analysis.StructureAsync(dimension.Value, period, user.BranchFilter(branchId), cancellationToken));
    }

    /// <summary>yyyy-MM to yyyy-MM, both included; by default the twelve months ending with the current one.</summary>
    private static DateRange Period(string? from, string? to, BusinessCalendar calendar)
    {
        var last = GradingApi.ParseMonth("to", to, required: false) ?? calendar.ThisMonth;
        var first = GradingApi.ParseMonth("from", from, required: false) ?? last.AddMonths(-11);
        new ValidationErrors()
            .When(first > last, "from", "from cannot be after to.")
            .When(first < last.AddMonths(-119), "from", "A period spans at most 120 months.")
            .ThrowIfAny();
        return DateRange.OfMonths(first, last);
    }

}

public sealed record AbcItemView(int Rank, Guid CustomerId, string Code, string Name, decimal Sales, decimal Share, decimal CumulativeShare, string Class);

public sealed record AbcView(
    DateOnly From, DateOnly To, decimal AShare, decimal BShare, decimal TotalSales, IReadOnlyList<AbcClassView> Classes,
    IReadOnlyList<AbcItemView> Items, int Total, int Page, int PageSize);

public sealed record AbcClassView(string Class, int Customers, decimal Sales, decimal Share);
