namespace Crm.Customers.Model;

/// <summary>A visit or other contact with the customer (沟通体制). Counts as the owner's contact when its rep owns the customer.</summary>
public sealed class Visit : IBranchOwned
{
    public const int SummaryMaxLength = 2000;

    private Visit() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public DateOnly On { get; private set; }
    public VisitKind Kind { get; private set; }
    public string Summary { get; private set; } = "";
    public string ContactedBy { get; private set; } = "";
    public string ContactedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static ValidationErrors Validate(ValidationErrors errors, DateOnly? on, string? summary, DateOnly today) => errors
        .When(on > today, "on", "on cannot be in the future: record a visit once it has taken place.")
        .Required("summary", summary, SummaryMaxLength);

    public static Visit Record(Customer customer, DateOnly on, VisitKind kind, string summary, Actor by, DateTimeOffset now, DateOnly today)
    {
        Validate(new ValidationErrors(), on, summary, today).ThrowIfAny();
        return new Visit
        {
            Id = Guid.CreateVersion7(now), CustomerId = customer.Id, BranchId = customer.BranchId, On = on, Kind = kind,
            Summary = summary, ContactedBy = by.Id, ContactedByName = by.Name, RecordedAt = now,
        };
    }
}

/// <summary>A violation (违规记录): when, what kind, what happened.</summary>
public sealed class Violation : IBranchOwned
{
    public const int DescriptionMaxLength = 2000;

    private Violation() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public DateOnly OccurredOn { get; private set; }
    public ViolationType Type { get; private set; }
    public string Description { get; private set; } = "";
    public string RecordedBy { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static ValidationErrors Validate(ValidationErrors errors, DateOnly? occurredOn, string? description, DateOnly today) => errors
        .When(occurredOn > today, "occurredOn", "occurredOn cannot be in the future.")
        .Required("description", description, DescriptionMaxLength);

    public static Violation Record(Customer customer, DateOnly occurredOn, ViolationType type, string description, Actor by, DateTimeOffset now, DateOnly today)
    {
        Validate(new ValidationErrors(), occurredOn, description, today).ThrowIfAny();
        return new Violation
        {
            Id = Guid.CreateVersion7(now), CustomerId = customer.Id, BranchId = customer.BranchId, OccurredOn = occurredOn, Type = type,
            Description = description, RecordedBy = by.Id, RecordedByName = by.Name, RecordedAt = now,
        };
    }
}

/// <summary>A major incident (重大变故) the rep reports: theft, accident, family split, serious illness…</summary>
public sealed class Incident : IBranchOwned
{
    public const int DescriptionMaxLength = 2000;

    private Incident() { }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    public IncidentKind Kind { get; private set; }
    public string Description { get; private set; } = "";
    public DateOnly OccurredOn { get; private set; }
    public string ReportedBy { get; private set; } = "";
    public string ReportedByName { get; private set; } = "";
    public DateTimeOffset ReportedAt { get; private set; }

    public static ValidationErrors Validate(ValidationErrors errors, DateOnly? occurredOn, string? description, DateOnly today) => errors
        .When(occurredOn > today, "occurredOn", "occurredOn cannot be in the future.")
        .Required("description", description, DescriptionMaxLength);

    public static Incident Report(Customer customer, IncidentKind kind, string description, DateOnly occurredOn, Actor by, DateTimeOffset now, DateOnly today)
    {
        Validate(new ValidationErrors(), occurredOn, description, today).ThrowIfAny();
        return new Incident
        {
            Id = Guid.CreateVersion7(now), CustomerId = customer.Id, BranchId = customer.BranchId, Kind = kind, Description = description,
            OccurredOn = occurredOn, ReportedBy = by.Id, ReportedByName = by.Name, ReportedAt = now,
        };
    }
}
