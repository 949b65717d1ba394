namespace Crm.Credit.Apis;

public static class KeyAccountsApi
{
    public static RouteGroupBuilder MapKeyAccountsApi(this RouteGroupBuilder api)
    {
        api.Get("/key-accounts", GetKeyAccounts, "Key accounts (大客户): the A-class customers over the period (yyyy-MM or yyyy) with their executive-visit coverage, promotions and share of sales", 400, 404).ForRoles(CrmRoles.Managers)
            .WithTags("Analysis 客户分析");
        return api;
    }

    public static async Task<Ok<KeyAccountsView>> GetKeyAccounts(
        string? period, string? branchId, int? page, int? pageSize, KeyAccounts keyAccounts, ICurrentUser user, BusinessCalendar calendar, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keyAccounts.ListAsync(Period(period, calendar), user.BranchFilter(branchId), PageRequest.From(page, pageSize), cancellationToken));

    /// <summary>A month (yyyy-MM) or a year (yyyy); by default the current month.</summary>
    internal static DateRange Period(string? period, BusinessCalendar calendar)
    {
        if (period is null)
        {
            var month = calendar.ThisMonth;
            return DateRange.OfMonths(month, month);
        }
        if (period.Length == 4 && int.TryParse(period, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 9999)
            return DateRange.OfMonths(new YearMonth(year, 1), new YearMonth(year, 12));
        if (GradingApi.ParseMonth("period", period, required: true) is { } only) return DateRange.OfMonths(only, only);
        throw new RequestValidationException("period", "period 为月份 (yyyy-MM) 或年份 (yyyy)。");
    }
}

public sealed record ExecutiveVisitCoverage(int Planned, int Made, int PlannedAndMade, decimal? Coverage, DateOnly? LastVisitOn, IReadOnlyList<DateOnly> OpenPlans);

public sealed record KeyAccountPromotion(Guid Id, string Kind, string Title, string State, DateOnly StartsOn, DateOnly EndsOn, decimal Budget, decimal Spent);

public sealed record KeyAccountRow(
    int Rank, Guid CustomerId, string Code, string Name, string? OwnerId, string? OwnerName, string? Region, decimal Sales, decimal Share, decimal CumulativeShare,
    ExecutiveVisitCoverage ExecutiveVisits, IReadOnlyList<KeyAccountPromotion> Promotions);

public sealed record KeyAccountsView(
    DateOnly From, DateOnly To, decimal TotalSales, int KeyAccounts, decimal KeyAccountSales, decimal KeyAccountShare, int Visited,
    decimal? VisitedShare, Paged<KeyAccountRow> Accounts);
