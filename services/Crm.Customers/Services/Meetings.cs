namespace Crm.Customers.Services;

public sealed record MeetingQuery(Guid? CustomerId, string? ActionOwnerId, DateOnly? From, DateOnly? To, bool? Overdue, int? Page, int? PageSize);

public sealed record MeetingActionResponse(
    Guid Id, Guid CustomerId, string Description, string OwnerId, DateOnly DueOn, DateOnly? CompletedOn, string? CompletedBy,
    string? Outcome, bool Overdue, long Version)
{
    public static MeetingActionResponse From(MeetingAction a, DateOnly today) =>
        new(a.Id, a.CustomerId, a.Description, a.OwnerId, a.DueOn, a.CompletedOn, a.CompletedBy, a.Outcome, a.IsOverdue(today), a.Version);
}

public sealed record MeetingCustomer(Guid Id, string Code, string Name);

public sealed record MeetingResponse(
    Guid Id, DateOnly HeldOn, string Title, string? Location, string Minutes, IReadOnlyList<MeetingCustomer> Customers,
    IReadOnlyList<string> Attendees, IReadOnlyList<MeetingActionResponse> Actions, string RecordedBy, DateTimeOffset RecordedAt, long Version);

/// <summary>
/// Meetings with customers (座谈会): the customers present (of the caller's branch), the minutes, and the follow-up
/// actions with their owners and due dates. Actions are completed by their owner or a manager; the daily sweep
/// publishes each one that passed its due date undone, once.
/// </summary>
public sealed class Meetings(CustomersDbContext db, CustomerAccess access, BusinessCalendar calendar, TimeProvider clock, FieldWorkMetrics metrics)
{
    public const string CustomersInBranchRule = "meeting-customers-in-branch";

    public async Task<MeetingResponse> RecordAsync(RecordMeetingRequest request, CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var customerIds = (request.CustomerIds ?? []).Distinct().ToList();
        var attendees = (request.Attendees ?? []).Select(a => a?.Trim() ?? "").ToList();
        var actions = request.Actions ?? [];
        var errors = Meeting.ValidateHeldOn(new ValidationErrors().Required("heldOn", request.HeldOn), request.HeldOn, today)
            .Required("title", request.Title, Meeting.TitleMaxLength)
            .MaxLength("location", request.Location, CustomerProfile.AddressMaxLength)
            .Required("minutes", request.Minutes, Meeting.MinutesMaxLength)
            .When(customerIds.Count == 0, "customerIds", "Name the customers present (出席客户).")
            .When(customerIds.Count > Meeting.MaxCustomers, "customerIds", $"At most {Meeting.MaxCustomers} customers.")
            .When(attendees.Count > Meeting.MaxCustomers, "attendees", $"At most {Meeting.MaxCustomers} attendees.")
            .When(attendees.Any(a => a.Length is 0 or > 100), "attendees", "Each attendee is a user id of 1 to 100 characters.")
            .When(actions.Count > Meeting.MaxActions, "actions", $"At most {Meeting.MaxActions} actions.");
        for (var i = 0; i < actions.Count; i++)
        {
            var a = actions[i];
            errors
                .Required($"actions[{i}].description", a.Description, MeetingAction.DescriptionMaxLength)
                .Required($"actions[{i}].ownerId", a.OwnerId, 100)
                .Required($"actions[{i}].dueOn", a.DueOn)
                .When(a.DueOn < request.HeldOn, $"actions[{i}].dueOn", "dueOn cannot be before the meeting.")
                .When(a.CustomerId is { } c && !customerIds.Contains(c), $"actions[{i}].customerId", "An action's customer is one of the customers present.");
        }
        errors.ThrowIfAny();

        var found = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .Select(c => new { c.Id, c.BranchId, c.Code, c.Name }).ToListAsync(cancellationToken);
        var branch = access.User.BranchId;
        var missing = customerIds.Where(id => !found.Any(c => c.Id == id && c.BranchId == branch)).ToList();
        if (missing.Count > 0)
            throw new BusinessRuleException(CustomersInBranchRule,
                $"座谈会的出席客户须为本分公司客户 / These customers are not files of your branch: {string.Join(", ", missing)}");

        var now = clock.GetUtcNow();
        var meeting = Meeting.Record(branch, request.HeldOn!.Value, request.Title!.Trim(), CustomerCardFields.Clean(request.Location),
            request.Minutes!.Trim(), customerIds, attendees,
            actions.Select(a => (a.Description!.Trim(), a.OwnerId!.Trim(), a.DueOn!.Value, a.CustomerId)).ToList(), access.Actor, now);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(cancellationToken);
        metrics.Meeting();
        return Response(meeting, found.Select(c => new MeetingCustomer(c.Id, c.Code, c.Name)).ToList(), today);
    }

    public async Task<MeetingResponse> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Actions).FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new NotFoundException("meeting", id);
        return Response(meeting, await CustomersOfAsync([meeting], cancellationToken), calendar.Today);
    }

    public async Task<Paged<MeetingResponse>> ListAsync(MeetingQuery query, CancellationToken cancellationToken)
    {
        PageRequest.Check(new ValidationErrors(), query.Page, query.PageSize)
            .When(query.From > query.To, "from", "from must not be after to.")
            .ThrowIfAny();
        var page = PageRequest.From(query.Page, query.PageSize);
        var today = calendar.Today;
        var meetings = db.Meetings.AsNoTracking();
        if (query.From is { } from) meetings = meetings.Where(m => m.HeldOn >= from);
        if (query.To is { } to) meetings = meetings.Where(m => m.HeldOn <= to);
        if (CustomerCardFields.Clean(query.ActionOwnerId) is { } owner)
            meetings = meetings.Where(m => m.Actions.Any(a => a.OwnerId == owner));
        if (query.Overdue is true)
            meetings = meetings.Where(m => m.Actions.Any(a => a.CompletedOn == null && a.DueOn < today));

        // Customers present are a JSON list: a customer's meetings are narrowed in memory, from its actions' meetings and the rest.
        List<Meeting> rows;
        int total;
        if (query.CustomerId is { } customerId)
        {
            var all = await meetings.Include(m => m.Actions).OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Id).ToListAsync(cancellationToken);
            var matching = all.Where(m => m.CustomerIds.Contains(customerId)).ToList();
            total = matching.Count;
            rows = matching.Skip(page.Skip).Take(page.PageSize).ToList();
        }
        else
        {
            total = await meetings.CountAsync(cancellationToken);
            rows = await meetings.Include(m => m.Actions).OrderByDescending(m => m.HeldOn).ThenByDescending(m => m.Id)
                .Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        }
        var customers = await CustomersOfAsync(rows, cancellationToken);
        return Paged<MeetingResponse>.Of(rows.Select(m => Response(m, customers, today)).ToList(), total, page);
    }

    public async Task<MeetingActionResponse> CompleteActionAsync(Guid meetingId, Guid actionId, CompleteActionRequest request, long version, CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        MeetingAction.ValidateCompletedOn(new ValidationErrors(), request.CompletedOn, today)
            .MaxLength("outcome", request.Outcome, MeetingAction.DescriptionMaxLength)
            .ThrowIfAny();
        var action = await db.MeetingActions.FirstOrDefaultAsync(a => a.Id == actionId && a.MeetingId == meetingId, cancellationToken)
            ?? throw new NotFoundException("meeting action", actionId);
        if (action.OwnerId != access.User.Id && !access.IsManager)
            throw new ForbiddenException($"Only the action's owner ({action.OwnerId}) or a manager may complete it.");
        action.Complete(request.CompletedOn ?? today, CustomerCardFields.Clean(request.Outcome), access.Actor, version);
        await db.SaveChangesAsync(cancellationToken);
        metrics.ActionCompleted();
        return MeetingActionResponse.From(action, today);
    }

    private async Task<Dictionary<Guid, MeetingCustomer>> CustomersOfAsync(IEnumerable<Meeting> meetings, CancellationToken cancellationToken)
    {
        var ids = meetings.SelectMany(m => m.CustomerIds).Distinct().ToList();
        return await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new MeetingCustomer(c.Id, c.Code, c.Name)).ToDictionaryAsync(c => c.Id, cancellationToken);
    }

    private static MeetingResponse Response(Meeting m, IReadOnlyList<MeetingCustomer> customers, DateOnly today) =>
        Response(m, customers.ToDictionary(c => c.Id), today);

    private static MeetingResponse Response(Meeting m, Dictionary<Guid, MeetingCustomer> customers, DateOnly today) => new(
        m.Id, m.HeldOn, m.Title, m.Location, m.Minutes,
        m.CustomerIds.Select(id => customers.TryGetValue(id, out var c) ? c : new MeetingCustomer(id, "", "")).ToList(),
        m.Attendees, m.Actions.OrderBy(a => a.DueOn).ThenBy(a => a.Id).Select(a => MeetingActionResponse.From(a, today)).ToList(),
        m.RecordedBy, m.RecordedAt, m.Version);
}
