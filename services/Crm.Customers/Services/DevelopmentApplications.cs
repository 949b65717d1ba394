namespace Crm.Customers.Services;

/// <summary>
/// Customer development (客户开发): a sales rep files an application for a prospect; a marketing manager of the branch
/// approves it, which opens the customer file (owner: the applicant) and publishes its events, or rejects it with a
/// reason that is kept. Duplicates are checked when filing (against customers and pending applications) and again
/// when approving (against customers registered meanwhile: the file registered first wins).
/// </summary>
public sealed class DevelopmentApplications(
    CustomersDbContext db, ICurrentUser user, CustomerAccess access, CustomerRegistration registration, BusinessCalendar calendar,
    TimeProvider clock, DuplicateDetector duplicates, CustomersMetrics metrics)
{
    public async Task<DevelopmentApplication> FileAsync(DevelopmentApplicationRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("reason", request.Reason, DevelopmentApplication.ReasonMaxLength);
        var profile = request.ToProfile(errors, calendar.Today);
        var contacts = ContactInput.ToNewContacts(request.Contacts, errors, calendar.Today);
        errors.ThrowIfAny();

        await using var transaction = await db.BeginRegistrationTransactionAsync(cancellationToken);
        var candidates = (await duplicates.FindCustomersAsync(profile!.Name, profile.Region, profile.TaxNumber, null, cancellationToken))
            .Concat(await duplicates.FindPendingApplicationsAsync(profile.Name, profile.Region, profile.TaxNumber, cancellationToken))
            .ToList();
        var confirmed = duplicates.Settle(candidates, request.ConfirmNotDuplicate, request.Reason);

        var application = DevelopmentApplication.File(
            user.BranchId, profile, contacts, request.Reason!.Trim(), confirmed.Select(c => c.FileId).ToList(), access.Actor, clock.GetUtcNow());
        db.DevelopmentApplications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Application("filed");
        return application;
    }

    public async Task<(DevelopmentApplication Application, Customer Customer)> ApproveAsync(
        Guid id, ApproveApplicationRequest request, CancellationToken cancellationToken)
    {
        new ValidationErrors().MaxLength("comment", request.Comment, DevelopmentApplication.ReasonMaxLength).ThrowIfAny();
        await using var transaction = await db.BeginRegistrationTransactionAsync(cancellationToken);
        var application = await LoadAsync(id, cancellationToken);
        application.EnsureDecidable(access.Actor, request.Version);

        var prospect = application.Prospect;
        var candidates = (await duplicates.FindCustomersAsync(prospect.Name, prospect.Region, prospect.TaxNumber, null, cancellationToken))
            .Where(c => !application.ConfirmedNotDuplicateOf.Contains(c.FileId))
            .ToList();
        var comment = CustomerCardFields.Clean(request.Comment);
        duplicates.Settle(candidates, request.ConfirmNotDuplicate, comment);

        var note = $"Development application {application.Id} filed by {application.FiledByName} ({application.Reason}) approved"
            + (comment is null ? "" : $": {comment}")
            + (candidates.Count > 0 ? $". {DuplicateDetector.ConfirmationNote(candidates, comment!)}" : "");
        var customer = await registration.OpenAsync(
            new NewCustomerFile(
                application.BranchId, prospect, application.Contacts, application.FiledBy, application.FiledByName,
                new Actor(application.FiledBy, application.FiledByName), CustomerRegistration.SourceDevelopmentApplication),
            access.Actor, note, cancellationToken);
        application.Approve(customer, access.Actor, comment, request.Version, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Application("approved");
        metrics.Registered(CustomerRegistration.SourceDevelopmentApplication);
        return (application, customer);
    }

    public async Task<DevelopmentApplication> RejectAsync(Guid id, RejectApplicationRequest request, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("reason", request.Reason, DevelopmentApplication.ReasonMaxLength).ThrowIfAny();
        var application = await LoadAsync(id, cancellationToken);
        application.Reject(access.Actor, request.Reason!.Trim(), request.Version, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        metrics.Application("rejected");
        return application;
    }

    /// <summary>A sales rep sees their own applications; inside sales and managers see the branch's.</summary>
    public async Task<DevelopmentApplication> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var application = await db.DevelopmentApplications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || !SeesAll && application.FiledBy != user.Id) throw new NotFoundException("development application", id);
        return application;
    }

    public async Task<Paged<DevelopmentApplication>> ListAsync(string? state, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var request = PageRequest.From(page, pageSize);
        var applications = db.DevelopmentApplications.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (!CustomerLabels.TryParse<ApplicationState>(state, out var parsed))
                throw new RequestValidationException("state", "state is one of pending, approved, rejected.");
            applications = applications.Where(a => a.State == parsed);
        }
        if (!SeesAll) applications = applications.Where(a => a.FiledBy == user.Id);
        var total = await applications.CountAsync(cancellationToken);
        var items = await applications.OrderByDescending(a => a.FiledAt).ThenByDescending(a => a.Id)
            .Skip(request.Skip).Take(request.PageSize).ToListAsync(cancellationToken);
        return Paged<DevelopmentApplication>.Of(items, total, request);
    }

    private bool SeesAll => user.IsInRole(CrmRoles.InsideSales) || user.IsInAnyRole(CrmRoles.Managers);

    private async Task<DevelopmentApplication> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        await db.DevelopmentApplications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
        ?? throw new NotFoundException("development application", id);
}
