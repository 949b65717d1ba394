namespace Crm.Contracts.Apis;

public static class ContractsApi
{
    private static readonly string[] Drafters = [CrmRoles.SalesRep, CrmRoles.ContractCustodian];
    private static readonly string[] Approvers = [CrmRoles.SalesAdminManager, CrmRoles.SalesVp, CrmRoles.SalesGm];
    private static readonly string[] Signers = [CrmRoles.ContractCustodian, .. CrmRoles.SalesAdminManagerAndAbove];
    private static readonly string[] Managing = [CrmRoles.SalesRep, CrmRoles.ContractCustodian, .. CrmRoles.SalesAdminManagerAndAbove];
    private static readonly string[] Staff = CrmRoles.All.ToArray();

    public static IEndpointRouteBuilder MapContractsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/contracts").WithTags("Contracts 合同");

        api.Post("/", CreateContract, "Draft a contract (起草合同) from a template or from scratch; our party comes from the branch settings", 400, 403, 404).ForRoles(Drafters);
        api.Put("/{id:guid}", UpdateContract, "Edit a draft (修改草稿): the author or the custodian, drafts only, with version", 400, 403, 404, 409).ForRoles(Drafters);
        api.Post("/{id:guid}/submit", SubmitContract, "Submit for approval (提交审批): steps by total amount; an overlapping exclusive right is refused (422)", 400, 403, 404, 409, 422).ForRoles(Drafters);
        api.Post("/{id:guid}/approve", ApproveContract, "Approve the current step (审批通过): only its role; not the author or submitter", 400, 403, 404, 409, 422).ForRoles(Approvers);
        api.Post("/{id:guid}/reject", RejectContract, "Reject at the current step (驳回): back to draft with the reason", 400, 403, 404, 409, 422).ForRoles(Approvers);
        api.Post("/{id:guid}/sign", SignContract, "Sign an approved contract (签约): signedOn, signedAt; publishes crm.contract-signed", 400, 404, 409).ForRoles(Signers);
        api.Post("/{id:guid}/terminate", TerminateContract, "Terminate (终止) with a reason, from terminatedOn (default today); publishes crm.contract-terminated", 400, 404, 409).ForRoles(CrmRoles.SalesAdminManagerAndAbove);
        api.Post("/{id:guid}/renew", RenewContract, "Renew (续签): the successor draft for the next term, linked both ways", 403, 404, 409).ForRoles(Managing);
        api.Post("/{id:guid}/amend", AmendContract, "Amend (补充协议): the changed sections become a new version from effectiveOn; publishes crm.contract-amended", 400, 404, 409, 422).ForRoles(Signers);
        api.Post("/{id:guid}/notice", GiveNotice, "Give notice against automatic renewal (不续约通知), by the notice date", 403, 404, 409, 422).ForRoles(Managing);

        api.Get("/", ListContracts, "The contract list (合同台账): no contents; filter customerId, status, expiringWithinDays, category; paged", 400).ForRoles(Staff);
        api.Get("/terms", GetTerms, "The terms in force (合同约束) for a customer on a date: windows, payment term, settlement, product lines, territories", 400).ForRoles(Staff);
        api.Get("/{id:guid}", GetContract, "The contract with its sections, versions and approval steps: custodian, owner rep, managers; every read is logged", 403, 404).ForRoles(Staff);
        api.Get("/{id:guid}/document", GetContractDocument, "The printable standard contract (HTML, A4): custodian, owner rep, managers; every read is logged", 403, 404).ForRoles(Staff);
        api.Get("/{id:guid}/access-log", GetAccessLog, "Who read the contract's contents, when (查阅记录); paged", 400, 404).ForRoles(ContractAccess.AccessLogRoles);
        api.Put("/custody/{id:guid}", PutCustody, "Archive a signed contract (归档): archive number, location, category", 400, 404, 409).ForRoles(CrmRoles.ContractCustodian);

        api.MapSettingsApi();
        return app;
    }

    public static async Task<Created<ContractStatusView>> CreateContract(CreateContractRequest request, ContractCommands commands, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Required("customerId", request.CustomerId)
            .Required("title", request.Title, Contract.TitleMaxLength)
            .ThrowIfAny();
        var view = await commands.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/contracts/{view.Contract.Id}", view);
    }

    public static async Task<Ok<ContractStatusView>> UpdateContract(
        Guid id, UpdateContractRequest request, HttpRequest http, ContractCommands commands, CancellationToken cancellationToken)
    {
        new ValidationErrors().MaxLength("title", request.Title, Contract.TitleMaxLength).ThrowIfAny();
        var expected = ExpectedVersion.From(http, request.Version);
        return TypedResults.Ok(await commands.UpdateAsync(id, request, expected, cancellationToken));
    }

    public static async Task<Ok<ContractStatusView>> SubmitContract(
        Guid id, VersionedRequest? request, HttpRequest http, ContractCommands commands, CancellationToken cancellationToken) =>
        TypedResults.Ok(await commands.SubmitAsync(id, ExpectedVersion.FromOptional(http, request?.Version), cancellationToken));

    public static async Task<Ok<ContractStatusView>> ApproveContract(Guid id, DecisionRequest? request, ContractCommands commands, CancellationToken cancellationToken)
    {
        new ValidationErrors().MaxLength("comment", request?.Comment, Contract.ReasonMaxLength).ThrowIfAny();
        return TypedResults.Ok(await commands.DecideAsync(id, StepDecision.Approved, request?.Comment, cancellationToken));
    }

    public static async Task<Ok<ContractStatusView>> RejectContract(Guid id, RejectRequest? request, ContractCommands commands, CancellationToken cancellationToken)
    {
        var reason = request?.Reason ?? request?.Comment;
        new ValidationErrors().Required("reason", reason, Contract.ReasonMaxLength).ThrowIfAny();
        return TypedResults.Ok(await commands.DecideAsync(id, StepDecision.Rejected, reason, cancellationToken));
    }

    public static async Task<Ok<ContractStatusView>> SignContract(Guid id, SignRequest request, ContractCommands commands, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("signedOn", request.SignedOn).MaxLength("signedAt", request.SignedAt, 200).ThrowIfAny();
        return TypedResults.Ok(await commands.SignAsync(id, request.SignedOn!.Value, request.SignedAt, cancellationToken));
    }

    public static async Task<Ok<ContractStatusView>> TerminateContract(Guid id, TerminateRequest request, ContractCommands commands, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("reason", request.Reason, Contract.ReasonMaxLength).ThrowIfAny();
        return TypedResults.Ok(await commands.TerminateAsync(id, request.Reason!, request.TerminatedOn, cancellationToken));
    }

    public static async Task<Created<ContractStatusView>> RenewContract(Guid id, ContractCommands commands, CancellationToken cancellationToken)
    {
        var view = await commands.RenewAsync(id, cancellationToken);
        return TypedResults.Created($"/api/contracts/{view.Contract.Id}", view);
    }

    public static async Task<Ok<ContractStatusView>> AmendContract(Guid id, AmendContractRequest request, ContractCommands commands, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("effectiveOn", request.EffectiveOn).MaxLength("reason", request.Reason, Contract.ReasonMaxLength).ThrowIfAny();
        return TypedResults.Ok(await commands.AmendAsync(id, request, cancellationToken));
    }

    public static async Task<Ok<ContractStatusView>> GiveNotice(Guid id, ContractCommands commands, CancellationToken cancellationToken) =>
        TypedResults.Ok(await commands.GiveNoticeAsync(id, cancellationToken));

    public static async Task<Ok<Paged<ContractSummary>>> ListContracts(
        Guid? customerId, string? status, int? expiringWithinDays, string? category, int? page, int? pageSize, ContractQueries queries, CancellationToken cancellationToken)
    {
        ContractState? only = null;
        if (status is not null)
            only = Enum.GetValues<ContractState>().Select(s => (ContractState?)s).FirstOrDefault(s => ApiNames.Of(s!.Value) == status)
                ?? throw new RequestValidationException("status", "status is draft, submitted, approved, signed, active, expired or terminated.");
        PageRequest.Check(new ValidationErrors(), page, pageSize)
            .Range("expiringWithinDays", expiringWithinDays, 0, 3650)
            .ThrowIfAny();
        return TypedResults.Ok(await queries.ListAsync(customerId, only, expiringWithinDays, category, PageRequest.From(page, pageSize), cancellationToken));
    }

    public static async Task<Ok<TermsView>> GetTerms(Guid? customerId, DateOnly? on, ContractQueries queries, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("customerId", customerId).Date("on", on).ThrowIfAny();
        return TypedResults.Ok(await queries.TermsAsync(customerId!.Value, on ?? calendar.Today, cancellationToken));
    }

    public static async Task<Ok<ContractView>> GetContract(Guid id, ContractQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetAsync(id, cancellationToken));

    public static async Task<ContentHttpResult> GetContractDocument(Guid id, ContractQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Content(await queries.DocumentAsync(id, cancellationToken), "text/html; charset=utf-8");

    public static async Task<Ok<Paged<AccessLogView>>> GetAccessLog(Guid id, int? page, int? pageSize, ContractQueries queries, CancellationToken cancellationToken)
    {
        PageRequest.Check(new ValidationErrors(), page, pageSize).ThrowIfAny();
        return TypedResults.Ok(await queries.AccessLogAsync(id, PageRequest.From(page, pageSize), cancellationToken));
    }

    public static async Task<Ok<ContractStatusView>> PutCustody(
        Guid id, CustodyRequest request, HttpRequest http, ContractCommands commands, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Required("archiveNumber", request.ArchiveNumber, 50)
            .Required("location", request.Location, 200)
            .Required("category", request.Category, 50)
            .ThrowIfAny();
        var expected = ExpectedVersion.From(http, request.Version);
        return TypedResults.Ok(await commands.ArchiveAsync(id, request, expected, cancellationToken));
    }
}
