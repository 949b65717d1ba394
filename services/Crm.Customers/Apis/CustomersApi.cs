using Microsoft.AspNetCore.Mvc;

namespace Crm.Customers.Apis;

/// <summary>The customer file (客户档案): register, read, list, edit, history, status, ownership, import and export.</summary>
public static class CustomersApi
{
    /// <summary>The gateway allows the same on <c>POST /api/customers/import</c>.</summary>
    public const long ImportMaxBytes = 20 * 1024 * 1024;

    private static readonly string[] Editors = [CrmRoles.SalesRep, CrmRoles.InsideSales, .. CrmRoles.Managers];
    private static readonly string[] OwnerOrManagers = [CrmRoles.SalesRep, .. CrmRoles.Managers];

    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/customers")
            .WithTags("Customers 客户档案")
            .RequireAuthorization();

        api.Post("/", RegisterCustomer, "Register a customer file (登记客户档案); 409 with the possible duplicates (查重) unless confirmed", 400, 403, 409, 422).ForRoles(CrmRoles.SalesRep, CrmRoles.InsideSales);

        api.Get("/", ListCustomers, "Search and filter the customer list (客户列表): search, status, grade, region, route, ownerId, category, kind, contactOverdue; paged and sorted", 400, 403);

        api.Get("/{id:guid}", GetCustomer, "The archive card (客户档案表) with contacts, grade, status, owner and version; sensitive fields masked unless entitled", 404);

        api.Put("/{id:guid}", UpdateCustomer, "Edit the card (修改客户档案) with its version and a changeReason (修改原因)", 400, 403, 404, 409, 422).ForRoles(Editors);

        api.Get("/{id:guid}/history", GetHistory, "Every change of the file (变更记录): who, when, which fields old → new, and why", 404);

        api.Post("/{id:guid}/status", ChangeStatus, "Change the status (客户状态): active (活跃), inactive (非活跃), lost (丢失), with a reason and the card's version (body or If-Match)", 400, 403, 404, 409).ForRoles(OwnerOrManagers);

        api.Post("/{id:guid}/owner", ReassignOwner, "Reassign the customer to another rep (客户转移), with a reason and the card's version (body or If-Match)", 400, 404, 409).ForRoles(CrmRoles.SalesAdminManagerAndAbove);

        api.Post("/import", ImportCustomers, "Import customers from CSV (批量导入): UTF-8, English or Chinese headers; ?dryRun=true checks every row without importing; otherwise all rows or none", 400, 403, 409, 422).ForRoles(CrmRoles.InsideSales)
            // One list: a second Accepts would replace the first. Browsers send a CSV as any of these.
            .Accepts<string>("text/csv", "multipart/form-data", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream")
            .WithMetadata(new RequestSizeLimitAttribute(ImportMaxBytes));

        api.Get("/export", ExportCustomers, "Export the filtered list as CSV (导出); ?headers=zh for Chinese headers", 400).ForRoles(CrmRoles.Managers)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        return app;
    }

    public static async Task<Created<RegisteredCustomer>> RegisterCustomer(
        RegisterCustomerRequest request, CustomerRegistration registration, CustomerAccess access, BusinessCalendar calendar,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var profile = request.ToProfile(errors, calendar.Today);
        var contacts = ContactInput.ToNewContacts(request.Contacts, errors, calendar.Today);
        errors
            .MaxLength("ownerId", request.OwnerId, 100)
            .MaxLength("ownerName", request.OwnerName, 100)
            .MaxLength("reason", request.Reason, CustomerHistoryEntry.ReasonMaxLength)
            .ThrowIfAny();

        var user = access.User;
        var ownerId = CustomerCardFields.Clean(request.OwnerId) ?? user.Id;
        access.EnsureCanRegisterFor(ownerId);
        var ownerName = CustomerCardFields.Clean(request.OwnerName) ?? (ownerId == user.Id ? user.Name : null);

        var customer = await registration.RegisterAsync(
            new NewCustomerFile(user.BranchId, profile!, contacts, ownerId, ownerName, access.Actor, CustomerRegistration.SourceApi),
            request.ConfirmNotDuplicate, request.Reason, cancellationToken);
        return TypedResults.Created($"/api/customers/{customer.Id}", new RegisteredCustomer(customer.Id, customer.Code, customer.Version));
    }

    public static async Task<Ok<Paged<CustomerListItem>>> ListCustomers(
        [AsParameters] CustomerListQuery query, CustomerQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(query, cancellationToken));

    public static async Task<Ok<CustomerCardResponse>> GetCustomer(
        Guid id, CustomerQueries queries, HttpResponse response, CancellationToken cancellationToken)
    {
        var card = await queries.CardAsync(id, cancellationToken);
        response.Headers.ETag = $"\"{card.Version}\"";
        return TypedResults.Ok(card);
    }

    public static Task<Ok<CustomerCardResponse>> UpdateCustomer(
        Guid id, UpdateCustomerRequest request, HttpRequest http, CustomerCardEdits edits, CustomerQueries queries, CancellationToken cancellationToken) =>
        ChangedCardAsync(http, request.Version, version => edits.UpdateAsync(id, request, version, cancellationToken), queries, cancellationToken);

    public static async Task<Ok<Paged<HistoryEntryResponse>>> GetHistory(
        Guid id, int? page, int? pageSize, CustomerQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.HistoryAsync(id, page, pageSize, cancellationToken));

    public static Task<Ok<CustomerCardResponse>> ChangeStatus(
        Guid id, ChangeStatusRequest request, HttpRequest http, CustomerOwnership ownership, CustomerQueries queries, CancellationToken cancellationToken) =>
        ChangedCardAsync(http, request.Version, version => ownership.ChangeStatusAsync(id, request, version, cancellationToken), queries, cancellationToken);

    public static Task<Ok<CustomerCardResponse>> ReassignOwner(
        Guid id, ReassignOwnerRequest request, HttpRequest http, CustomerOwnership ownership, CustomerQueries queries, CancellationToken cancellationToken) =>
        ChangedCardAsync(http, request.Version, version => ownership.ReassignAsync(id, request, version, cancellationToken), queries, cancellationToken);

    /// <summary>A change to the card under the version the caller read (body or If-Match): the changed card, its new version as the ETag.</summary>
    private static async Task<Ok<CustomerCardResponse>> ChangedCardAsync(
        HttpRequest http, long? bodyVersion, Func<long, Task<Customer>> change, CustomerQueries queries, CancellationToken cancellationToken)
    {
        var customer = await change(ExpectedVersion.From(http, bodyVersion));
        http.HttpContext.Response.Headers.ETag = $"\"{customer.Version}\"";
        return TypedResults.Ok(await queries.CardOfAsync(customer, cancellationToken));
    }

    public static async Task<Ok<ImportReport>> ImportCustomers(
        HttpRequest request, CustomerImport import, bool? dryRun, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormOrProblemAsync(cancellationToken);
            var file = form.Files.FirstOrDefault()
                ?? throw new RequestValidationException("file", "The form holds no file: send the CSV as the field 'file'.");
            await using var upload = file.OpenReadStream();
            return TypedResults.Ok(await import.ImportAsync(upload, dryRun ?? false, cancellationToken));
        }
        return TypedResults.Ok(await import.ImportAsync(request.Body, dryRun ?? false, cancellationToken));
    }

    public static PushStreamHttpResult ExportCustomers(
        [AsParameters] CustomerListQuery query, string? headers, CustomerExport export, BusinessCalendar calendar, CustomerAccess access,
        CancellationToken cancellationToken)
    {
        if (headers is not (null or "en" or "zh")) throw new RequestValidationException("headers", "headers is en (the default) or zh.");
        var write = export.Prepare(query, headers == "zh", cancellationToken);
        var branch = access.User.SeesAllBranches ? "all" : access.User.BranchId;
        return TypedResults.Stream(write, "text/csv; charset=utf-8", $"customers-{branch}-{calendar.Today:yyyy-MM-dd}.csv");
    }
}
