namespace Crm.AfterSales.Model;

/// <summary>A service-level target: how long the first response and the resolution may take.</summary>
public readonly record struct ServiceLevelTarget(TimeSpan FirstResponse, TimeSpan Resolution);

/// <summary>
/// A customer complaint (客户投诉, 客诉) and its procedure as the manual's flow chart draws it: received → 初步判断
/// (assessed) → resolution proposed → signed off by the sales administration manager (or sent back) → the customer's
/// answer: satisfied → executing → closed; not satisfied → proposed again, or escalated to litigation → closed by its
/// outcome. Every step is on the timeline. Each action is allowed to one set of roles and from some states only:
/// otherwise 403 or 409, naming what is allowed. A complaint closes only after a recorded satisfied answer or a
/// litigation outcome; a quality complaint only with its root cause (人机料法环测) and corrective action.
/// </summary>
public sealed class Complaint : IBranchOwned
{
    public const int SubjectMaxLength = 200;
    public const int TextMaxLength = 4000;
    public const int ShortMaxLength = 100;

    private static readonly ComplaintState[] Open =
    [
        ComplaintState.Received, ComplaintState.Assessed, ComplaintState.Proposed, ComplaintState.SignedOff,
        ComplaintState.AwaitingCustomer, ComplaintState.Executing,
    ];

    /// <summary>Who may do what (API.md's aftersales table).</summary>
    public static IReadOnlyDictionary<ComplaintAction, IReadOnlyList<string>> RolesOf { get; } = new Dictionary<ComplaintAction, IReadOnlyList<string>>
    {
        [ComplaintAction.Assess] = [CrmRoles.AfterSales],
        [ComplaintAction.Propose] = [CrmRoles.AfterSales],
        [ComplaintAction.SignOff] = [CrmRoles.SalesAdminManager],
        [ComplaintAction.SendBack] = [CrmRoles.SalesAdminManager],
        [ComplaintAction.CustomerResponse] = [CrmRoles.AfterSales],
        [ComplaintAction.Pause] = [CrmRoles.AfterSales],
        [ComplaintAction.Resume] = [CrmRoles.AfterSales],
        [ComplaintAction.Complete] = [CrmRoles.AfterSales],
        [ComplaintAction.Escalate] = CrmRoles.Managers,
        [ComplaintAction.LitigationOutcome] = CrmRoles.Managers,
        [ComplaintAction.Attach] = CrmRoles.All,
    };

    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<Attachment> _attachments = [];

    private Complaint() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    /// <summary>The customer's region (地区) when the complaint was received, for the statistics.</summary>
    public string Region { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string? Product { get; private set; }
    public string? Batch { get; private set; }
    public Severity Severity { get; private set; }
    public ComplaintCategory? Category { get; private set; }
    public string? Finding { get; private set; }
    public RootCause? RootCause { get; private set; }
    public string? CorrectiveAction { get; private set; }
    public ComplaintState State { get; private set; }

    public ResolutionKind? ResolutionKind { get; private set; }
    public string? ResolutionDetail { get; private set; }
    public decimal? ResolutionAmount { get; private set; }
    /// <summary>How many resolutions were proposed (a re-proposal after an unsatisfied answer counts again).</summary>
    public int ProposalRound { get; private set; }
    /// <summary>The current proposal was sent back by the manager: a new one is needed before a sign-off.</summary>
    public bool ProposalSentBack { get; private set; }
    public bool? CustomerSatisfied { get; private set; }
    public string? CustomerComment { get; private set; }
    public DateTimeOffset? CustomerRespondedAt { get; private set; }

    public string? CaseNumber { get; private set; }
    public string? Court { get; private set; }
    public string? LitigationOutcome { get; private set; }

    public string OpenedBy { get; private set; } = "";
    public string OpenedByName { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? FirstRespondedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>customer-satisfied or litigation.</summary>
    public string? ClosedBy { get; private set; }
    /// <summary>Seconds from receipt to the first response, kept so that statistics average them in SQL.</summary>
    public long? FirstResponseSeconds { get; private set; }
    /// <summary>Seconds from receipt to closing.</summary>
    public long? ResolutionSeconds { get; private set; }

    public DateTimeOffset FirstResponseDue { get; private set; }
    public DateTimeOffset ResolveDue { get; private set; }
    /// <summary>The clock is stopped while waiting on the customer since this instant.</summary>
    public DateTimeOffset? PausedSince { get; private set; }
    /// <summary>Paused time so far, in ticks; it extends the deadlines.</summary>
    public long PausedTicks { get; private set; }
    public bool FirstResponseBreached { get; private set; }
    public bool ResolutionBreached { get; private set; }
    /// <summary>Either deadline was missed (API.md's <c>breached</c>).</summary>
    public bool Breached { get; private set; }
    /// <summary>Set at closing: no deadline missed on the way.</summary>
    public bool? ServiceLevelMet { get; private set; }
    public bool EscalatedToManagers { get; private set; }
    public long Version { get; private set; }

    public IReadOnlyList<TimelineEntry> Timeline => _timeline;
    public IReadOnlyList<Attachment> Attachments => _attachments;

    public bool IsPaused => PausedSince is not null;
    public bool IsOpen => State is not ComplaintState.Closed;

    public static Complaint Receive(
        Guid customerId, string branchId, string region, string subject, string description, string? product, string? batch,
        Severity? severity, ServiceLevelTarget target, ICurrentUser by, DateTimeOffset now)
    {
        var complaint = new Complaint
        {
            Id = Guid.CreateVersion7(now),
            BranchId = branchId,
            CustomerId = customerId,
            Region = region,
            Subject = subject.Trim(),
            Description = description.Trim(),
            Product = Clean(product),
            Batch = Clean(batch),
            Severity = severity ?? Severity.Medium,
            State = ComplaintState.Received,
            OpenedBy = by.Id,
            OpenedByName = by.Name,
            OpenedAt = now,
            FirstResponseDue = now + target.FirstResponse,
            ResolveDue = now + target.Resolution,
            Version = 1,
        };
        complaint.Record(by, now, "received",
            $"收到客诉 complaint received; 首次答复期限 first response due {complaint.FirstResponseDue:yyyy-MM-dd HH:mm} UTC, 解决期限 resolve due {complaint.ResolveDue:yyyy-MM-dd HH:mm} UTC");
        return complaint;
    }

    /// <summary>A root cause (人机料法环测) is recorded for quality complaints only.</summary>
    public const string RootCauseForQualityOnly = "A root cause (人机料法环测) is recorded for quality complaints only.";

    /// <summary>Whether an assessment may name <paramref name="rootCause"/> for <paramref name="category"/> (<see cref="RootCauseForQualityOnly"/>).</summary>
    public static bool RootCauseAllowed(ComplaintCategory? category, RootCause? rootCause) =>
        category != ComplaintCategory.NonQuality || rootCause is null;

    /// <summary>
    /// 初步判断: category, finding, severity (and for quality, root cause and corrective action when known). The first
    /// assessment is the first response; each one recomputes the resolution deadline for the category and severity.
    /// Returns true when this was the first response.
    /// </summary>
    public bool Assess(ComplaintCategory category, string finding, Severity severity, RootCause? rootCause, string? correctiveAction,
        Func<ComplaintCategory, Severity, ServiceLevelTarget> targets, ICurrentUser by, DateTimeOffset now)
    {
        Allow(ComplaintAction.Assess, by);
        var first = FirstRespondedAt is null;
        Category = category;
        Finding = finding.Trim();
        Severity = severity;
        if (rootCause is not null) RootCause = rootCause;
        if (Clean(correctiveAction) is { } action) CorrectiveAction = action;
        ResolveDue = OpenedAt + targets(category, severity).Resolution + TimeSpan.FromTicks(PausedTicks);
        if (first)
        {
            FirstRespondedAt = now;
            FirstResponseSeconds = (long)(now - OpenedAt).TotalSeconds;
            State = ComplaintState.Assessed;
        }
        Record(by, now, "assess",
            $"{(first ? "初步判断 first assessment" : "重新判断 re-assessment")}: {ApiNames.Of(category)}, {ApiNames.Of(severity)}; {Finding}"
            + (RootCause is { } cause ? $"; 根本原因 root cause {ApiNames.Of(cause)}" : "")
            + (CorrectiveAction is { } corrective ? $"; 纠正措施 corrective action {corrective}" : "")
            + $"; 解决期限 resolve due {ResolveDue:yyyy-MM-dd HH:mm} UTC");
        return first;
    }

    public void Propose(ResolutionKind kind, string detail, decimal? amount, ICurrentUser by, DateTimeOffset now)
    {
        Allow(ComplaintAction.Propose, by);
        ResolutionKind = kind;
        ResolutionDetail = detail.Trim();
        ResolutionAmount = amount;
        ProposalSentBack = false;
        var again = State == ComplaintState.AwaitingCustomer;
        ProposalRound++;
        if (again)
        {
            CustomerSatisfied = null;
            CustomerComment = null;
            CustomerRespondedAt = null;
        }
        State = ComplaintState.Proposed;
        Record(by, now, "propose",
            $"{(again ? "客户不满意后重新提出方案 re-proposal after an unsatisfied answer" : "提出处理方案 resolution proposed")} (#{ProposalRound}): "
            + $"{ApiNames.Of(kind)}{(amount is { } a ? $" {a:0.##}" : "")}; {ResolutionDetail}");
    }

    public void SignOff(string? comment, ICurrentUser by, DateTimeOffset now)
    {
        Allow(ComplaintAction.SignOff, by);
        State = ComplaintState.SignedOff;
        Record(by, now, "sign-off", $"销售管理部经理与客户沟通后签批 signed off after talking with the customer{Suffix(comment)}");
    }

    public void SendBack(string reason, ICurrentUser by, DateTimeOffset now)
    {
        Allow(ComplaintAction.SendBack, by);
        State = ComplaintState.Proposed;
        ProposalSentBack = true;
        Record(by, now, "send-back", $"退回重新提出方案 sent back for a new proposal: {reason.Trim()}");
    }

    public void RecordCustomerResponse(bool satisfied, string? comment, ICurrentUser by, DateTimeOffset now)
    {
        Allow(ComplaintAction.CustomerResponse, by);
        CustomerSatisfied = satisfied;
        CustomerComment = Clean(comment);
        CustomerRespondedAt = now;
        if (IsPaused) Unpause(now);
        State = satisfied ? ComplaintState.Executing : ComplaintState.AwaitingCustomer;
        Record(by, now, "customer-response", satisfied
            ? $"客户满意, 执行方案 customer satisfied, the resolution is carried out{Suffix(comment)}"
            : $"客户不满意 customer not satisfied: propose again or escalate to litigation{Suffix(comment)}");
    }

    /// <summary>Checks that the caller may attach a file now, before the file is written anywhere.</summary>
    public void EnsureCanAttach(ICurrentUser by) => Allow(ComplaintAction.Attach, by);

    public void Pause(string reason, ICurrentUser by, DateTimeOffset now)
    {
        Allow(ComplaintAction.Pause, by);
        PausedSince = now;
        Record(by, now, "pause", $"等待客户, 服务时限暂停 clock paused while waiting on the customer: {reason.Trim()}");
    }

    public void Resume(string reason, ICurrentUser by, DateTimeOffset now)
    {
        Allow(ComplaintAction.Resume, by);
        var paused = Unpause(now);
        Record(by, now, "resume",
            $"服务时限恢复 clock resumed after {Math.Round(paused.TotalHours, 2)} h: {reason.Trim()}; 期限顺延 deadlines now first response {FirstResponseDue:yyyy-MM-dd HH:mm} UTC, resolve {ResolveDue:yyyy-MM-dd HH:mm} UTC");
    }

    public void Complete(string? comment, ICurrentUser by, DateTimeOffset now)
    {
        Allow(ComplaintAction.Complete, by);
        if (CustomerSatisfied is not true)
            throw new ConflictException("A complaint closes only after a recorded satisfied customer response (客户满意后方可结案).", "No customer response.");
        RequireRootCause();
        Close("customer-satisfied", now);
        Record(by, now, "complete", $"方案执行完毕, 结案 resolution carried out, complaint closed{Suffix(comment)}");
    }

    public void Escalate(string caseNumber, string court, string? reason, ICurrentUser by, DateTimeOffset now)
    {
        Allow(ComplaintAction.Escalate, by);
        CaseNumber = caseNumber.Trim();
        Court = court.Trim();
        if (IsPaused) Unpause(now);
        State = ComplaintState.Litigation;
        Record(by, now, "escalate", $"转入诉讼程序 escalated to litigation: 案号 case {CaseNumber}, 法院 court {Court}{Suffix(reason)}");
    }

    public void RecordLitigationOutcome(string outcome, ICurrentUser by, DateTimeOffset now)
    {
        Allow(ComplaintAction.LitigationOutcome, by);
        RequireRootCause();
        LitigationOutcome = outcome.Trim();
        Close("litigation", now);
        Record(by, now, "litigation-outcome", $"诉讼结果, 结案 litigation outcome, complaint closed: {LitigationOutcome}");
    }

    public Attachment Attach(Guid attachmentId, string fileName, string contentType, long size, string sha256, string storedName, ICurrentUser by, DateTimeOffset now)
    {
        Allow(ComplaintAction.Attach, by);
        var attachment = new Attachment(attachmentId, Id, fileName, contentType, size, sha256, storedName, by.Id, now);
        _attachments.Add(attachment);
        Version++;
        Record(by, now, "attach", $"附件 attachment {fileName} ({contentType}, {size} bytes, SHA-256 {sha256})", bumpVersion: false);
        return attachment;
    }

    /// <summary>A fact about the complaint from elsewhere in the service (a granted return), kept on its timeline.</summary>
    public void Note(string action, string detail, ICurrentUser by, DateTimeOffset now) => Record(by, now, action, detail);

    /// <summary>
    /// The sweep's check: marks each deadline that passed (once each) and returns which were newly breached. A paused
    /// clock cannot breach; a complaint in litigation waits for the court, not for the resolution deadline.
    /// </summary>
    public IReadOnlyList<(string Deadline, DateTimeOffset DueAt)> MarkBreaches(ICurrentUser system, DateTimeOffset now)
    {
        var breached = new List<(string, DateTimeOffset)>();
        if (!IsOpen || IsPaused) return breached;
        if (!FirstResponseBreached && FirstRespondedAt is null && FirstResponseDue <= now)
        {
            FirstResponseBreached = true;
            breached.Add(("first-response", FirstResponseDue));
        }
        if (!ResolutionBreached && State != ComplaintState.Litigation && ResolveDue <= now)
        {
            ResolutionBreached = true;
            breached.Add(("resolution", ResolveDue));
        }
        if (breached.Count == 0) return breached;
        Breached = true;
        EscalatedToManagers = true;
        foreach (var (deadline, due) in breached)
            Record(system, now, "sla-breached",
                $"{(deadline == "first-response" ? "首次答复超时 first response" : "解决超时 resolution")} deadline {due:yyyy-MM-dd HH:mm} UTC missed; "
                + "已上报分公司经理 escalated to the branch's managers (sales-admin-manager)");
        return breached;
    }

    /// <summary>What may be done now, by anyone entitled (the role check comes first).</summary>
    public IReadOnlyList<ComplaintAction> AllowedActions() =>
        Enum.GetValues<ComplaintAction>().Where(IsAllowedInState).ToList();

    private bool IsAllowedInState(ComplaintAction action) => action switch
    {
        ComplaintAction.Assess => State is not ComplaintState.Closed,
        ComplaintAction.Propose => State is ComplaintState.Assessed or ComplaintState.AwaitingCustomer or ComplaintState.Proposed,
        ComplaintAction.SignOff => State is ComplaintState.Proposed && !ProposalSentBack,
        ComplaintAction.SendBack => State is ComplaintState.SignedOff || (State is ComplaintState.Proposed && !ProposalSentBack),
        ComplaintAction.CustomerResponse => State is ComplaintState.SignedOff or ComplaintState.AwaitingCustomer,
        ComplaintAction.Pause => Open.Contains(State) && !IsPaused,
        ComplaintAction.Resume => Open.Contains(State) && IsPaused,
        ComplaintAction.Complete => State is ComplaintState.Executing,
        ComplaintAction.Escalate => State is ComplaintState.AwaitingCustomer && CustomerSatisfied is false,
        ComplaintAction.LitigationOutcome => State is ComplaintState.Litigation,
        ComplaintAction.Attach => State is not ComplaintState.Closed,
        _ => false,
    };

    private void Allow(ComplaintAction action, ICurrentUser by)
    {
        var roles = RolesOf[action];
        if (!by.IsSystem && !by.IsInAnyRole(roles))
        {
            var forbidden = new ForbiddenException(
                $"Only {string.Join(", ", roles)} may {ApiNames.Of(action)} a complaint (只有 {string.Join("/", roles)} 可以执行此操作).");
            forbidden.Extensions["action"] = ApiNames.Of(action);
            forbidden.Extensions["allowedRoles"] = roles;
            throw forbidden;
        }
        if (!IsAllowedInState(action))
        {
            var allowed = AllowedActions().Select(ApiNames.Of).ToList();
            var why = action == ComplaintAction.SignOff && ProposalSentBack
                ? " The proposal was sent back: a new proposal is needed first."
                : "";
            var conflict = new ConflictException(
                $"The complaint is {ApiNames.Of(State)}{(IsPaused ? " (clock paused)" : "")}: {ApiNames.Of(action)} is not possible now.{why} "
                + $"Allowed now (当前可执行): {(allowed.Count > 0 ? string.Join(", ", allowed) : "nothing, it is closed")}.",
                "Wrong state for the action.");
            conflict.Extensions["action"] = ApiNames.Of(action);
            conflict.Extensions["state"] = ApiNames.Of(State);
            conflict.Extensions["allowedActions"] = allowed;
            throw conflict;
        }
    }

    private void RequireRootCause()
    {
        if (Category == ComplaintCategory.Quality && (RootCause is null || CorrectiveAction is null))
            throw new BusinessRuleException("root-cause-required",
                "A quality complaint closes only with its root cause (人机料法环测: people, machine, material, method, environment, measurement) "
                + "and its corrective action (纠正措施); record them with assess first");
    }

    private void Close(string closedBy, DateTimeOffset now)
    {
        if (IsPaused) Unpause(now);
        State = ComplaintState.Closed;
        ClosedAt = now;
        ClosedBy = closedBy;
        ResolutionSeconds = (long)(now - OpenedAt).TotalSeconds;
        ServiceLevelMet = !FirstResponseBreached && !ResolutionBreached && now <= ResolveDue;
    }

    private TimeSpan Unpause(DateTimeOffset now)
    {
        var paused = now - PausedSince!.Value;
        if (paused < TimeSpan.Zero) paused = TimeSpan.Zero;
        PausedSince = null;
        PausedTicks += paused.Ticks;
        if (FirstRespondedAt is null) FirstResponseDue += paused;
        ResolveDue += paused;
        return paused;
    }

    private void Record(ICurrentUser by, DateTimeOffset now, string action, string detail, bool bumpVersion = true)
    {
        _timeline.Add(new TimelineEntry(Id, _timeline.Count + 1, now, by.Id, by.Name, action, detail));
        if (bumpVersion && _timeline.Count > 1) Version++;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Suffix(string? text) => Clean(text) is { } t ? $": {t}" : "";
}

/// <summary>One step of a complaint's procedure: who, when, what, and the free text (存档备查).</summary>
public sealed class TimelineEntry
{
    private TimelineEntry() { }

    internal TimelineEntry(Guid complaintId, int sequence, DateTimeOffset at, string by, string byName, string action, string detail)
    {
        ComplaintId = complaintId;
        Sequence = sequence;
        At = at;
        By = by;
        ByName = byName;
        Action = action;
        Detail = detail;
    }

    public Guid ComplaintId { get; private set; }
    public int Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string By { get; private set; } = "";
    public string ByName { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string Detail { get; private set; } = "";
}

/// <summary>A file of a complaint (photo, report): kept as a file in the service's data folder, with its SHA-256.</summary>
public sealed class Attachment
{
    private Attachment() { }

    internal Attachment(Guid id, Guid complaintId, string fileName, string contentType, long size, string sha256, string storedName, string by, DateTimeOffset at)
    {
        Id = id;
        ComplaintId = complaintId;
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        Sha256 = sha256;
        StoredName = storedName;
        UploadedBy = by;
        UploadedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid ComplaintId { get; private set; }
    public string FileName { get; private set; } = "";
    /// <summary>From the content's magic bytes, never from the request.</summary>
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    /// <summary>The file's path under the attachments folder.</summary>
    public string StoredName { get; private set; } = "";
    public string UploadedBy { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
}
