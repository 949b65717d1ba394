using Crm.Messaging.Outbox;

namespace Crm.Customers.Services;

public sealed record VisitPlanQuery(
    string? VisitorId, Guid? CustomerId, string? Route, DateOnly? On, DateOnly? From, DateOnly? To, string? State, string? Kind,
    int? Page, int? PageSize);

public sealed record VisitPlanResponse(
    Guid Id, Guid CustomerId, string CustomerName, DateOnly PlannedOn, VisitPlanKind Kind, string? Route, int? Sequence, string VisitorId,
    string? VisitorName, string? Purpose, string OwnerId, string PlannedBy, DateTimeOffset PlannedAt, VisitPlanState State, Guid? VisitId,
    DateTimeOffset? ClosedAt, long Version)
{
    /// <summary>The state as of today: a planned visit whose day passed is missed even before the daily sweep marks it.</summary>
    public static VisitPlanResponse From(VisitPlan p, DateOnly today) => new(
        p.Id, p.CustomerId, p.CustomerName, p.PlannedOn, p.Kind, p.Route, p.Sequence, p.VisitorId, p.VisitorName, p.Purpose, p.OwnerId,
        p.PlannedBy, p.PlannedAt, p.State == VisitPlanState.Planned && p.PlannedOn < today ? VisitPlanState.Missed : p.State, p.VisitId,
        p.ClosedAt, p.Version);
}

/// <summary>A page of plans with the count of missed ones among all that match (未完成拜访).</summary>
public sealed record VisitPlanPage(IReadOnlyList<VisitPlanResponse> Items, int Total, int Page, int PageSize, int Missed, int Done, int Planned);

/// <summary>
/// Visit plans (拜访计划): a rep plans visits to their own customers; a manager plans visits for a rep and executive
/// visits (高层拜访) to key customers (核心/重要 or grade A). A visit recorded by the visitor for the customer on the day
/// closes the plan; the daily sweep marks the days that passed without one missed.
/// </summary>
public sealed class VisitPlans(CustomersDbContext db, CustomerAccess access, BusinessCalendar calendar, TimeProvider clock, FieldWorkMetrics metrics)
{
    public const string KeyCustomerRule = "executive-visit-key-customer";
    public const int MaxStops = 100;

    public async Task<IReadOnlyList<VisitPlan>> PlanAsync(PlanVisitsRequest request, CancellationToken cancellationToken)
    {
        var user = access.User;
        var today = calendar.Today;
        var kind = request.Kind ?? VisitPlanKind.Visit;
        var stops = request.Stops is { Count: > 0 } ? request.Stops
            : request.CustomerId is not null ? [new VisitStopInput(request.CustomerId, request.Sequence, request.Purpose)]
            : [];
        var errors = VisitPlan.ValidatePlannedOn(new ValidationErrors().Required("plannedOn", request.PlannedOn), request.PlannedOn, today)
            .MaxLength("route", request.Route, CustomerProfile.RouteMaxLength)
            .MaxLength("visitorId", request.VisitorId, 100)
            .MaxLength("visitorName", request.VisitorName, 100)
            .When(stops.Count == 0, "customerId", "Name the customer (customerId) or the route's stops (stops).")
            .When(stops.Count > MaxStops, "stops", $"At most {MaxStops} stops a day.");
        for (var i = 0; i < stops.Count; i++)
        {
            var field = request.Stops is { Count: > 0 } ? $"stops[{i}]." : "";
            errors
                .Required(field + "customerId", stops[i].CustomerId)
                .When(stops[i].Sequence is < 1 or > 999, field + "sequence", "sequence (路序) is between 1 and 999.")
                .MaxLength(field + "purpose", stops[i].Purpose, VisitPlan.PurposeMaxLength);
        }
        errors.When(stops.Select(s => s.CustomerId).Distinct().Count() < stops.Count, "stops", "A customer appears twice in the day's stops.")
            .ThrowIfAny();

        var isManager = access.IsManager;
        var visitorId = CustomerCardFields.Clean(request.VisitorId) ?? user.Id;
        if (!isManager)
        {
            if (kind == VisitPlanKind.ExecutiveVisit)
                throw new ForbiddenException("Executive visits (高层拜访) are planned by managers.");
            if (visitorId != user.Id)
                throw new ForbiddenException("A sales rep plans their own visits; a manager may plan visits for a rep.");
        }
        var visitorName = CustomerCardFields.Clean(request.VisitorName) ?? (visitorId == user.Id ? user.Name : null);

        var ids = stops.Select(s => s.CustomerId!.Value).ToList();
        var customers = await db.Customers.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var day = request.PlannedOn!.Value;
        var taken = await db.VisitPlans.AsNoTracking()
            .Where(p => ids.Contains(p.CustomerId) && p.PlannedOn == day && p.VisitorId == visitorId)
            .Select(p => p.CustomerId).ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var plans = new List<VisitPlan>();
        for (var i = 0; i < stops.Count; i++)
        {
            var stop = stops[i];
            var customer = customers.GetValueOrDefault(stop.CustomerId!.Value) ?? throw new NotFoundException("customer", stop.CustomerId!.Value);
            if (!isManager && customer.OwnerId != user.Id)
                throw new ForbiddenException($"A sales rep plans visits to their own customers; {customer.Code} belongs to {customer.OwnerId}.");
            if (kind == VisitPlanKind.ExecutiveVisit && !IsKeyCustomer(customer))
                throw new BusinessRuleException(KeyCustomerRule,
                    $"高层拜访只针对大客户 / Executive visits are planned for key customers (核心/重要 or grade A); {customer.Code} is {ApiNames.Of(customer.Category)}, grade {customer.Grade ?? "none"}");
            if (taken.Contains(customer.Id))
                throw new ConflictException($"{visitorId} already has a visit to {customer.Code} planned on {day:yyyy-MM-dd}.", "Already planned.");
            var sequence = stop.Sequence ?? (request.Stops is { Count: > 0 } ? i + 1 : null);
            var plan = VisitPlan.Plan(customer, day, kind, CustomerCardFields.Clean(request.Route), sequence, visitorId, visitorName,
                CustomerCardFields.Clean(stop.Purpose), access.Actor, now);
            db.VisitPlans.Add(plan);
            db.AddIntegrationEvent(FieldWorkIntegrationEvents.Planned(plan, now), clock);
            plans.Add(plan);
        }
        await db.SaveChangesAsync(cancellationToken);
        metrics.VisitPlanned(ApiNames.Of(kind), plans.Count);
        return plans;
    }

    /// <summary>Key customers (大客户) for executive visits: core or important (核心/重要), or graded A.</summary>
    public static bool IsKeyCustomer(Customer customer) =>
        customer.Category is CustomerCategory.Core or CustomerCategory.Important || customer.Grade == "A";

    /// <summary>The visitor's plan that a visit to the customer on that day closes: not yet closed, even if marked missed.</summary>
    public Task<VisitPlan?> OpenPlanForAsync(Guid customerId, DateOnly on, string visitorId, CancellationToken cancellationToken) =>
        db.VisitPlans.FirstOrDefaultAsync(p => p.CustomerId == customerId && p.PlannedOn == on && p.VisitorId == visitorId
            && p.State != VisitPlanState.Done, cancellationToken);

    public async Task<VisitPlanPage> ListAsync(VisitPlanQuery query, CancellationToken cancellationToken)
    {
        var errors = PageRequest.Check(new ValidationErrors(), query.Page, query.PageSize);
        VisitPlanState? state = null;
        if (!string.IsNullOrWhiteSpace(query.State))
        {
            if (Enum.GetValues<VisitPlanState>().FirstOrDefault(s => ApiNames.Of(s) == query.State.Trim()) is var parsed
                && ApiNames.Of(parsed) == query.State.Trim()) state = parsed;
            else errors.Add("state", "state is planned, done or missed.");
        }
        VisitPlanKind? kind = null;
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            if (Enum.GetValues<VisitPlanKind>().FirstOrDefault(s => ApiNames.Of(s) == query.Kind.Trim()) is var parsed
                && ApiNames.Of(parsed) == query.Kind.Trim()) kind = parsed;
            else errors.Add("kind", "kind is visit or executive-visit.");
        }
        errors.When(query.From > query.To, "from", "from must not be after to.").ThrowIfAny();

        var plans = db.VisitPlans.AsNoTracking();
        var user = access.User;
        // A rep sees their own plans; inside sales and managers see the branch's (group roles every branch).
        var visitor = CustomerCardFields.Clean(query.VisitorId);
        if (!access.IsManager && !user.IsInRole(CrmRoles.InsideSales))
        {
            if (visitor is not null && visitor != user.Id) throw new ForbiddenException("A sales rep sees their own visit plans only.");
            visitor = user.Id;
        }
        if (visitor is not null) plans = plans.Where(p => p.VisitorId == visitor);
        if (query.CustomerId is { } customerId) plans = plans.Where(p => p.CustomerId == customerId);
        if (CustomerCardFields.Clean(query.Route) is { } route) plans = plans.Where(p => p.Route == route);
        if (query.On is { } on) plans = plans.Where(p => p.PlannedOn == on);
        if (query.From is { } from) plans = plans.Where(p => p.PlannedOn >= from);
        if (query.To is { } to) plans = plans.Where(p => p.PlannedOn <= to);
        if (kind is { } k) plans = plans.Where(p => p.Kind == k);

        var today = calendar.Today;
        var missed = plans.Where(p => p.State == VisitPlanState.Missed || (p.State == VisitPlanState.Planned && p.PlannedOn < today));
        var done = plans.Where(p => p.State == VisitPlanState.Done);
        var open = plans.Where(p => p.State == VisitPlanState.Planned && p.PlannedOn >= today);
        var counts = (Missed: await missed.CountAsync(cancellationToken), Done: await done.CountAsync(cancellationToken),
            Planned: await open.CountAsync(cancellationToken));
        var shown = state switch
        {
            VisitPlanState.Missed => missed,
            VisitPlanState.Done => done,
            VisitPlanState.Planned => open,
            _ => plans,
        };
        var page = PageRequest.From(query.Page, query.PageSize);
        var total = state switch
        {
            VisitPlanState.Missed => counts.Missed,
            VisitPlanState.Done => counts.Done,
            VisitPlanState.Planned => counts.Planned,
            _ => counts.Missed + counts.Done + counts.Planned,
        };
        var rows = await shown.OrderBy(p => p.PlannedOn).ThenBy(p => p.VisitorId).ThenBy(p => p.Route).ThenBy(p => p.Sequence).ThenBy(p => p.Id)
            .Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return new VisitPlanPage(rows.Select(p => VisitPlanResponse.From(p, today)).ToList(), total, page.Page, page.PageSize,
            counts.Missed, counts.Done, counts.Planned);
    }

    public async Task<VisitPlanResponse> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var plan = await db.VisitPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("visit plan", id);
        if (!access.IsManager && !access.User.IsInRole(CrmRoles.InsideSales) && plan.VisitorId != access.User.Id && plan.OwnerId != access.User.Id)
            throw new ForbiddenException("A sales rep sees their own visit plans and those to their customers.");
        return VisitPlanResponse.From(plan, calendar.Today);
    }
}
