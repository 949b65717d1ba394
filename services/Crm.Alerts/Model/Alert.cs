using Crm.Alerts.Model.Rules;

namespace Crm.Alerts.Model;

/// <summary>raised (已预警) → acknowledged (已确认) → resolved (已解决).</summary>
public enum AlertState
{
    Raised,
    Acknowledged,
    Resolved,
}

public enum TimelineKind
{
    Raised,
    EvidenceAdded,
    Reassigned,
    Escalated,
    Acknowledged,
    Resolved,
}

/// <summary>A figure that tripped the rule, the event behind it, and when the alert took it in.</summary>
public sealed class Evidence
{
    private Evidence() { }

    internal Evidence(Figure figure, DateTimeOffset observedAt)
    {
        Name = figure.Name;
        Value = figure.Value;
        EventId = figure.EventId;
        ObservedAt = observedAt;
    }

    public string Name { get; private set; } = "";
    public string Value { get; private set; } = "";
    public Guid? EventId { get; private set; }
    public DateTimeOffset ObservedAt { get; private set; }
}

/// <summary>One step of an alert's life: who did what, when.</summary>
public sealed class TimelineEntry
{
    private TimelineEntry() { }

    internal TimelineEntry(DateTimeOffset at, TimelineKind kind, string by, string? note)
    {
        At = at;
        Kind = kind;
        By = by;
        Note = note;
    }

    public DateTimeOffset At { get; private set; }
    public TimelineKind Kind { get; private set; }
    public string By { get; private set; } = "";
    public string? Note { get; private set; }
}

/// <summary>Who must act: a person, or (escalated with no one named) a role of the branch.</summary>
public sealed record Assignee(string? UserId, string? Role)
{
    public static Assignee Person(string userId) => new(userId, null);

    public static Assignee ToRole(string role) => new(null, role);

    public override string ToString() => UserId ?? $"role:{Role}";
}

/// <summary>What changed on an alert in this unit of work, for the metrics once it is committed.</summary>
public enum AlertChange
{
    Raised,
    EvidenceAdded,
    Acknowledged,
    Escalated,
    ResolvedByPerson,
    ResolvedAutomatically,
}

/// <summary>
/// An early-warning alert (预警): one rule tripped for one customer. It names the rule version and thresholds that
/// decided, the evidence (figures and the events behind them), who must act, and its timeline. There is at most one
/// open alert per rule and customer: new evidence goes to it. It resolves by a person with a cause and an action, or
/// by itself when its condition clears.
/// </summary>
public sealed class Alert : IBranchOwned, IAboutCustomer
{
    public const int CauseMaxLength = 1000;
    public const int ActionMaxLength = 1000;
    public const int NoteMaxLength = 1000;
    public const string SystemActor = "system";

    private readonly List<Evidence> _evidence = [];
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<AlertChange> _changes = [];

    private Alert() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public string Rule { get; private set; } = "";
    public int RuleVersion { get; private set; }
    public IReadOnlyDictionary<string, decimal> Thresholds { get; private set; } = new Dictionary<string, decimal>();
    public string Summary { get; private set; } = "";
    public AlertState State { get; private set; }

    public string? AssigneeId { get; private set; }
    /// <summary>Set when the alert is assigned to a role of the branch instead of a person.</summary>
    public string? AssigneeRole { get; private set; }
    public bool Escalated { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public string? Cause { get; private set; }
    public string? Action { get; private set; }
    public bool ResolvedAutomatically { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<Evidence> Evidence => _evidence;
    public IReadOnlyList<TimelineEntry> Timeline => _timeline;

    public bool IsOpen => State != AlertState.Resolved;
    public Assignee Assignee => new(AssigneeId, AssigneeRole);

    public static Alert Raise(
        Customer customer, string rule, int ruleVersion, IReadOnlyDictionary<string, decimal> thresholds,
        RuleOutcome.Trip trip, Assignee assignee, DateTimeOffset now, bool escalated = false)
    {
        var alert = new Alert
        {
            Id = Guid.CreateVersion7(now),
            BranchId = customer.BranchId,
            CustomerId = customer.Id,
            Rule = rule,
            RuleVersion = ruleVersion,
            Thresholds = thresholds.ToDictionary(StringComparer.Ordinal),
            Summary = trip.Summary,
            State = AlertState.Raised,
            AssigneeId = assignee.UserId,
            AssigneeRole = assignee.Role,
            Escalated = escalated,
            RaisedAt = now,
            Version = 1,
        };
        alert._evidence.AddRange(trip.Evidence.Select(f => new Evidence(f, now)));
        alert._timeline.Add(new TimelineEntry(now, TimelineKind.Raised, SystemActor, trip.Summary));
        if (escalated)
            alert._timeline.Add(new TimelineEntry(now, TimelineKind.Escalated, SystemActor, $"Raised straight to {assignee}: the condition is itself an escalation (直接升级)."));
        alert._changes.Add(AlertChange.Raised);
        return alert;
    }

    /// <summary>
    /// Takes in a new evaluation that tripped the rule again. Only evidence naming an event the alert does not hold
    /// yet is news: a redelivered or a late older event, or the schedule finding the same facts, adds nothing. Of the
    /// news, the figures of events already held are not repeated (a rule that lists every open finding, such as every
    /// sale without a contract, adds only the new ones).
    /// </summary>
    public bool AddEvidence(RuleOutcome.Trip trip, DateTimeOffset now)
    {
        EnsureOpen("add evidence to");
        if (Holds(trip)) return false;
        var known = KnownEventIds();
        _evidence.AddRange(trip.Evidence.Where(f => f.EventId is not { } id || !known.Contains(id)).Select(f => new Evidence(f, now)));
        _timeline.Add(new TimelineEntry(now, TimelineKind.EvidenceAdded, SystemActor, trip.Summary));
        Summary = trip.Summary;
        _changes.Add(AlertChange.EvidenceAdded);
        Version++;
        return true;
    }

    /// <summary>True when every event behind this evidence is already part of the alert's evidence.</summary>
    public bool Holds(RuleOutcome.Trip trip)
    {
        var known = KnownEventIds();
        return trip.EventIds.All(known.Contains);
    }

    private HashSet<Guid> KnownEventIds() => _evidence.Where(e => e.EventId is not null).Select(e => e.EventId!.Value).ToHashSet();

    public void Acknowledge(string by, DateTimeOffset now, string? note)
    {
        if (State != AlertState.Raised)
            throw new ConflictException($"The alert is {StateName} and can no longer be acknowledged.", "Wrong state.");
        State = AlertState.Acknowledged;
        AcknowledgedAt = now;
        AcknowledgedBy = by;
        _timeline.Add(new TimelineEntry(now, TimelineKind.Acknowledged, by, note));
        _changes.Add(AlertChange.Acknowledged);
        Version++;
    }

    public void Resolve(string by, DateTimeOffset now, string cause, string action)
    {
        EnsureOpen("resolve");
        var errors = new ValidationErrors()
            .Required("cause", cause, CauseMaxLength)
            .Required("action", action, ActionMaxLength);
        errors.ThrowIfAny();
        Close(by, now, cause.Trim(), action.Trim(), automatic: false);
    }

    /// <summary>The condition cleared (a payment brought the balance under the limit…): the alert resolves itself.</summary>
    public void ResolveAutomatically(DateTimeOffset now, string cause)
    {
        EnsureOpen("resolve");
        Close(SystemActor, now, cause, "None needed: the condition cleared (条件已消除).", automatic: true);
    }

    /// <summary>Nobody acknowledged it in time: it goes to the escalation assignee.</summary>
    public void Escalate(Assignee to, DateTimeOffset now)
    {
        if (State != AlertState.Raised || Escalated)
            throw new ConflictException($"The alert is {StateName}{(Escalated ? " and escalated already" : "")}; only a raised alert escalates.", "Wrong state.");
        var from = Assignee;
        AssigneeId = to.UserId;
        AssigneeRole = to.Role;
        Escalated = true;
        _timeline.Add(new TimelineEntry(now, TimelineKind.Escalated, SystemActor,
            $"Not acknowledged since {RaisedAt:O}; reassigned from {from} to {to} (升级)."));
        _changes.Add(AlertChange.Escalated);
        Version++;
    }

    /// <summary>The customer's owner changed, or became known: an open alert that was not escalated follows the owner.</summary>
    public bool FollowOwner(string ownerId, DateTimeOffset now)
    {
        if (!IsOpen || Escalated || string.IsNullOrEmpty(ownerId) || AssigneeId == ownerId) return false;
        var from = Assignee;
        AssigneeId = ownerId;
        AssigneeRole = null;
        _timeline.Add(new TimelineEntry(now, TimelineKind.Reassigned, SystemActor, $"Reassigned from {from} to the owner {ownerId}."));
        Version++;
        return true;
    }

    /// <summary>The changes since the last call, for the metrics of a committed unit of work.</summary>
    public IReadOnlyList<AlertChange> TakeChanges()
    {
        var changes = _changes.ToList();
        _changes.Clear();
        return changes;
    }

    private void Close(string by, DateTimeOffset now, string cause, string action, bool automatic)
    {
        State = AlertState.Resolved;
        ResolvedAt = now;
        ResolvedBy = by;
        Cause = cause;
        Action = action;
        ResolvedAutomatically = automatic;
        _timeline.Add(new TimelineEntry(now, TimelineKind.Resolved, by, $"Cause: {cause} Action: {action}"));
        _changes.Add(automatic ? AlertChange.ResolvedAutomatically : AlertChange.ResolvedByPerson);
        Version++;
    }

    private void EnsureOpen(string action)
    {
        if (!IsOpen) throw new ConflictException($"The alert is resolved already; you cannot {action} it.", "Wrong state.");
    }

    private string StateName => State.ToString().ToLowerInvariant();
}
