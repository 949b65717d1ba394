namespace Crm.Contracts.Apis;

/// <summary>The eleven sections as a request carries them (each optional in a draft).</summary>
public class SectionsRequest
{
    public IReadOnlyList<ContractLine>? Lines { get; init; }
    public QualitySection? Quality { get; init; }
    public DeliverySection? Delivery { get; init; }
    public AcceptanceSection? Acceptance { get; init; }
    public DistributionRightsSection? DistributionRights { get; init; }
    public SettlementSection? Settlement { get; init; }
    public PoliciesSection? Policies { get; init; }
    public OrderingSection? Ordering { get; init; }
    public BreachSection? Breach { get; init; }
    public SigningSection? Signing { get; init; }
    public PartiesSection? Parties { get; init; }

    public ContractSections ToSections() => new()
    {
        Lines = Lines,
        Quality = Quality,
        Delivery = Delivery,
        Acceptance = Acceptance,
        DistributionRights = DistributionRights,
        Settlement = Settlement,
        Policies = Policies,
        Ordering = Ordering,
        Breach = Breach,
        Signing = Signing,
        Parties = Parties,
    };
}

public sealed class CreateContractRequest : SectionsRequest
{
    public Guid? CustomerId { get; init; }
    public string? Title { get; init; }
    public Guid? TemplateId { get; init; }
}

public sealed class UpdateContractRequest : SectionsRequest
{
    public string? Title { get; init; }
    public long? Version { get; init; }
}

public sealed class AmendContractRequest : SectionsRequest
{
    public DateOnly? EffectiveOn { get; init; }
    public string? Reason { get; init; }
}

public sealed record VersionedRequest(long? Version);

public sealed record DecisionRequest(string? Comment);

public sealed record RejectRequest(string? Reason, string? Comment);

public sealed record SignRequest(DateOnly? SignedOn, string? SignedAt);

public sealed record TerminateRequest(string? Reason, DateOnly? TerminatedOn);

public sealed record CustodyRequest(string? ArchiveNumber, string? Location, string? Category, long? Version);

public sealed record SettingsRequest(decimal? ApprovalThreshold1, decimal? ApprovalThreshold2, IReadOnlyList<int>? ReminderDays, Party? Company, long? Version);

public sealed class TemplateRequest : SectionsRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public long? Version { get; init; }
}

public sealed record ApprovalStepView(int Round, int Order, string Role, StepDecision? Decision, string? DecidedBy, string? DecidedByName, DateTimeOffset? DecidedAt, string? Comment);

public sealed record TimelineView(DateTimeOffset At, string By, string ByName, string Action, string? Detail);

public sealed record CustodyView(string? ArchiveNumber, string? Location, string? Category, string? CustodianId, string? CustodianName, DateTimeOffset? ArchivedAt);

/// <summary>A contract without its contents (no sections, no amounts): list rows and the answers of lifecycle actions.</summary>
public sealed record ContractSummary(
    Guid Id, string Number, string Title, Guid CustomerId, string CustomerCode, string CustomerName, string OwnerId, ContractState State,
    string? AwaitingRole, int ContractVersion, DateOnly? EffectiveOn, DateOnly? ExpiresOn, bool AutoRenew, DateOnly? NoticeDeadline, DateOnly? NoticeGivenOn,
    Guid? RenewsContractId, Guid? RenewedByContractId, DateOnly? TerminatedOn, string? Category, string? ArchiveNumber, string? RejectionReason,
    string AuthorId, DateTimeOffset CreatedAt, long Version)
{
    public static ContractSummary From(Contract c, CustomerReference? customer) => new(
        c.Id, c.Number, c.Title, c.CustomerId, customer?.Code ?? "", customer?.Name ?? "", customer?.OwnerId ?? "", c.State, c.AwaitingRole, c.CurrentVersion,
        c.EffectiveOn, c.ExpiresOn, c.AutoRenew, c.State is ContractState.Signed or ContractState.Active ? c.NoticeDeadline : null, c.NoticeGivenOn,
        c.RenewsContractId, c.RenewedByContractId, c.TerminatedOn, c.Category, c.ArchiveNumber, c.RejectionReason, c.AuthorId, c.CreatedAt, c.Version);
}

/// <summary>The answer of a lifecycle action: the summary with the approval steps and the timeline (no contents).</summary>
public sealed record ContractStatusView(ContractSummary Contract, IReadOnlyList<ApprovalStepView> Steps, IReadOnlyList<TimelineView> Timeline)
{
    public static ContractStatusView From(Contract c, CustomerReference? customer) => new(ContractSummary.From(c, customer), StepsOf(c), TimelineOf(c));

    internal static IReadOnlyList<ApprovalStepView> StepsOf(Contract c) => c.Steps.OrderBy(s => s.Round).ThenBy(s => s.Order)
        .Select(s => new ApprovalStepView(s.Round, s.Order, s.Role, s.Decision, s.DecidedBy, s.DecidedByName, s.DecidedAt, s.Comment)).ToList();

    internal static IReadOnlyList<TimelineView> TimelineOf(Contract c) =>
        c.Timeline.Select(t => new TimelineView(t.At, t.By, t.ByName, t.Action, t.Detail)).ToList();
}

public sealed record TotalsView(int Lines, decimal Quantity, decimal Amount);

public sealed record VersionView(int Number, DateOnly EffectiveOn, DateOnly ExpiresOn, string Reason, IReadOnlyList<string> ChangedSections, ContractSections Sections, ContractTerms Terms, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>The contract card (合同卡片) with its contents: only for the entitled, and every read is logged.</summary>
public sealed record ContractView(
    Guid Id, string Number, string Title, Guid CustomerId, string CustomerCode, string CustomerName, string OwnerId, string BranchId, ContractState State,
    string? AwaitingRole, Guid? TemplateId, ContractSections Sections, TotalsView Totals, int ContractVersion,
    IReadOnlyList<VersionView> Versions, IReadOnlyList<ApprovalStepView> Steps, IReadOnlyList<TimelineView> Timeline, CustodyView Custody,
    DateOnly? SignedOn, DateOnly? EffectiveOn, DateOnly? ExpiresOn, bool AutoRenew, int NoticeDays, DateOnly? NoticeDeadline, DateOnly? NoticeGivenOn,
    Guid? RenewsContractId, Guid? RenewedByContractId, DateOnly? ExpiredOn, DateOnly? TerminatedOn, string? TerminationReason, string? RejectionReason,
    string AuthorId, string AuthorName, DateTimeOffset CreatedAt, long Version)
{
    public static ContractView From(Contract c, CustomerReference? customer, IReadOnlyList<ContractVersion> versions) => new(
        c.Id, c.Number, c.Title, c.CustomerId, customer?.Code ?? "", customer?.Name ?? "", customer?.OwnerId ?? "", c.BranchId, c.State, c.AwaitingRole,
        c.TemplateId, c.Sections, new TotalsView(c.Sections.Lines?.Count ?? 0, c.Sections.TotalQuantity, c.TotalAmount), c.CurrentVersion,
        versions.OrderBy(v => v.Number).Select(v => new VersionView(v.Number, v.EffectiveOn, v.ExpiresOn, v.Reason, v.ChangedSections, v.Sections, v.Terms, v.CreatedAt, v.CreatedBy)).ToList(),
        ContractStatusView.StepsOf(c), ContractStatusView.TimelineOf(c),
        new CustodyView(c.ArchiveNumber, c.ArchiveLocation, c.Category, c.CustodianId, c.CustodianName, c.ArchivedAt),
        c.SignedOn, c.EffectiveOn, c.ExpiresOn, c.AutoRenew, c.NoticeDays, c.NoticeDeadline, c.NoticeGivenOn, c.RenewsContractId, c.RenewedByContractId,
        c.ExpiredOn, c.TerminatedOn, c.TerminationReason, c.RejectionReason, c.AuthorId, c.AuthorName, c.CreatedAt, c.Version);
}

public sealed record ContractRef(Guid Id, string Number, int Version);

/// <summary>The terms in force for a customer on a date (API.md's shape; no prices, no parties' data).</summary>
public sealed record TermsView(
    ContractRef? Contract, int? ReturnWindowDays, int? ExchangeWindowDays, int? PaymentTermDays, string? SettlementType,
    IReadOnlyList<string> ProductLines, IReadOnlyList<string> Territories, string? DistributionLevel, DateOnly On, DateOnly? EffectiveOn, DateOnly? ExpiresOn);

public sealed record AccessLogView(DateTimeOffset At, string UserId, string UserName, string Roles, string What);

public sealed record SettingsView(string BranchId, decimal ApprovalThreshold1, decimal ApprovalThreshold2, IReadOnlyList<int> ReminderDays, Party Company, long Version)
{
    public static SettingsView From(BranchSettings s) => new(s.BranchId, s.ApprovalThreshold1, s.ApprovalThreshold2, s.ReminderDays, s.Company, s.Version);
}

public sealed record TemplateView(Guid Id, string Name, string? Description, ContractSections Sections, long Version, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static TemplateView From(ContractTemplate t) => new(t.Id, t.Name, t.Description, t.Sections, t.Version, t.UpdatedBy, t.UpdatedAt);
}
