using Microsoft.AspNetCore.Mvc;

namespace Crm.AfterSales.Apis;

/// <summary>
/// The complaint procedure (客诉处理流程). Every route needs a signed-in staff member; the role each step needs is checked
/// by the complaint itself, so that a refusal names the roles (403) or the actions allowed in its state (409).
/// </summary>
public static class ComplaintsApi
{
    /// <summary>The gateway's route for attachments allows the same (a 10 MiB file and its multipart envelope).</summary>
    public const long AttachmentRequestMaxBytes = 10 * 1024 * 1024 + 64 * 1024;

    public static RouteGroupBuilder MapComplaintsApi(this RouteGroupBuilder api)
    {
        var complaints = api.MapGroup("/complaints").WithTags("Complaints 客户投诉").ForRoles(CrmRoles.All);

        complaints.Post("/", OpenComplaint, "Receive a complaint (受理客诉): state received, with its service-level deadlines", 400, 404);

        complaints.Get("/", ListComplaints, "Complaints, filtered by customerId, state, category, breached; paged", 400);

        complaints.Get("/{id:guid}", GetComplaint, "A complaint: state, deadlines, the full timeline (处理记录), attachments, the actions allowed now", 400, 404);

        complaints.Post("/{id:guid}/assess", Assess, "初步判断 (after-sales): category, finding, severity; for quality the root cause (人机料法环测) and corrective action. The first one is the first response", 400, 403, 404, 409);

        complaints.Post("/{id:guid}/propose", Propose, "Propose a resolution (提出处理方案, after-sales): replacement, return, repair, compensation, credit-note, explanation", 400, 403, 404, 409);

        complaints.Post("/{id:guid}/sign-off", SignOff, "Sign off the resolution after talking with the customer (销售管理部经理签批)", 400, 403, 404, 409);

        complaints.Post("/{id:guid}/send-back", SendBack, "Send the resolution back for a new proposal, with a reason (退回)", 400, 403, 404, 409);

        complaints.Post("/{id:guid}/customer-response", CustomerResponse, "Record the customer's answer (客户意见, after-sales): satisfied → executing; not satisfied → awaiting-customer", 400, 403, 404, 409);

        complaints.Post("/{id:guid}/pause", Pause, "Stop the service-level clock while waiting on the customer, with a reason (after-sales)", 400, 403, 404, 409);

        complaints.Post("/{id:guid}/resume", Resume, "Restart the clock, with a reason; the paused time extends the deadlines (after-sales)", 400, 403, 404, 409);

        complaints.Post("/{id:guid}/complete", Complete, "Close after a satisfied customer response, once the resolution is carried out (结案, after-sales)", 400, 403, 404, 409, 422);

        complaints.Post("/{id:guid}/escalate", Escalate, "Escalate an unsatisfied complaint to litigation (诉讼程序, managers): caseNumber, court", 400, 403, 404, 409);

        complaints.Post("/{id:guid}/litigation-outcome", LitigationOutcome, "Record the litigation outcome, which closes the complaint (managers)", 400, 403, 404, 409, 422);

        complaints.Post("/{id:guid}/attachments", AddAttachment, "Attach a photo or PDF report (≤ 10 MiB; multipart field 'file', or the raw body with ?fileName=); its type is read from its content", 400, 403, 404, 409)
            // One list: a second Accepts would replace the first.
            .Accepts<byte[]>("multipart/form-data", "application/octet-stream", "image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf")
            .WithMetadata(new RequestSizeLimitAttribute(AttachmentRequestMaxBytes))
            .DisableAntiforgery();

        complaints.Get("/{id:guid}/attachments/{attachmentId:guid}", DownloadAttachment, "Download an attachment (staff of the complaint's branch)", 404);

        return api;
    }

    public static async Task<Created<ComplaintView>> OpenComplaint(OpenComplaintRequest request, Complaints complaints, CancellationToken ct)
    {
        new ValidationErrors()
            .Required("customerId", request.CustomerId)
            .Required("subject", request.Subject, Complaint.SubjectMaxLength)
            .Required("description", request.Description, Complaint.TextMaxLength)
            .MaxLength("product", request.Product, Complaint.ShortMaxLength)
            .MaxLength("batch", request.Batch, Complaint.ShortMaxLength)
            .ThrowIfAny();
        var view = await complaints.OpenAsync(request, ct);
        return TypedResults.Created($"/api/aftersales/complaints/{view.Id}", view);
    }

    public static async Task<Ok<Paged<ComplaintListItem>>> ListComplaints([AsParameters] ComplaintListQuery query, Complaints complaints, CancellationToken ct) =>
        TypedResults.Ok(await complaints.ListAsync(query, ct));

    public static async Task<Ok<ComplaintView>> GetComplaint(Guid id, Complaints complaints, HttpResponse response, CancellationToken ct) =>
        Tagged(response, await complaints.GetAsync(id, ct));

    public static async Task<Ok<ComplaintView>> Assess(Guid id, AssessRequest request, HttpRequest http, Complaints complaints, CancellationToken ct)
    {
        var version = ExpectedVersion.From(http, request.Version);
        new ValidationErrors()
            .Required("category", request.Category, "quality or non-quality")
            .Required("finding", request.Finding, Complaint.TextMaxLength)
            .MaxLength("correctiveAction", request.CorrectiveAction, Complaint.TextMaxLength)
            .When(!Complaint.RootCauseAllowed(request.Category, request.RootCause), "rootCause", Complaint.RootCauseForQualityOnly)
            .ThrowIfAny();
        return Tagged(http.HttpContext.Response, await complaints.AssessAsync(id, request, version, ct));
    }

    public static async Task<Ok<ComplaintView>> Propose(Guid id, ProposeRequest request, HttpRequest http, Complaints complaints, CancellationToken ct)
    {
        var version = ExpectedVersion.From(http, request.Version);
        var resolution = request.Resolution;
        new ValidationErrors()
            .When(resolution is null, "resolution", "resolution is required: kind, detail and for money an amount.")
            .Required("resolution.kind", resolution?.Kind, "replacement, return, repair, compensation, credit-note or explanation")
            .Required("resolution.detail", resolution?.Detail, Complaint.TextMaxLength)
            .When(resolution?.Amount is < 0, "resolution.amount", "amount may not be negative.")
            .ThrowIfAny();
        return Tagged(http.HttpContext.Response, await complaints.ProposeAsync(id, resolution!, version, ct));
    }

    public static async Task<Ok<ComplaintView>> SignOff(Guid id, StepRequest? request, HttpRequest http, Complaints complaints, CancellationToken ct)
    {
        var version = ExpectedVersion.From(http, request?.Version);
        new ValidationErrors().MaxLength("comment", request?.Comment, Complaint.TextMaxLength).ThrowIfAny();
        return Tagged(http.HttpContext.Response, await complaints.SignOffAsync(id, request?.Comment, version, ct));
    }

    public static async Task<Ok<ComplaintView>> SendBack(Guid id, StepRequest? request, HttpRequest http, Complaints complaints, CancellationToken ct)
    {
        var version = ExpectedVersion.From(http, request?.Version);
        new ValidationErrors().Required("reason", request?.Reason, Complaint.TextMaxLength).ThrowIfAny();
        return Tagged(http.HttpContext.Response, await complaints.SendBackAsync(id, request!.Reason!, version, ct));
    }

    public static async Task<Ok<ComplaintView>> CustomerResponse(Guid id, CustomerResponseRequest request, HttpRequest http, Complaints complaints, CancellationToken ct)
    {
        var version = ExpectedVersion.From(http, request.Version);
        new ValidationErrors()
            .Required("satisfied", request.Satisfied, "true or false")
            .MaxLength("comment", request.Comment, Complaint.TextMaxLength)
            .ThrowIfAny();
        return Tagged(http.HttpContext.Response, await complaints.CustomerResponseAsync(id, request.Satisfied!.Value, request.Comment, version, ct));
    }

    public static async Task<Ok<ComplaintView>> Pause(Guid id, StepRequest? request, HttpRequest http, Complaints complaints, CancellationToken ct)
    {
        var version = ExpectedVersion.From(http, request?.Version);
        new ValidationErrors().Required("reason", request?.Reason, Complaint.TextMaxLength).ThrowIfAny();
        return Tagged(http.HttpContext.Response, await complaints.PauseAsync(id, request!.Reason!, version, ct));
    }

    public static async Task<Ok<ComplaintView>> Resume(Guid id, StepRequest? request, HttpRequest http, Complaints complaints, CancellationToken ct)
    {
        var version = ExpectedVersion.From(http, request?.Version);
        new ValidationErrors().Required("reason", request?.Reason, Complaint.TextMaxLength).ThrowIfAny();
        return Tagged(http.HttpContext.Response, await complaints.ResumeAsync(id, request!.Reason!, version, ct));
    }

    public static async Task<Ok<ComplaintView>> Complete(Guid id, StepRequest? request, HttpRequest http, Complaints complaints, CancellationToken ct)
    {
        var version = ExpectedVersion.From(http, request?.Version);
        new ValidationErrors().MaxLength("comment", request?.Comment, Complaint.TextMaxLength).ThrowIfAny();
        return Tagged(http.HttpContext.Response, await complaints.CompleteAsync(id, request?.Comment, version, ct));
    }

    public static async Task<Ok<ComplaintView>> Escalate(Guid id, EscalateRequest request, HttpRequest http, Complaints complaints, CancellationToken ct)
    {
        var version = ExpectedVersion.From(http, request.Version);
        new ValidationErrors()
            .Required("caseNumber", request.CaseNumber, Complaint.ShortMaxLength)
            .Required("court", request.Court, Complaint.SubjectMaxLength)
            .MaxLength("reason", request.Reason, Complaint.TextMaxLength)
            .ThrowIfAny();
        return Tagged(http.HttpContext.Response, await complaints.EscalateAsync(id, request, version, ct));
    }

    public static async Task<Ok<ComplaintView>> LitigationOutcome(Guid id, LitigationOutcomeRequest request, HttpRequest http, Complaints complaints, CancellationToken ct)
    {
        var version = ExpectedVersion.From(http, request.Version);
        new ValidationErrors().Required("outcome", request.Outcome, Complaint.TextMaxLength).ThrowIfAny();
        return Tagged(http.HttpContext.Response, await complaints.LitigationOutcomeAsync(id, request.Outcome!, version, ct));
    }

    public static async Task<Created<AttachmentView>> AddAttachment(Guid id, string? fileName, HttpRequest http, AttachmentStore store, CancellationToken ct)
    {
        var version = ExpectedVersion.FromOptional(http, null);
        AttachmentView view;
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormOrProblemAsync(ct);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
                ?? throw new RequestValidationException("file", "Send the file in the multipart field 'file'.");
            if (file.Length > store.MaxBytes)
                throw new BadHttpRequestException($"The file is {file.Length} bytes; the limit is {store.MaxBytes} (10 MiB).", StatusCodes.Status413PayloadTooLarge);
            await using var content = file.OpenReadStream();
            view = await store.AddAsync(id, content, file.FileName, version, ct);
        }
        else
        {
            if (http.ContentLength > store.MaxBytes)
                throw new BadHttpRequestException($"The file is {http.ContentLength} bytes; the limit is {store.MaxBytes} (10 MiB).", StatusCodes.Status413PayloadTooLarge);
            view = await store.AddAsync(id, http.Body, fileName, version, ct);
        }
        return TypedResults.Created(view.Href, view);
    }

    public static async Task<FileStreamHttpResult> DownloadAttachment(
        Guid id, Guid attachmentId, Crm.AfterSales.Infrastructure.AfterSalesDbContext db, AttachmentStore store, HttpResponse response, CancellationToken ct)
    {
        // The complaint's branch filter decides who may read its files.
        if (!await db.Complaints.AnyAsync(c => c.Id == id, ct)) throw new NotFoundException("complaint", id);
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.ComplaintId == id, ct)
            ?? throw new NotFoundException("attachment", attachmentId);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Digest"] = $"sha-256={Convert.ToBase64String(Convert.FromHexString(attachment.Sha256))}";
        return TypedResults.File(store.Open(attachment), attachment.ContentType, attachment.FileName);
    }

    private static Ok<ComplaintView> Tagged(HttpResponse response, ComplaintView view)
    {
        response.Headers.ETag = $"\"{view.Version}\"";
        return TypedResults.Ok(view);
    }
}
