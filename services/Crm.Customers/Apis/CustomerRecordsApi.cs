namespace Crm.Customers.Apis;

/// <summary>What is kept with a customer file: contacts, scorecard evaluations, violations, visits, major incidents.</summary>
public static class CustomerRecordsApi
{
    private static readonly string[] OwnerOrManagers = [CrmRoles.SalesRep, .. CrmRoles.Managers];

    public static IEndpointRouteBuilder MapCustomerRecordsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/customers/{id:guid}")
            .WithTags("Customer records 联系人·评价·违规·拜访·重大变故")
            .RequireAuthorization();

        api.Post("/contacts", AddContact, "Add a contact (联系人) with the card's version (body or If-Match); isPrimary makes it the primary contact (主要联系人)", 400, 403, 404, 409).ForRoles(CrmRoles.SalesRep, CrmRoles.InsideSales);
        api.Put("/contacts/{contactId:guid}", UpdateContact, "Change a contact (修改联系人) with its version", 400, 403, 404, 409, 422).ForRoles(CrmRoles.SalesRep, CrmRoles.InsideSales);
        api.Delete("/contacts/{contactId:guid}", RemoveContact, "Remove a contact (删除联系人) with its version (If-Match or ?version=)", 400, 403, 404, 409, 422).ForRoles(CrmRoles.SalesRep, CrmRoles.InsideSales);

        api.Post("/evaluations", Evaluate, "Record a scorecard evaluation (客户评价): initiative 积极性, capability 经营能力, reputation 信誉, relations 社会关系, 0–100 each", 400, 403, 404).ForRoles(OwnerOrManagers);
        api.Get("/evaluations", ListEvaluations, "The customer's scorecard evaluations (客户评价), newest first", 404);

        api.Post("/violations", RecordViolation, "Record a violation (违规记录): occurredOn, type, description", 400, 404);
        api.Get("/violations", ListViolations, "The customer's violations (违规记录), newest first", 404);

        api.Post("/visits", RecordVisit, "Record a visit or other contact (拜访记录) by the owner rep: on, kind, summary", 400, 403, 404, 409);
        api.Get("/visits", ListVisits, "The customer's visits and contacts (拜访记录), newest first", 404);

        api.Post("/incidents", ReportIncident, "Report a major incident (重大变故) by the owner rep: kind, description, occurredOn", 400, 403, 404);
        api.Get("/incidents", ListIncidents, "The customer's major incidents (重大变故), newest first", 404);

        var weights = app.MapGroup("api/customers/scorecard-weights")
            .WithTags("Customer records 联系人·评价·违规·拜访·重大变故")
            .RequireAuthorization();
        weights.Get("/", GetScorecardWeights, "The branch's scorecard weights (评价权重), in percent", 400);
        weights.Put("/", SetScorecardWeights, "Set the branch's scorecard weights (评价权重): four percentages adding up to 100, with the version", 400, 409).ForRoles(CrmRoles.SalesAdminManagerAndAbove);
        return app;
    }

    public static async Task<Created<ContactChangeResponse>> AddContact(
        Guid id, ContactRequest request, HttpRequest http, CustomerContacts contacts, CustomerAccess access, CancellationToken cancellationToken)
    {
        var version = ExpectedVersion.From(http, request.Version);
        var (customer, contact) = await contacts.AddContactAsync(id, request, version, cancellationToken);
        return TypedResults.Created($"/api/customers/{id}/contacts/{contact.Id}",
            new ContactChangeResponse(ContactResponse.From(contact, access.SeesSensitiveDataOf(customer.OwnerId)), customer.Version));
    }

    public static async Task<Ok<ContactChangeResponse>> UpdateContact(
        Guid id, Guid contactId, ContactRequest request, HttpRequest http, CustomerContacts contacts, CustomerAccess access, CancellationToken cancellationToken)
    {
        var version = ExpectedVersion.From(http, request.Version);
        var (customer, contact) = await contacts.UpdateContactAsync(id, contactId, request, version, cancellationToken);
        return TypedResults.Ok(new ContactChangeResponse(ContactResponse.From(contact, access.SeesSensitiveDataOf(customer.OwnerId)), customer.Version));
    }

    public static async Task<Ok<ContactChangeResponse>> RemoveContact(
        Guid id, Guid contactId, long? version, string? changeReason, HttpRequest http, CustomerContacts contacts, CancellationToken cancellationToken)
    {
        var expected = ExpectedVersion.From(http, version);
        var customer = await contacts.RemoveContactAsync(id, contactId, expected, changeReason, cancellationToken);
        return TypedResults.Ok(new ContactChangeResponse(null, customer.Version));
    }

    public static async Task<Created<EvaluationResponse>> Evaluate(
        Guid id, EvaluationRequest request, CustomerEvaluations evaluations, CancellationToken cancellationToken)
    {
        var evaluation = await evaluations.EvaluateAsync(id, request, cancellationToken);
        return TypedResults.Created($"/api/customers/{id}/evaluations", EvaluationResponse.From(evaluation));
    }

    public static async Task<Ok<Paged<EvaluationResponse>>> ListEvaluations(
        Guid id, int? page, int? pageSize, CustomerQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.EvaluationsAsync(id, page, pageSize, cancellationToken));

    public static async Task<Created<ViolationResponse>> RecordViolation(
        Guid id, ViolationRequest request, CustomerRecords records, CancellationToken cancellationToken)
    {
        var violation = await records.RecordViolationAsync(id, request, cancellationToken);
        return TypedResults.Created($"/api/customers/{id}/violations", ViolationResponse.From(violation));
    }

    public static async Task<Ok<Paged<ViolationResponse>>> ListViolations(
        Guid id, int? page, int? pageSize, CustomerQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ViolationsAsync(id, page, pageSize, cancellationToken));

    public static async Task<Created<VisitResponse>> RecordVisit(
        Guid id, VisitRequest request, CustomerRecords records, CancellationToken cancellationToken)
    {
        var visit = await records.RecordVisitAsync(id, request, cancellationToken);
        return TypedResults.Created($"/api/customers/{id}/visits", VisitResponse.From(visit));
    }

    public static async Task<Ok<Paged<VisitResponse>>> ListVisits(
        Guid id, int? page, int? pageSize, CustomerQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.VisitsAsync(id, page, pageSize, cancellationToken));

    public static async Task<Created<IncidentResponse>> ReportIncident(
        Guid id, IncidentRequest request, CustomerRecords records, CancellationToken cancellationToken)
    {
        var incident = await records.ReportIncidentAsync(id, request, cancellationToken);
        return TypedResults.Created($"/api/customers/{id}/incidents", IncidentResponse.From(incident));
    }

    public static async Task<Ok<Paged<IncidentResponse>>> ListIncidents(
        Guid id, int? page, int? pageSize, CustomerQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.IncidentsAsync(id, page, pageSize, cancellationToken));

    public static async Task<Ok<ScorecardWeightsResponse>> GetScorecardWeights(
        CustomerEvaluations evaluations, CustomerAccess access, CancellationToken cancellationToken)
    {
        var weights = await evaluations.WeightsOfAsync(access.User.BranchId, cancellationToken);
        return TypedResults.Ok(ScorecardWeightsResponse.From(weights, isDefault: weights.UpdatedAt == DateTimeOffset.MinValue));
    }

    public static async Task<Ok<ScorecardWeightsResponse>> SetScorecardWeights(
        ScorecardWeightsRequest request, CustomerEvaluations evaluations, CancellationToken cancellationToken) =>
        TypedResults.Ok(ScorecardWeightsResponse.From(await evaluations.SetWeightsAsync(request, cancellationToken), isDefault: false));
}
