namespace Crm.Alerts.Model;

/// <summary>
/// A complaint (客诉) as alerts knows it from the after-sales events: which service-level deadlines it missed, and
/// whether it has been answered (初步判断) or closed since. Each event sets its own facts and none undoes another's, so
/// the projection ends the same whatever order they arrive in: a breach that arrives after the answer stays answered.
/// </summary>
public sealed class Complaint : IBranchOwned, IAboutCustomer
{
    public const string FirstResponse = "first-response";
    public const string Resolution = "resolution";
    public const int SubjectMaxLength = 200;
    public const int SeverityMaxLength = 20;

    private Complaint() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public string Subject { get; private set; } = "";
    /// <summary>low, medium, high or critical, as the newest event reported it.</summary>
    public string Severity { get; private set; } = "medium";
    public DateTimeOffset? SeverityAt { get; private set; }
    public Guid? SeverityEventId { get; private set; }

    public Guid? FirstResponseBreachEventId { get; private set; }
    public DateTimeOffset? FirstResponseDueAt { get; private set; }
    public string? FirstResponseBreachState { get; private set; }

    public Guid? ResolutionBreachEventId { get; private set; }
    public DateTimeOffset? ResolutionDueAt { get; private set; }
    public string? ResolutionBreachState { get; private set; }

    public Guid? AnsweredEventId { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }

    public Guid? ResolvedEventId { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    /// <summary>customer-satisfied or litigation.</summary>
    public string? ClosedBy { get; private set; }

    /// <summary>The first-response deadline passed and nobody has answered or closed it yet.</summary>
    public bool AwaitsFirstResponse => FirstResponseBreachEventId is not null && AnsweredEventId is null && ResolvedEventId is null;

    /// <summary>The resolution deadline passed and it is not closed yet.</summary>
    public bool AwaitsResolution => ResolutionBreachEventId is not null && ResolvedEventId is null;

    public bool IsUnanswered => AwaitsFirstResponse || AwaitsResolution;

    public static Complaint FirstSeenIn(IntegrationEvent integrationEvent, Guid complaintId) => new()
    {
        Id = complaintId,
        CustomerId = integrationEvent.CustomerId,
        BranchId = integrationEvent.BranchId,
    };

    public void Breach(ComplaintSlaBreached breach)
    {
        if (!string.IsNullOrWhiteSpace(breach.Subject))
            Subject = breach.Subject.Length > SubjectMaxLength ? breach.Subject[..SubjectMaxLength] : breach.Subject;
        ObserveSeverity(breach, breach.Severity);
        if (breach.Deadline == Resolution)
        {
            if (ResolutionBreachEventId is not null) return;
            (ResolutionBreachEventId, ResolutionDueAt, ResolutionBreachState) = (breach.EventId, breach.DueAt, Cut(breach.State));
        }
        else
        {
            if (FirstResponseBreachEventId is not null) return;
            (FirstResponseBreachEventId, FirstResponseDueAt, FirstResponseBreachState) = (breach.EventId, breach.DueAt, Cut(breach.State));
        }
    }

    public void Answer(ComplaintAnswered answered)
    {
        ObserveSeverity(answered, answered.Severity);
        if (AnsweredEventId is not null) return;
        (AnsweredEventId, AnsweredAt) = (answered.EventId, answered.OccurredAt);
    }

    public void Resolve(ComplaintResolved resolved)
    {
        ObserveSeverity(resolved, resolved.Severity);
        if (ResolvedEventId is not null) return;
        (ResolvedEventId, ResolvedAt, ClosedBy) = (resolved.EventId, resolved.OccurredAt, Cut(resolved.ClosedBy));
    }

    /// <summary>1 low, 2 medium, 3 high, 4 critical; an unknown severity counts as medium.</summary>
    public static int RankOf(string? severity) => severity?.Trim().ToLowerInvariant() switch
    {
        "low" => 1,
        "high" => 3,
        "critical" => 4,
        _ => 2,
    };

    private static string Cut(string state) => state.Length > 30 ? state[..30] : state;

    private void ObserveSeverity(IntegrationEvent source, string severity)
    {
        if (string.IsNullOrWhiteSpace(severity) || !FactPosition.Of(source).Supersedes(FactPosition.Stored(SeverityAt, SeverityEventId))) return;
        var value = severity.Trim().ToLowerInvariant();
        Severity = value.Length > SeverityMaxLength ? value[..SeverityMaxLength] : value;
        (SeverityAt, SeverityEventId) = (source.OccurredAt, source.EventId);
    }
}
