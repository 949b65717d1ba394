namespace Crm.AfterSales.Apis;

public sealed record OpenComplaintRequest(Guid? CustomerId, string? Subject, string? Description, string? Product, string? Batch, Severity? Severity);

public sealed record AssessRequest(
    ComplaintCategory? Category, string? Finding, Severity? Severity, RootCause? RootCause, string? CorrectiveAction, long? Version);

public sealed record ResolutionInput(ResolutionKind? Kind, string? Detail, decimal? Amount);

public sealed record ProposeRequest(ResolutionInput? Resolution, long? Version);

/// <summary>sign-off (comment optional), send-back, pause, resume (reason required), complete (comment optional).</summary>
public sealed record StepRequest(string? Reason, string? Comment, long? Version);

public sealed record CustomerResponseRequest(bool? Satisfied, string? Comment, long? Version);

public sealed record EscalateRequest(string? CaseNumber, string? Court, string? Reason, long? Version);

public sealed record LitigationOutcomeRequest(string? Outcome, long? Version);

public sealed record ComplaintListQuery(Guid? CustomerId, string? State, string? Category, bool? Breached, int? Page, int? PageSize);

public sealed record TimelineView(DateTimeOffset At, string By, string ByName, string Action, string Detail);

public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt, string Href);

public sealed record ResolutionView(ResolutionKind Kind, string Detail, decimal? Amount, int Round, bool SentBack);

public sealed record CustomerResponseView(bool Satisfied, string? Comment, DateTimeOffset At);

public sealed record LitigationView(string CaseNumber, string Court, string? Outcome);

public sealed record ComplaintView(
    Guid Id, string BranchId, Guid CustomerId, string CustomerCode, string CustomerName, string Region,
    string Subject, string Description, string? Product, string? Batch, Severity Severity, ComplaintCategory? Category, string? Finding,
    RootCause? RootCause, string? CorrectiveAction, ComplaintState State, ResolutionView? Resolution, CustomerResponseView? CustomerResponse,
    LitigationView? Litigation, string OpenedBy, string OpenedByName, DateTimeOffset OpenedAt, DateTimeOffset? FirstRespondedAt,
    DateTimeOffset? ClosedAt, string? ClosedBy, DateTimeOffset FirstResponseDue, DateTimeOffset ResolveDue, bool Paused, DateTimeOffset? PausedSince,
    bool Breached, bool FirstResponseBreached, bool ResolutionBreached, bool EscalatedToManagers, bool? ServiceLevelMet,
    IReadOnlyList<string> AllowedActions, IReadOnlyList<TimelineView> Timeline, IReadOnlyList<AttachmentView> Attachments, long Version)
{
    public static ComplaintView From(Complaint c, CustomerReference? customer) => new(
        c.Id, c.BranchId, c.CustomerId, customer?.Code ?? "", customer?.Name ?? "", c.Region, c.Subject, c.Description, c.Product, c.Batch,
        c.Severity, c.Category, c.Finding, c.RootCause, c.CorrectiveAction, c.State,
        c.ResolutionKind is { } kind ? new ResolutionView(kind, c.ResolutionDetail ?? "", c.ResolutionAmount, c.ProposalRound, c.ProposalSentBack) : null,
        c.CustomerSatisfied is { } satisfied ? new CustomerResponseView(satisfied, c.CustomerComment, c.CustomerRespondedAt!.Value) : null,
        c.CaseNumber is { } caseNumber ? new LitigationView(caseNumber, c.Court ?? "", c.LitigationOutcome) : null,
        c.OpenedBy, c.OpenedByName, c.OpenedAt, c.FirstRespondedAt, c.ClosedAt, c.ClosedBy, c.FirstResponseDue, c.ResolveDue,
        c.IsPaused, c.PausedSince, c.Breached, c.FirstResponseBreached, c.ResolutionBreached, c.EscalatedToManagers, c.ServiceLevelMet,
        c.AllowedActions().Select(ApiNames.Of).ToList(),
        c.Timeline.OrderBy(t => t.Sequence).Select(t => new TimelineView(t.At, t.By, t.ByName, t.Action, t.Detail)).ToList(),
        c.Attachments.OrderBy(a => a.UploadedAt).Select(a => new AttachmentView(
            a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt, $"/api/aftersales/complaints/{c.Id}/attachments/{a.Id}")).ToList(),
        c.Version);
}

public sealed record ComplaintListItem(
    Guid Id, Guid CustomerId, string Subject, string? Product, Severity Severity, ComplaintCategory? Category, ComplaintState State,
    DateTimeOffset OpenedAt, DateTimeOffset FirstResponseDue, DateTimeOffset ResolveDue, bool Paused, bool Breached, long Version);
