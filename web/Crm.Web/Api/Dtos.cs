namespace Crm.Web.Api;

// What the web app reads from the API: the fields its pages show (API.md names them; more are ignored).
// Enumerations stay strings in their API spelling (kebab-case), translated for display by Texts.

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public sealed record PrimaryContactSummary(string Name, string? Mobile, string? Phone);

public sealed record CustomerListItem(
    Guid Id, string Code, string Name, string Kind, string Region, string? Route, string Category, string Status, string? Grade,
    string OwnerId, string? OwnerName, DateOnly EntryDate, PrimaryContactSummary? PrimaryContact, long Version);

public sealed record Contact(
    Guid Id, string Name, bool IsPrimary, string? Department, string? Title, string? Phone, string? Fax, string? Mobile, string? Email, long Version);

public sealed record CustomerCard
{
    public Guid Id { get; init; }
    public string Code { get; init; } = "";
    public string BranchId { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Region { get; init; } = "";
    public string? Route { get; init; }
    public string? Industry { get; init; }
    public string? Ownership { get; init; }
    public string? BusinessFormat { get; init; }
    public string? LegalRepresentative { get; init; }
    public decimal? RegisteredCapital { get; init; }
    public string? Address { get; init; }
    public string? Website { get; init; }
    public string? TaxNumber { get; init; }
    public string? Category { get; init; }
    public string? Remarks { get; init; }
    public string Status { get; init; } = "";
    public string OwnerId { get; init; } = "";
    public string? OwnerName { get; init; }
    public DateOnly EntryDate { get; init; }
    public string? Grade { get; init; }
    public decimal? GradeScore { get; init; }
    public IReadOnlyList<Contact> Contacts { get; init; } = [];
    public DateOnly ContactDueOn { get; init; }
    public bool ContactOverdue { get; init; }
    public IReadOnlyList<string> MaskedFields { get; init; } = [];
    public long Version { get; init; }
}

public sealed record RegisteredCustomer(Guid Id, string Code, long Version);

public sealed record FieldChange(string Field, string? From, string? To, bool Masked);

public sealed record HistoryEntry(long Id, DateTimeOffset At, string By, string ByName, string Action, IReadOnlyList<FieldChange> Changes, string? Reason, long Version);

public sealed record Visit(Guid Id, DateOnly On, string Kind, string Summary, string ContactedBy, string ContactedByName, DateTimeOffset RecordedAt);

public sealed record Incident(Guid Id, string Kind, string Description, DateOnly OccurredOn, string ReportedBy, string ReportedByName, DateTimeOffset ReportedAt);

public sealed record CustomerChange(Guid CustomerId, long Version);

public sealed record Account(
    Guid CustomerId, string Code, string Name, decimal Balance, decimal CreditLimit, decimal Available, bool OverLimit, decimal Overdue,
    string? Grade, decimal? Score, decimal MonthlyAverageSales, decimal? OnTimeRate);

public sealed record GradeInput(string Input, decimal Value, decimal Points, decimal MaxPoints, string? Note);

public sealed record GradeDetail(string Period, decimal Score, string Grade, decimal Coefficient, decimal MonthlyAverageSales, decimal? OnTimeRate, IReadOnlyList<GradeInput> Explanation);

public sealed record CustomerGrade(Guid CustomerId, decimal CreditLimit, GradeDetail? Current);

public sealed record ProgressLine(string Product, decimal PlannedAmount, decimal ActualAmount, decimal LastYearAmount, decimal? Completion);

public sealed record ProgressTotals(decimal Planned, decimal Actual, decimal? Completion, decimal LastYear);

public sealed record PlanProgress(string Month, IReadOnlyList<ProgressLine> Lines, ProgressTotals Total);

public sealed record ApprovalStep(int Order, string Role, string? Decision, string? DecidedBy, string? DecidedByName, DateTimeOffset? DecidedAt, string? Comment);

public sealed record LimitRequest(
    Guid Id, Guid CustomerId, string CustomerCode, string CustomerName, decimal CurrentLimit, decimal ProposedLimit, string Reason,
    string RequestedByName, DateTimeOffset RequestedAt, string State, string? AwaitingRole, IReadOnlyList<ApprovalStep> Steps, long Version);

public sealed record DevelopmentApplication(
    Guid Id, string State, string Name, string Region, string Reason, string FiledByName, DateTimeOffset FiledAt, long Version);

public sealed record AlertItem(
    Guid Id, string Rule, Guid CustomerId, string? CustomerCode, string? CustomerName, string State, string Summary, string Assignee,
    DateTimeOffset RaisedAt, long Version);

public sealed record Evidence(string Name, string Value);

public sealed record AlertTimelineItem(DateTimeOffset At, string Kind, string By, string? Note);

public sealed record AlertDetails(
    Guid Id, string Rule, Guid CustomerId, string? CustomerCode, string? CustomerName, string State, string Summary,
    IReadOnlyList<Evidence> Evidence, string Assignee, string? Cause, string? Action, IReadOnlyList<AlertTimelineItem> Timeline, long Version);

public sealed record GradeSummaryRow(Guid CustomerId, string Code, string Name, string? OwnerName, decimal Score, decimal Coefficient, decimal MonthlyAverageSales, decimal? OnTimeRate, string Grade, decimal CreditLimit, string? Remarks);

public sealed record GradeSummaryPage(string? Period, IReadOnlyDictionary<string, int> ByGrade, IReadOnlyList<GradeSummaryRow> Items, int Total, int Page, int PageSize);

public sealed record ContractSummary(Guid Id, string Number, string Title, Guid CustomerId, string CustomerName, string State, string? AwaitingRole, DateOnly? ExpiresOn, long Version);


public sealed record AbcClassView(string Class, int Customers, decimal Sales, decimal Share);

public sealed record AbcView(decimal TotalSales, IReadOnlyList<AbcClassView> Classes);

public sealed record StructureRow(string Key, decimal Sales, decimal Share, int Customers);

public sealed record StructureAnalysis(decimal TotalSales, IReadOnlyList<StructureRow> Rows);

public sealed record ThresholdView(string Name, decimal Default, decimal Min, decimal Max, string Unit, string Description);

public sealed record RuleView(
    string Rule, string Title, string Description, int Version, bool Enabled, IReadOnlyDictionary<string, decimal> Thresholds,
    IReadOnlyList<ThresholdView> ThresholdDefinitions, decimal EscalateAfterHours, string? EscalationAssigneeId, DateTimeOffset? ChangedAt, string? ChangedBy, string? Reason);

public sealed record BranchRules(string BranchId, IReadOnlyList<RuleView> Rules);

// after-sales (客诉): enumerations stay the API's kebab-case strings; the texts translate them.
public sealed record ComplaintListItem(
    Guid Id, Guid CustomerId, string Subject, string? Product, string Severity, string? Category, string State,
    DateTimeOffset OpenedAt, DateTimeOffset FirstResponseDue, DateTimeOffset ResolveDue, bool Paused, bool Breached, long Version);

public sealed record ComplaintTimelineEntry(DateTimeOffset At, string By, string ByName, string Action, string Detail);

public sealed record ComplaintResolution(string Kind, string Detail, decimal? Amount, int Round, bool SentBack);

public sealed record ComplaintView(
    Guid Id, Guid CustomerId, string CustomerCode, string CustomerName, string Subject, string Description, string? Product, string? Batch,
    string Severity, string? Category, string? Finding, string? RootCause, string? CorrectiveAction, string State, ComplaintResolution? Resolution,
    string OpenedByName, DateTimeOffset OpenedAt, DateTimeOffset? FirstRespondedAt, DateTimeOffset? ClosedAt,
    DateTimeOffset FirstResponseDue, DateTimeOffset ResolveDue, bool Paused, bool Breached, bool FirstResponseBreached, bool ResolutionBreached,
    IReadOnlyList<string> AllowedActions, IReadOnlyList<ComplaintTimelineEntry> Timeline, long Version);

public sealed record ComplaintGroupCount(string Key, string Label, int Opened, int Closed);

public sealed record ComplaintServiceLevels(int Closed, int ClosedWithinServiceLevel, decimal? ClosedWithinRate, int FirstResponses, int FirstResponsesOnTime, decimal? FirstResponseRate);

public sealed record ComplaintMonthlyStatistics(
    string Month, int Opened, int Closed, int StillOpen, IReadOnlyList<ComplaintGroupCount> ByCategory, IReadOnlyList<ComplaintGroupCount> ByRootCause,
    IReadOnlyList<ComplaintGroupCount> ByProduct, IReadOnlyList<ComplaintGroupCount> ByRegion, ComplaintServiceLevels ServiceLevels,
    double? AverageHoursToFirstResponse, double? AverageHoursToClose, int ReturnsCount, decimal ReturnsAmount);
