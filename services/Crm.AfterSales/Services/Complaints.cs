using Crm.Messaging.Outbox;

namespace Crm.AfterSales.Services;

/// <summary>The complaint procedure: each step loads the complaint, lets the model decide, and saves it with its event.</summary>
public sealed class Complaints(AfterSalesDbContext db, SettingsReader settings, ICurrentUser user, TimeProvider clock, AfterSalesTelemetry telemetry)
{
    public async Task<ComplaintView> OpenAsync(OpenComplaintRequest request, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.CustomerId, cancellationToken)
            ?? throw new NotFoundException("customer", request.CustomerId!.Value);
        var now = clock.GetUtcNow();
        var branch = await settings.ForBranchAsync(customer.BranchId, cancellationToken);
        var severity = request.Severity ?? Severity.Medium;
        var complaint = Complaint.Receive(customer.Id, customer.BranchId, customer.Region, request.Subject!, request.Description!,
            request.Product, request.Batch, severity, branch.TargetForUnassessed(severity), user, now);
        db.Complaints.Add(complaint);
        db.AddIntegrationEvent(new ComplaintOpened
        {
            ComplaintId = complaint.Id,
            Subject = complaint.Subject,
            Product = complaint.Product,
            Severity = ApiNames.Of(complaint.Severity),
            OpenedBy = complaint.OpenedBy,
            FirstResponseDue = complaint.FirstResponseDue,
            ResolveDue = complaint.ResolveDue,
        }.About(complaint.BranchId, complaint.CustomerId, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        telemetry.Opened(complaint.Severity);
        return ComplaintView.From(complaint, customer);
    }

    public async Task<ComplaintView> AssessAsync(Guid id, AssessRequest request, long version, CancellationToken cancellationToken)
    {
        var complaint = await ForUpdateAsync(id, version, cancellationToken);
        var branch = await settings.ForBranchAsync(complaint.BranchId, cancellationToken);
        var now = clock.GetUtcNow();
        var first = complaint.Assess(request.Category!.Value, request.Finding!, request.Severity ?? complaint.Severity, request.RootCause,
            request.CorrectiveAction, branch.TargetFor, user, now);
        if (first)
            db.AddIntegrationEvent(new ComplaintAnswered
            {
                ComplaintId = complaint.Id,
                Category = ApiNames.Of(complaint.Category!.Value),
                Severity = ApiNames.Of(complaint.Severity),
                ResolveDue = complaint.ResolveDue,
            }.About(complaint.BranchId, complaint.CustomerId, now), clock);
        return await SaveAsync(complaint, cancellationToken);
    }

    public async Task<ComplaintView> ProposeAsync(Guid id, ResolutionInput resolution, long version, CancellationToken cancellationToken)
    {
        var complaint = await ForUpdateAsync(id, version, cancellationToken);
        complaint.Propose(resolution.Kind!.Value, resolution.Detail!, resolution.Amount, user, clock.GetUtcNow());
        return await SaveAsync(complaint, cancellationToken);
    }

    public async Task<ComplaintView> StepAsync(Guid id, long version, Action<Complaint, DateTimeOffset> step, CancellationToken cancellationToken)
    {
        var complaint = await ForUpdateAsync(id, version, cancellationToken);
        step(complaint, clock.GetUtcNow());
        return await SaveAsync(complaint, cancellationToken);
    }

    public Task<ComplaintView> SignOffAsync(Guid id, string? comment, long version, CancellationToken cancellationToken) =>
        StepAsync(id, version, (c, now) => c.SignOff(comment, user, now), cancellationToken);

    public Task<ComplaintView> SendBackAsync(Guid id, string reason, long version, CancellationToken cancellationToken) =>
        StepAsync(id, version, (c, now) => c.SendBack(reason, user, now), cancellationToken);

    public Task<ComplaintView> CustomerResponseAsync(Guid id, bool satisfied, string? comment, long version, CancellationToken cancellationToken) =>
        StepAsync(id, version, (c, now) => c.RecordCustomerResponse(satisfied, comment, user, now), cancellationToken);

    public Task<ComplaintView> PauseAsync(Guid id, string reason, long version, CancellationToken cancellationToken) =>
        StepAsync(id, version, (c, now) => c.Pause(reason, user, now), cancellationToken);

    public Task<ComplaintView> ResumeAsync(Guid id, string reason, long version, CancellationToken cancellationToken) =>
        StepAsync(id, version, (c, now) => c.Resume(reason, user, now), cancellationToken);

    public Task<ComplaintView> CompleteAsync(Guid id, string? comment, long version, CancellationToken cancellationToken) =>
        CloseAsync(id, version, (c, now) => c.Complete(comment, user, now), cancellationToken);

    public async Task<ComplaintView> EscalateAsync(Guid id, EscalateRequest request, long version, CancellationToken cancellationToken)
    {
        var complaint = await ForUpdateAsync(id, version, cancellationToken);
        var now = clock.GetUtcNow();
        complaint.Escalate(request.CaseNumber!, request.Court!, request.Reason, user, now);
        db.AddIntegrationEvent(new ComplaintEscalated
        {
            ComplaintId = complaint.Id,
            CaseNumber = complaint.CaseNumber!,
            Court = complaint.Court!,
            Reason = request.Reason?.Trim() ?? complaint.CustomerComment ?? "",
            EscalatedBy = user.Id,
        }.About(complaint.BranchId, complaint.CustomerId, now), clock);
        return await SaveAsync(complaint, cancellationToken);
    }

    public Task<ComplaintView> LitigationOutcomeAsync(Guid id, string outcome, long version, CancellationToken cancellationToken) =>
        CloseAsync(id, version, (c, now) => c.RecordLitigationOutcome(outcome, user, now), cancellationToken);

    /// <summary>A step that closes the complaint: staged with <c>crm.complaint-resolved</c>, counted once saved.</summary>
    private async Task<ComplaintView> CloseAsync(Guid id, long version, Action<Complaint, DateTimeOffset> close, CancellationToken cancellationToken)
    {
        var complaint = await ForUpdateAsync(id, version, cancellationToken);
        var now = clock.GetUtcNow();
        close(complaint, now);
        StageResolved(complaint, now);
        var view = await SaveAsync(complaint, cancellationToken);
        telemetry.Closed(complaint.ClosedBy!, complaint.Category);
        return view;
    }

    public async Task<ComplaintView> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking().AsSplitQuery().Include(c => c.Timeline).Include(c => c.Attachments)
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("complaint", id);
        return await ViewAsync(complaint, cancellationToken);
    }

    public async Task<Paged<ComplaintListItem>> ListAsync(ComplaintListQuery query, CancellationToken cancellationToken)
    {
        var errors = PageRequest.Check(new ValidationErrors(), query.Page, query.PageSize);
        var state = Parse<ComplaintState>(errors, "state", query.State);
        var category = Parse<ComplaintCategory>(errors, "category", query.Category);
        errors.ThrowIfAny();
        var page = PageRequest.From(query.Page, query.PageSize);

        var complaints = db.Complaints.AsNoTracking();
        if (query.CustomerId is { } customerId) complaints = complaints.Where(c => c.CustomerId == customerId);
        if (state is { } s) complaints = complaints.Where(c => c.State == s);
        if (category is { } k) complaints = complaints.Where(c => c.Category == k);
        if (query.Breached is { } breached) complaints = complaints.Where(c => c.Breached == breached);
        var total = await complaints.CountAsync(cancellationToken);
        var items = await complaints.OrderByDescending(c => c.OpenedAt).ThenBy(c => c.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(c => new ComplaintListItem(c.Id, c.CustomerId, c.Subject, c.Product, c.Severity, c.Category, c.State, c.OpenedAt,
                c.FirstResponseDue, c.ResolveDue, c.PausedSince != null, c.Breached, c.Version))
            .ToListAsync(cancellationToken);
        return Paged<ComplaintListItem>.Of(items, total, page);
    }

    /// <summary>The complaint with its timeline and attachments, tracked; 404 outside the caller's branch; 409 when the version is stale.</summary>
    public async Task<Complaint> ForUpdateAsync(Guid id, long? version, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsSplitQuery().Include(c => c.Timeline).Include(c => c.Attachments)
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("complaint", id);
        if (version is { } expected) ExpectedVersion.Check("complaint", complaint.Version, expected);
        return complaint;
    }

    public async Task<ComplaintView> SaveAsync(Complaint complaint, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(complaint, cancellationToken);
    }

    private void StageResolved(Complaint complaint, DateTimeOffset now) => db.AddIntegrationEvent(new ComplaintResolved
    {
        ComplaintId = complaint.Id,
        Category = complaint.Category is { } category ? ApiNames.Of(category) : "",
        Severity = ApiNames.Of(complaint.Severity),
        Resolution = complaint.ClosedBy == "litigation" || complaint.ResolutionKind is null ? "" : ApiNames.Of(complaint.ResolutionKind.Value),
        ClosedBy = complaint.ClosedBy!,
        RootCause = complaint.RootCause is { } cause ? ApiNames.Of(cause) : null,
        Product = complaint.Product,
        OpenedAt = complaint.OpenedAt,
        ServiceLevelMet = complaint.ServiceLevelMet ?? false,
    }.About(complaint.BranchId, complaint.CustomerId, now), clock);

    private async Task<ComplaintView> ViewAsync(Complaint complaint, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == complaint.CustomerId, cancellationToken);
        return ComplaintView.From(complaint, customer);
    }

    public static T? Parse<T>(ValidationErrors errors, string field, string? text) where T : struct, Enum
    {
        if (text is null) return null;
        foreach (var value in Enum.GetValues<T>())
            if (ApiNames.Of(value) == text) return value;
        errors.Add(field, $"{field} is one of: {string.Join(", ", Enum.GetValues<T>().Select(v => ApiNames.Of(v)))}.");
        return null;
    }
}
