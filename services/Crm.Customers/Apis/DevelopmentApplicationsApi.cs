namespace Crm.Customers.Apis;

/// <summary>Customer development (客户开发): applications filed by sales reps, decided by a marketing manager.</summary>
public static class DevelopmentApplicationsApi
{
    private static readonly string[] Readers = [CrmRoles.SalesRep, CrmRoles.InsideSales, .. CrmRoles.Managers];

    public static IEndpointRouteBuilder MapDevelopmentApplicationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/customers/development-applications")
            .WithTags("Customer development 客户开发")
            .RequireAuthorization();

        api.Post("/", FileApplication, "File a development application (客户开发申请表) for a prospect, with the reason", 400, 403, 409).ForRoles(CrmRoles.SalesRep);
        api.Get("/", ListApplications, "Development applications, newest first; a sales rep sees their own", 400, 403).ForRoles(Readers);
        api.Get("/{applicationId:guid}", GetApplication, "A development application and its decision", 400, 403, 404).ForRoles(Readers);
        api.Post("/{applicationId:guid}/approve", ApproveApplication, "Approve (批准): opens the customer file, owned by the applicant", 400, 403, 404, 409, 422).ForRoles(CrmRoles.MarketingManager);
        api.Post("/{applicationId:guid}/reject", RejectApplication, "Reject (驳回) with a reason, which is kept", 400, 403, 404, 409).ForRoles(CrmRoles.MarketingManager);
        return app;
    }

    public static async Task<Created<DevelopmentApplicationResponse>> FileApplication(
        DevelopmentApplicationRequest request, DevelopmentApplications applications, CustomerAccess access, CancellationToken cancellationToken)
    {
        var application = await applications.FileAsync(request, cancellationToken);
        return TypedResults.Created($"/api/customers/development-applications/{application.Id}", Response(application, access));
    }

    public static async Task<Ok<Paged<DevelopmentApplicationResponse>>> ListApplications(
        string? state, int? page, int? pageSize, DevelopmentApplications applications, CustomerAccess access, CancellationToken cancellationToken)
    {
        var found = await applications.ListAsync(state, page, pageSize, cancellationToken);
        return TypedResults.Ok(new Paged<DevelopmentApplicationResponse>(
            found.Items.Select(a => Response(a, access)).ToList(), found.Total, found.Page, found.PageSize));
    }

    public static async Task<Ok<DevelopmentApplicationResponse>> GetApplication(
        Guid applicationId, DevelopmentApplications applications, CustomerAccess access, CancellationToken cancellationToken) =>
        TypedResults.Ok(Response(await applications.GetAsync(applicationId, cancellationToken), access));

    public static async Task<Ok<DevelopmentApplicationResponse>> ApproveApplication(
        Guid applicationId, ApproveApplicationRequest? request, DevelopmentApplications applications, CustomerAccess access,
        CancellationToken cancellationToken)
    {
        var (application, _) = await applications.ApproveAsync(applicationId, request ?? new ApproveApplicationRequest(null, null), cancellationToken);
        return TypedResults.Ok(Response(application, access));
    }

    public static async Task<Ok<DevelopmentApplicationResponse>> RejectApplication(
        Guid applicationId, RejectApplicationRequest request, DevelopmentApplications applications, CustomerAccess access,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(Response(await applications.RejectAsync(applicationId, request, cancellationToken), access));

    private static DevelopmentApplicationResponse Response(DevelopmentApplication application, CustomerAccess access) =>
        DevelopmentApplicationResponse.From(application, access.SeesSensitiveDataOf(application.FiledBy));
}
