namespace Crm.Credit.Apis;

public static class LimitRequestsApi
{
    public static RouteGroupBuilder MapLimitRequestsApi(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/limit-requests").WithTags("Credit limits 信用额度");

        requests.Post("/", OpenLimitRequest, "Ask for a credit limit change (客户信用额度变更申请); it then awaits 销售管理部经理 → 销售副总 → 销售总经理 → 集团总经理", 400, 403, 404, 409, 422).ForRoles(CrmRoles.SalesRep, CrmRoles.InsideSales);

        requests.Post("/{id:guid}/approve", ApproveLimitRequest, "Approve the current step (审批通过); the last approval applies the limit", 400, 403, 404, 409, 422).ForRoles(LimitRequest.Chain);

        requests.Post("/{id:guid}/reject", RejectLimitRequest, "Reject at the current step (驳回); final", 400, 403, 404, 409, 422).ForRoles(LimitRequest.Chain);

        requests.Get("/{id:guid}", GetLimitRequest, "A limit request: its state and each step's decision (审批记录)", 404);

        requests.Get("/", ListLimitRequests, "Limit requests, filtered by customer or state, or those awaiting one of my roles (待我审批); paged", 400, 404);

        return api;
    }

    public static async Task<Created<LimitRequestView>> OpenLimitRequest(OpenLimitRequest request, LimitRequests requests, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Required("customerId", request.CustomerId)
            .Amount("proposedLimit", request.ProposedLimit, allowZero: true)
            .Required("reason", request.Reason, LimitRequest.ReasonMaxLength)
            .ThrowIfAny();
        var view = await requests.OpenAsync(request, cancellationToken);
        return TypedResults.Created($"/api/credit/limit-requests/{view.Id}", view);
    }

    public static async Task<Ok<LimitRequestView>> ApproveLimitRequest(Guid id, DecisionRequest? request, LimitRequests requests, CancellationToken cancellationToken)
    {
        new ValidationErrors().MaxLength("comment", request?.Comment, LimitRequest.CommentMaxLength).ThrowIfAny();
        return TypedResults.Ok(await requests.DecideAsync(id, StepDecision.Approved, request?.Comment, cancellationToken));
    }

    public static async Task<Ok<LimitRequestView>> RejectLimitRequest(Guid id, DecisionRequest? request, LimitRequests requests, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("comment", request?.Comment, LimitRequest.CommentMaxLength).ThrowIfAny();
        return TypedResults.Ok(await requests.DecideAsync(id, StepDecision.Rejected, request!.Comment, cancellationToken));
    }

    public static async Task<Ok<LimitRequestView>> GetLimitRequest(Guid id, LimitRequests requests, CancellationToken cancellationToken) =>
        TypedResults.Ok(await requests.GetAsync(id, cancellationToken));

    public static async Task<Ok<Paged<LimitRequestView>>> ListLimitRequests(
        Guid? customerId, string? state, bool? awaitingMe, int? page, int? pageSize, LimitRequests requests, CancellationToken cancellationToken)
    {
        LimitRequestState? only = null;
        if (state is not null)
            only = Enum.GetValues<LimitRequestState>().Select(s => (LimitRequestState?)s).FirstOrDefault(s => ApiNames.Of(s!.Value) == state)
                ?? throw new RequestValidationException("state", "state is pending, approved or rejected.");
        return TypedResults.Ok(await requests.ListAsync(customerId, only, awaitingMe ?? false, PageRequest.From(page, pageSize), cancellationToken));
    }
}

public sealed record OpenLimitRequest(Guid? CustomerId, decimal? ProposedLimit, string? Reason);

public sealed record DecisionRequest(string? Comment);

public sealed record ApprovalStepView(int Order, string Role, StepDecision? Decision, string? DecidedBy, string? DecidedByName, DateTimeOffset? DecidedAt, string? Comment);

public sealed record LimitRequestView(
    Guid Id, Guid CustomerId, string CustomerCode, string CustomerName, string OwnerId, string BranchId,
    LimitRequestSource Source, string? GradingPeriod, string? Grade, decimal CurrentLimit, decimal ProposedLimit, string Reason,
    string RequestedBy, string RequestedByName, DateTimeOffset RequestedAt, LimitRequestState State, string? AwaitingRole,
    DateTimeOffset? DecidedAt, IReadOnlyList<ApprovalStepView> Steps, long Version)
{
    public static LimitRequestView From(LimitRequest r, string code, string name, string ownerId) => new(
        r.Id, r.CustomerId, code, name, ownerId, r.BranchId, r.Source, r.GradingPeriod, r.Grade?.ToString(), r.CurrentLimit, r.ProposedLimit,
        r.Reason, r.RequestedBy, r.RequestedByName, r.RequestedAt, r.State, r.AwaitingRole, r.DecidedAt,
        r.Steps.OrderBy(s => s.Order).Select(s => new ApprovalStepView(s.Order, s.Role, s.Decision, s.DecidedBy, s.DecidedByName, s.DecidedAt, s.Comment)).ToList(),
        r.Version);
}
