using Crm.AfterSales.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.AfterSales.Apis;

public static class ReturnsApi
{
    public static RouteGroupBuilder MapReturnsApi(this RouteGroupBuilder api)
    {
        var returns = api.MapGroup("/returns").WithTags("Returns 退换货");

        returns.MapPost("/", ApproveReturn)
            .WithName(nameof(ApproveReturn))
            .ProducesProblems(400, 403, 404, 422)
            .WithSummary("Grant a return, exchange, repair or repackaging (退换货) within the window of the contract in force on soldOn (else the branch default); 422 outside it; override: true with overrideReason by managers")
            .RequireAuthorization(policy => policy.RequireRole([CrmRoles.AfterSales, .. CrmRoles.Managers]));

        returns.MapGet("/", ListReturns)
            .WithName(nameof(ListReturns))
            .ProducesProblems(400)
            .WithSummary("Granted returns, filtered by customerId or saleId; paged")
            .RequireAuthorization(policy => policy.RequireRole(CrmRoles.All));

        returns.MapGet("/{id:guid}", GetReturn)
            .WithName(nameof(GetReturn))
            .ProducesProblems(400, 404)
            .WithSummary("A granted return with the window and contract that applied")
            .RequireAuthorization(policy => policy.RequireRole(CrmRoles.All));

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
