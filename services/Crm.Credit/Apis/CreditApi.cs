namespace Crm.Credit.Apis;

public static class CreditApi
{
    /// <summary>Every route of the credit service, under <c>api/credit</c>; each names its roles, the rest need a token.</summary>
    public static IEndpointRouteBuilder MapCreditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/credit").RequireAuthorization();
        api.MapLedgerApi();
        api.MapPlansApi();
        api.MapGradingApi();
        api.MapLimitRequestsApi();
        api.MapExpensesApi();
        api.MapAnalysisApi();
        api.MapSellThroughApi();
        api.MapPromotionsApi();
        api.MapKeyAccountsApi();
        return app;
    }
}
