using Crm.Messaging.Outbox;

namespace Crm.Alerts.Apis;

public static class AlertsApi
{
    /// <summary>Every rule name of the public contract (API.md); each has its rule class in the catalog.</summary>
    public static readonly IReadOnlySet<string> RuleNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "over-credit-limit", "progress-behind", "expense-over-budget", "churn", "major-incident", "not-contacted",
        "contract-expiring", "no-active-contract", "territory-breach", "complaint-unanswered", "grade-drop",
        "visit-missed", "follow-up-overdue",
    };

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/alerts")
            .WithTags("Alerts 预警")
            .RequireAuthorization();

        api.Get("/", ListAlerts, "Alerts of your branch, newest first (预警列表); filter by customerId, rule, state (raised, acknowledged, resolved, open), assigneeId", 400);

        api.Get("/{id:guid}", GetAlert, "An alert with its evidence, assignee and timeline (预警详情)", 404);

        api.Post("/{id:guid}/acknowledge", AcknowledgeAlert, "Take an alert in hand (确认预警): the assignee or a manager, with the version read", 400, 403, 404, 409);

        api.Post("/{id:guid}/resolve", ResolveAlert, "Resolve an alert with its cause and the action taken (解决预警: 原因, 措施)", 400, 403, 404, 409);

        return app;
    }

    public static async Task<Ok<Paged<AlertListItem>>> ListAlerts(
        [AsParameters] AlertListQuery query, AlertsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        Guid? customerId = null;
        if (!string.IsNullOrWhiteSpace(query.CustomerId))
        {
            if (Guid.TryParse(query.CustomerId, out var parsed)) customerId = parsed;
            else errors.Add("customerId", "customerId must be a customer's id (a GUID).");
        }
        errors.When(query.Rule is not null && !RuleNames.Contains(query.Rule), "rule",
            $"rule must be one of: {string.Join(", ", RuleNames.Order(StringComparer.Ordinal))}.");
        var states = StatesOf(query.State, errors);
        errors.MaxLength("assigneeId", query.AssigneeId, 100).ThrowIfAny();
        var page = PageRequest.From(query.Page, query.PageSize);

        var alerts = db.Alerts.AsNoTracking();
        if (customerId is { } customer) alerts = alerts.Where(a => a.CustomerId == customer);
        if (query.Rule is { } rule) alerts = alerts.Where(a => a.Rule == rule);
        if (states is not null) alerts = alerts.Where(a => states.Contains(a.State));
        if (!string.IsNullOrWhiteSpace(query.AssigneeId)) alerts = alerts.Where(a => a.AssigneeId == query.AssigneeId);

        var total = await alerts.CountAsync(cancellationToken);
        var items = await (
                from a in alerts
                join c in db.Customers on a.CustomerId equals c.Id into customers
                from c in customers.DefaultIfEmpty()
                orderby a.RaisedAt descending, a.Id
                select new AlertListItem(
                    a.Id, a.Rule, a.CustomerId, c == null || c.Code == "" ? null : c.Code, c == null || c.Name == "" ? null : c.Name, a.State, a.Summary,
                    a.AssigneeId ?? "role:" + a.AssigneeRole, a.AssigneeId, a.AssigneeRole, a.Escalated, a.RaisedAt, a.AcknowledgedAt,
                    a.ResolvedAt, a.RuleVersion, a.Version))
            .Skip(page.Skip)
            .Take(page.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paged<AlertListItem>.Of(items, total, page));
    }

    public static async Task<Ok<AlertDetails>> GetAlert(Guid id, AlertsDbContext db, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new NotFoundException("alert", id);
        return TypedResults.Ok(await DetailsAsync(db, alert, cancellationToken));
    }

    public static async Task<Ok<AlertDetails>> AcknowledgeAlert(
        Guid id, AcknowledgeAlertRequest? request, HttpRequest http, AlertsDbContext db, ICurrentUser user, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        new ValidationErrors().MaxLength("note", request?.Note, Alert.NoteMaxLength).ThrowIfAny();
        var expected = ExpectedVersion.From(http, request?.Version);
        var alert = await ForActionAsync(db, id, user, "acknowledge", cancellationToken);
        ExpectedVersion.Check("alert", alert.Version, expected);

        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        alert.Acknowledge(user.Id, clock.GetUtcNow(), note);
        db.AddIntegrationEvent(AlertIntegrationEvents.Acknowledged(alert, note), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await DetailsAsync(db, alert, cancellationToken));
    }

    public static async Task<Ok<AlertDetails>> ResolveAlert(
        Guid id, ResolveAlertRequest? request, HttpRequest http, AlertsDbContext db, ICurrentUser user, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Required("cause", request?.Cause, Alert.CauseMaxLength)
            .Required("action", request?.Action, Alert.ActionMaxLength)
            .ThrowIfAny();
        var expected = ExpectedVersion.From(http, request!.Version);
        var alert = await ForActionAsync(db, id, user, "resolve", cancellationToken);
        ExpectedVersion.Check("alert", alert.Version, expected);

        alert.Resolve(user.Id, clock.GetUtcNow(), request.Cause!, request.Action!);
        db.AddIntegrationEvent(AlertIntegrationEvents.Resolved(alert), clock);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await DetailsAsync(db, alert, cancellationToken));
    }

    /// <summary>The alert, if the caller may act on it: its assignee, or a manager (404 outside the caller's branch).</summary>
    private static async Task<Alert> ForActionAsync(AlertsDbContext db, Guid id, ICurrentUser user, string action, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("alert", id);
        var mayAct = user.IsInAnyRole(CrmRoles.Managers) || (alert.AssigneeId is not null && alert.AssigneeId == user.Id);
        return mayAct
            ? alert
            : throw new ForbiddenException($"Only the alert's assignee ({alert.Assignee}) or a manager may {action} it.");
    }

    private static async Task<AlertDetails> DetailsAsync(AlertsDbContext db, Alert alert, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.Id == alert.CustomerId)
            .Select(c => new { c.Code, c.Name })
            .FirstOrDefaultAsync(cancellationToken);
        // A customer seen through a sale before its registration has no code or name yet.
        return AlertDetails.From(alert, NullIfEmpty(customer?.Code), NullIfEmpty(customer?.Name));
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static AlertState[]? StatesOf(string? state, ValidationErrors errors) => state switch
    {
        null or "" => null,
        "open" => [AlertState.Raised, AlertState.Acknowledged],
        "raised" => [AlertState.Raised],
        "acknowledged" => [AlertState.Acknowledged],
        "resolved" => [AlertState.Resolved],
        _ => Invalid(errors),
    };

    private static AlertState[]? Invalid(ValidationErrors errors)
    {
        errors.Add("state", "state must be raised, acknowledged, resolved or open.");
        return null;
    }
}

public sealed record AlertListQuery(string? CustomerId, string? Rule, string? State, string? AssigneeId, int? Page, int? PageSize);

public sealed record AcknowledgeAlertRequest(long? Version, string? Note);

public sealed record ResolveAlertRequest(long? Version, string? Cause, string? Action);

/// <param name="Assignee">Who must act: the person's id, or <c>role:sales-admin-manager</c> for a role of the branch.</param>
public sealed record AlertListItem(
    Guid Id, string Rule, Guid CustomerId, string? CustomerCode, string? CustomerName, AlertState State, string Summary,
    string Assignee, string? AssigneeId, string? AssigneeRole, bool Escalated, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt, int RuleVersion, long Version);

public sealed record EvidenceItem(string Name, string Value, Guid? EventId, DateTimeOffset ObservedAt);

public sealed record TimelineItem(DateTimeOffset At, TimelineKind Kind, string By, string? Note);

/// <param name="Assignee">Who must act: the person's id, or <c>role:sales-admin-manager</c> for a role of the branch.</param>
public sealed record AlertDetails(
    Guid Id, string Rule, int RuleVersion, IReadOnlyDictionary<string, decimal> Thresholds, Guid CustomerId, string? CustomerCode,
    string? CustomerName, string BranchId, AlertState State, string Summary, IReadOnlyList<EvidenceItem> Evidence, string Assignee, string? AssigneeId,
    string? AssigneeRole, bool Escalated, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy,
    DateTimeOffset? ResolvedAt, string? ResolvedBy, string? Cause, string? Action, bool ResolvedAutomatically,
    IReadOnlyList<TimelineItem> Timeline, long Version)
{
    public static AlertDetails From(Alert a, string? customerCode, string? customerName) => new(
        a.Id, a.Rule, a.RuleVersion, a.Thresholds, a.CustomerId, customerCode, customerName, a.BranchId, a.State, a.Summary,
        [.. a.Evidence.Select(e => new EvidenceItem(e.Name, e.Value, e.EventId, e.ObservedAt))],
        a.Assignee.ToString(), a.AssigneeId, a.AssigneeRole, a.Escalated, a.RaisedAt, a.AcknowledgedAt, a.AcknowledgedBy, a.ResolvedAt, a.ResolvedBy,
        a.Cause, a.Action, a.ResolvedAutomatically,
        [.. a.Timeline.OrderBy(t => t.At).Select(t => new TimelineItem(t.At, t.Kind, t.By, t.Note))],
        a.Version);
}
