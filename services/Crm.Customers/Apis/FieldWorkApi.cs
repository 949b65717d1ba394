namespace Crm.Customers.Apis;

/// <summary>Field work (沟通体制 · 客户开发): visit plans, meetings with customers, development targets and the monthly report.</summary>
public static class FieldWorkApi
{
    private static readonly string[] Planners = [CrmRoles.SalesRep, .. CrmRoles.Managers];
    private static readonly string[] Staff = [CrmRoles.SalesRep, CrmRoles.InsideSales, .. CrmRoles.Managers];
    private static readonly string[] MeetingRecorders = [CrmRoles.SalesRep, CrmRoles.InsideSales, .. CrmRoles.Managers];

    public static IEndpointRouteBuilder MapFieldWorkApi(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("api/customers/visit-plans").WithTags("Visit plans 拜访计划").RequireAuthorization();
        plans.Post("/", PlanVisits, "Plan visits (拜访计划) for a day: one customer or a route's stops in order (路序); a rep plans their own customers, managers plan for reps and executive visits (高层拜访) to key customers → crm.visit-planned", 400, 403, 404, 409, 422).ForRoles(Planners);
        plans.Get("/", ListVisitPlans, "Visit plans: filter visitorId, customerId, route, on, from, to, kind, state (planned, done, missed 未拜访); with the counts of each state; a rep sees their own", 400, 403).ForRoles(Staff);
        plans.Get("/{planId:guid}", GetVisitPlan, "One visit plan and its state", 400, 403, 404).ForRoles(Staff);

        var meetings = app.MapGroup("api/customers/meetings").WithTags("Meetings 座谈会").RequireAuthorization();
        meetings.Post("/", RecordMeeting, "Record a meeting with customers (座谈会): customers present, minutes (纪要), follow-up actions with owners and due dates", 400, 422).ForRoles(MeetingRecorders);
        meetings.Get("/", ListMeetings, "Meetings, newest first: filter customerId, actionOwnerId, from, to, overdue (an action past its due date)", 400, 403).ForRoles(Staff);
        meetings.Get("/{meetingId:guid}", GetMeeting, "A meeting with its customers, minutes and actions", 400, 403, 404).ForRoles(Staff);
        meetings.Post("/{meetingId:guid}/actions/{actionId:guid}/complete", CompleteMeetingAction, "Complete a follow-up action (完成跟进事项) by its owner or a manager, with its version: completedOn, outcome", 400, 403, 404, 409).ForRoles(Staff);

        var targets = app.MapGroup("api/customers").WithTags("Development targets 客户开发目标").RequireAuthorization();
        targets.Put("/development-targets/{ownerId}/{month}", SetDevelopmentTarget, "Set a rep's development target for a month (客户开发目标): newCustomers, note; version (0 or none the first time)", 400, 403, 409).ForRoles(CrmRoles.Managers);
        targets.Get("/development-targets/{ownerId}/{month}", GetDevelopmentTarget, "A rep's target and progress (开发进度) from the development applications approved in the month; a rep sees their own", 400, 403, 404).ForRoles(Staff);
        targets.Get("/development-report", GetDevelopmentReport, "The monthly development report per rep (客户开发月报) for the marketing manager: target, applications, visits; ?month=yyyy-MM; CSV with ?format=csv or Accept: text/csv", 400).ForRoles(CrmRoles.Managers)
            .Produces<DevelopmentReport>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return app;
    }

    public static async Task<Created<VisitPlanPage>> PlanVisits(
        PlanVisitsRequest request, VisitPlans plans, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var created = await plans.PlanAsync(request, cancellationToken);
        var today = calendar.Today;
        var items = created.Select(p => VisitPlanResponse.From(p, today)).ToList();
        return TypedResults.Created($"/api/customers/visit-plans/{created[0].Id}",
            new VisitPlanPage(items, items.Count, 1, items.Count, 0, 0, items.Count));
    }

    public static async Task<Ok<VisitPlanPage>> ListVisitPlans(
        [AsParameters] VisitPlanQuery query, VisitPlans plans, CancellationToken cancellationToken) =>
        TypedResults.Ok(await plans.ListAsync(query, cancellationToken));

    public static async Task<Ok<VisitPlanResponse>> GetVisitPlan(Guid planId, VisitPlans plans, CancellationToken cancellationToken) =>
        TypedResults.Ok(await plans.GetAsync(planId, cancellationToken));

    public static async Task<Created<MeetingResponse>> RecordMeeting(
        RecordMeetingRequest request, Meetings meetings, CancellationToken cancellationToken)
    {
        var meeting = await meetings.RecordAsync(request, cancellationToken);
        return TypedResults.Created($"/api/customers/meetings/{meeting.Id}", meeting);
    }

    public static async Task<Ok<Paged<MeetingResponse>>> ListMeetings(
        [AsParameters] MeetingQuery query, Meetings meetings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await meetings.ListAsync(query, cancellationToken));

    public static async Task<Ok<MeetingResponse>> GetMeeting(Guid meetingId, Meetings meetings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await meetings.GetAsync(meetingId, cancellationToken));

    public static async Task<Ok<MeetingActionResponse>> CompleteMeetingAction(
        Guid meetingId, Guid actionId, CompleteActionRequest request, HttpRequest http, Meetings meetings, CancellationToken cancellationToken)
    {
        var version = ExpectedVersion.From(http, request.Version);
        return TypedResults.Ok(await meetings.CompleteActionAsync(meetingId, actionId, request, version, cancellationToken));
    }

    public static async Task<Ok<DevelopmentTargetResponse>> SetDevelopmentTarget(
        string ownerId, string month, DevelopmentTargetRequest request, HttpRequest http, DevelopmentTargets targets, CancellationToken cancellationToken)
    {
        var version = ExpectedVersion.FromOptional(http, request.Version);
        return TypedResults.Ok(await targets.SetAsync(ownerId, month, request, version, cancellationToken));
    }

    public static async Task<Ok<DevelopmentTargetResponse>> GetDevelopmentTarget(
        string ownerId, string month, DevelopmentTargets targets, CancellationToken cancellationToken) =>
        TypedResults.Ok(await targets.GetAsync(ownerId, month, cancellationToken));

    public static async Task<IResult> GetDevelopmentReport(
        string? month, string? branch, string? format, HttpRequest http, DevelopmentTargets targets, CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "csv")) throw new RequestValidationException("format", "format is json (the default) or csv.");
        var report = await targets.ReportAsync(month, branch, cancellationToken);
        var csv = format == "csv" || (format is null && http.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));
        return csv
            ? TypedResults.File(DevelopmentTargets.Csv(report), "text/csv; charset=utf-8", $"development-report-{report.Month}.csv")
            : TypedResults.Ok(report);
    }
}
