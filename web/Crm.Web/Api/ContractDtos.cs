namespace Crm.Web.Api;

// The contract card (合同卡片) as GET /api/contracts/{id} answers it. The eleven sections stay JSON: the view shows
// every clause the contract holds, the form edits the ones a draft is made of and keeps the rest as they are.

public sealed record ContractStep(int Round, int Order, string Role, string? Decision, string? DecidedBy, string? DecidedByName, DateTimeOffset? DecidedAt, string? Comment);

public sealed record ContractTimelineEntry(DateTimeOffset At, string By, string ByName, string Action, string? Detail);

public sealed record ContractTotals(int Lines, decimal Quantity, decimal Amount);

public sealed record ContractVersionEntry(int Number, DateOnly EffectiveOn, DateOnly ExpiresOn, string Reason, IReadOnlyList<string> ChangedSections, DateTimeOffset CreatedAt, string CreatedBy);

public sealed record ContractCustody(string? ArchiveNumber, string? Location, string? Category, string? CustodianName, DateTimeOffset? ArchivedAt);

public sealed record ContractDetails
{
    public Guid Id { get; init; }
    public string Number { get; init; } = "";
    public string Title { get; init; } = "";
    public Guid CustomerId { get; init; }
    public string CustomerCode { get; init; } = "";
    public string CustomerName { get; init; } = "";
    public string OwnerId { get; init; } = "";
    public string State { get; init; } = "";
    public string? AwaitingRole { get; init; }
    public JsonObject Sections { get; init; } = new();
    public ContractTotals Totals { get; init; } = new(0, 0, 0);
    public int ContractVersion { get; init; }
    public IReadOnlyList<ContractVersionEntry> Versions { get; init; } = [];
    public IReadOnlyList<ContractStep> Steps { get; init; } = [];
    public IReadOnlyList<ContractTimelineEntry> Timeline { get; init; } = [];
    public ContractCustody? Custody { get; init; }
    public DateOnly? SignedOn { get; init; }
    public DateOnly? EffectiveOn { get; init; }
    public DateOnly? ExpiresOn { get; init; }
    public bool AutoRenew { get; init; }
    public int NoticeDays { get; init; }
    public DateOnly? NoticeDeadline { get; init; }
    public DateOnly? NoticeGivenOn { get; init; }
    public Guid? RenewsContractId { get; init; }
    public Guid? RenewedByContractId { get; init; }
    public DateOnly? TerminatedOn { get; init; }
    public string? TerminationReason { get; init; }
    public string? RejectionReason { get; init; }
    public string AuthorId { get; init; } = "";
    public string AuthorName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public long Version { get; init; }

    /// <summary>Who submitted the current round (the last "submitted" line of the timeline).</summary>
    public string? SubmittedBy => Timeline.LastOrDefault(t => t.Action == "submitted")?.By;

    public int Round => Steps.Count == 0 ? 0 : Steps.Max(s => s.Round);
}

/// <summary>The answer of a lifecycle action: the summary (its id and version), steps and timeline.</summary>
public sealed record ContractStatus(ContractStatusSummary Contract);

public sealed record ContractStatusSummary(Guid Id, string Number, string State, long Version);
