namespace Crm.AfterSales.Apis;

public static class ReturnsApi
{
    public static RouteGroupBuilder MapReturnsApi(this RouteGroupBuilder api)
    {
        var returns = api.MapGroup("/returns").WithTags("Returns 退换货");

        returns.Post("/", ApproveReturn, "Grant a return, exchange, repair or repackaging (退换货) within the window of the contract in force on soldOn (else the branch default); 422 outside it; override: true with overrideReason by managers", 400, 403, 404, 422).ForRoles([CrmRoles.AfterSales, .. CrmRoles.Managers]);

        returns.Get("/", ListReturns, "Granted returns, filtered by customerId or saleId; paged", 400).ForRoles(CrmRoles.All);

        returns.Get("/{id:guid}", GetReturn, "A granted return with the window and contract that applied", 400, 404).ForRoles(CrmRoles.All);

        return api;
    }

    public static async Task<Created<ReturnView>> ApproveReturn(ApproveReturnRequest request, Returns returns, CancellationToken ct)
    {
        var view = await returns.ApproveAsync(request, ct);
        return TypedResults.Created($"/api/aftersales/returns/{view.Id}", view);
    }

    public static async Task<Ok<Paged<ReturnView>>> ListReturns(Guid? customerId, Guid? saleId, int? page, int? pageSize, Returns returns, CancellationToken ct) =>
        TypedResults.Ok(await returns.ListAsync(customerId, saleId, PageRequest.From(page, pageSize), ct));

    public static async Task<Ok<ReturnView>> GetReturn(Guid id, Returns returns, CancellationToken ct) =>
        TypedResults.Ok(await returns.GetAsync(id, ct));
}
