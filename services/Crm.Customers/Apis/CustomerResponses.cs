using System.Diagnostics.CodeAnalysis;

namespace Crm.Customers.Apis;

public sealed record RegisteredCustomer(Guid Id, string Code, long Version);

public sealed record ContactResponse(
    Guid Id, string Name, bool IsPrimary, string? Department, string? Title, string? Phone, string? Fax, string? Mobile,
    string? Email, DateOnly? Birthday, string? PersonalNotes, long Version)
{
    public static ContactResponse From(Contact c, bool seesPersonalData) => new(
        c.Id, c.Name, c.IsPrimary, c.Department, c.Title, c.Phone, c.Fax, c.Mobile, c.Email,
        seesPersonalData ? c.Birthday : null, seesPersonalData ? c.PersonalNotes : ContactDetails.MaskedNotes(c.PersonalNotes), c.Version);
}

public sealed record EvaluationResponse(
    Guid Id, decimal Initiative, decimal Capability, decimal Reputation, decimal Relations, ScorecardWeightsResponse Weights,
    decimal WeightedScore, string? Comment, string EvaluatedBy, string EvaluatedByName, DateTimeOffset EvaluatedAt)
{
    public static EvaluationResponse From(ScorecardEvaluation e) => new(
        e.Id, e.Initiative, e.Capability, e.Reputation, e.Relations,
        new ScorecardWeightsResponse(e.BranchId, e.InitiativeWeight, e.CapabilityWeight, e.ReputationWeight, e.RelationsWeight, 0, IsDefault: false),
        e.WeightedScore, e.Comment, e.EvaluatedBy, e.EvaluatedByName, e.EvaluatedAt);
}

public sealed record ScorecardWeightsResponse(string BranchId, int Initiative, int Capability, int Reputation, int Relations, long Version, bool IsDefault)
{
    public static ScorecardWeightsResponse From(ScorecardWeights w, bool isDefault) =>
        new(w.BranchId, w.Initiative, w.Capability, w.Reputation, w.Relations, isDefault ? 0 : w.Version, isDefault);
}

/// <summary>
/// The archive card (客户档案表) with its contacts, grade, status, owner and version. The card's own fields are those of
/// <see cref="CustomerProfile"/> (declared once), masked by <see cref="CustomerCard"/> for a caller not entitled to them.
/// </summary>
public sealed record CustomerCardResponse : CustomerProfile
{
    // The card's fields come from the (masked) profile by the record's copy constructor; From's initializer sets the rest.
#pragma warning disable CS8618
    [SetsRequiredMembers]
    private CustomerCardResponse(CustomerProfile card) : base(card) { }
#pragma warning restore CS8618

    public required Guid Id { get; init; }
    public required string Code { get; init; }
    public required string BranchId { get; init; }
    public required CustomerStatus Status { get; init; }
    public required string OwnerId { get; init; }
    public string? OwnerName { get; init; }
    public required DateTimeOffset OwnerSince { get; init; }
    public required DateOnly EntryDate { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public required string RegisteredBy { get; init; }
    /// <summary>A–E from the last grading run, null until graded.</summary>
    public string? Grade { get; init; }
    public decimal? GradeScore { get; init; }
    public string? GradePeriod { get; init; }
    public required IReadOnlyList<ContactResponse> Contacts { get; init; }
    public EvaluationResponse? LatestEvaluation { get; init; }
    /// <summary>The owner must have contacted the customer by this date (一周内联系).</summary>
    public required DateOnly ContactDueOn { get; init; }
    public DateOnly? FirstContactByOwnerOn { get; init; }
    public required bool ContactOverdue { get; init; }
    /// <summary>Sensitive fields shown masked because the caller is not entitled to them.</summary>
    public required IReadOnlyList<string> MaskedFields { get; init; }
    public required long Version { get; init; }

    public static CustomerCardResponse From(
        Customer c, bool seesSensitive, EvaluationResponse? latestEvaluation, DateOnly contactDueOn, DateOnly? firstContact, bool contactOverdue) =>
        new(seesSensitive ? c.Profile : CustomerCard.Masked(c.Profile))
        {
            Id = c.Id, Code = c.Code, BranchId = c.BranchId,
            Status = c.Status, OwnerId = c.OwnerId, OwnerName = c.OwnerName, OwnerSince = c.OwnerSince, EntryDate = c.EntryDate,
            RegisteredAt = c.RegisteredAt, RegisteredBy = c.RegisteredBy, Grade = c.Grade, GradeScore = c.GradeScore, GradePeriod = c.GradePeriod,
            Contacts = c.Contacts.OrderByDescending(x => x.IsPrimary).ThenBy(x => x.Id).Select(x => ContactResponse.From(x, seesSensitive)).ToList(),
            LatestEvaluation = latestEvaluation,
            ContactDueOn = contactDueOn,
            FirstContactByOwnerOn = firstContact,
            ContactOverdue = contactOverdue,
            MaskedFields = seesSensitive ? [] : Masking.AllSensitiveFields,
            Version = c.Version,
        };
}

public sealed record PrimaryContactSummary(string Name, string? Mobile, string? Phone);

/// <summary>A row of the customer list.</summary>
public sealed record CustomerListItem(
    Guid Id, string Code, string Name, CustomerKind Kind, string Region, string? Route, CustomerCategory Category,
    CustomerStatus Status, string? Grade, string OwnerId, string? OwnerName, DateOnly EntryDate, PrimaryContactSummary? PrimaryContact, long Version);

public sealed record FieldChangeResponse(string Field, string? From, string? To, bool Masked);

/// <summary>One change of the file: who, when, what (field old → new) and why.</summary>
public sealed record HistoryEntryResponse(
    long Id, DateTimeOffset At, string By, string ByName, HistoryAction Action, IReadOnlyList<FieldChangeResponse> Changes, string? Reason, long Version)
{
    public static HistoryEntryResponse From(CustomerHistoryEntry e, bool seesSensitive) => new(
        e.Id, e.At, e.By, e.ByName, e.Action,
        e.Changes.Select(c => !seesSensitive && Masking.IsSensitive(c.Field)
            ? new FieldChangeResponse(c.Field, Masking.Mask(Masking.FieldOf(c.Field), c.From), Masking.Mask(Masking.FieldOf(c.Field), c.To), Masked: true)
            : new FieldChangeResponse(c.Field, c.From, c.To, Masked: false)).ToList(),
        e.Reason, e.Version);
}

public sealed record VisitResponse(Guid Id, DateOnly On, VisitKind Kind, string Summary, string ContactedBy, string ContactedByName, DateTimeOffset RecordedAt)
{
    public static VisitResponse From(Visit v) => new(v.Id, v.On, v.Kind, v.Summary, v.ContactedBy, v.ContactedByName, v.RecordedAt);
}

public sealed record ViolationResponse(Guid Id, DateOnly OccurredOn, ViolationType Type, string Description, string RecordedBy, string RecordedByName, DateTimeOffset RecordedAt)
{
    public static ViolationResponse From(Violation v) => new(v.Id, v.OccurredOn, v.Type, v.Description, v.RecordedBy, v.RecordedByName, v.RecordedAt);
}

public sealed record IncidentResponse(Guid Id, IncidentKind Kind, string Description, DateOnly OccurredOn, string ReportedBy, string ReportedByName, DateTimeOffset ReportedAt)
{
    public static IncidentResponse From(Incident i) => new(i.Id, i.Kind, i.Description, i.OccurredOn, i.ReportedBy, i.ReportedByName, i.ReportedAt);
}

/// <summary>What an action on a customer returns: the record it created (if any) and the customer's version after it.</summary>
public sealed record CustomerChangeResponse(Guid CustomerId, long Version);

public sealed record ContactChangeResponse(ContactResponse? Contact, long CustomerVersion);

/// <summary>A development application (客户开发申请表) and its decision.</summary>
public sealed record DevelopmentApplicationResponse(
    Guid Id, string BranchId, ApplicationState State, string Name, string Region, CustomerProfile Prospect, IReadOnlyList<NewContact> Contacts,
    string Reason, IReadOnlyList<Guid> ConfirmedNotDuplicateOf, string FiledBy, string FiledByName, DateTimeOffset FiledAt, string? DecidedBy,
    string? DecidedByName, DateTimeOffset? DecidedAt, string? DecisionNote, Guid? CustomerId, string? CustomerCode, IReadOnlyList<string> MaskedFields,
    long Version)
{
    public static DevelopmentApplicationResponse From(DevelopmentApplication a, bool seesSensitive)
    {
        var prospect = seesSensitive ? a.Prospect : CustomerCard.Masked(a.Prospect);
        var contacts = seesSensitive ? a.Contacts : a.Contacts.Select(c => c with { Details = c.Details.Masked() }).ToList();
        return new DevelopmentApplicationResponse(
            a.Id, a.BranchId, a.State, a.Name, a.Region, prospect, contacts, a.Reason, a.ConfirmedNotDuplicateOf, a.FiledBy, a.FiledByName,
            a.FiledAt, a.DecidedBy, a.DecidedByName, a.DecidedAt, a.DecisionNote, a.CustomerId, a.CustomerCode,
            seesSensitive ? [] : Masking.AllSensitiveFields, a.Version);
    }
}
