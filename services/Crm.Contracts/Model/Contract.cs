namespace Crm.Contracts.Model;

/// <summary>draft → submitted → approved (or back to draft, rejected) → signed → active → expired / terminated.</summary>
public enum ContractState
{
    Draft,
    Submitted,
    Approved,
    Signed,
    Active,
    Expired,
    Terminated,
}

public enum StepDecision
{
    Approved,
    Rejected,
}

/// <summary>Who did something, as the timeline and the steps keep it.</summary>
public readonly record struct Actor(string Id, string Name)
{
    /// <summary>The service itself (the expiry job).</summary>
    public static Actor System { get; } = new("system", "系统 system");
}

/// <summary>One approval step of one submission (<see cref="Round"/>): the role that decides it, and who, when, how and why.</summary>
public sealed class ApprovalStep : ApprovalStepBase<StepDecision>
{
    private ApprovalStep() { }

    internal ApprovalStep(int round, int order, string role) : base(order, role) => Round = round;

    public int Round { get; private set; }

    internal void Decide(StepDecision decision, Actor by, string? comment, DateTimeOffset now) => Record(decision, by.Id, by.Name, comment, now);
}

/// <summary>One line of the contract's timeline (合同履历): every transition, who, when and what.</summary>
public sealed class TimelineEntry
{
    private TimelineEntry() { }

    internal TimelineEntry(DateTimeOffset at, Actor by, string action, string? detail)
    {
        At = at;
        By = by.Id;
        ByName = by.Name;
        Action = action;
        Detail = detail;
    }

    public DateTimeOffset At { get; private set; }
    public string By { get; private set; } = "";
    public string ByName { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string? Detail { get; private set; }
}

/// <summary>
/// A contract (合同). Its sections are the working copy while it is a draft and the latest version's once signed;
/// each signed version is a <see cref="ContractVersion"/> that applies from its effective date. The state and every
/// transition are guarded here: a wrong state is 409, a role or person that may not act is 403.
/// </summary>
public sealed class Contract : IBranchOwned
{
    public const int TitleMaxLength = 200;
    public const int ReasonMaxLength = 1000;

    public static readonly ContractState[] InForceStates = [ContractState.Signed, ContractState.Active, ContractState.Expired, ContractState.Terminated];

    /// <summary>States whose exclusive right blocks another (a submitted one holds its claim while it is decided).</summary>
    public static readonly ContractState[] ClaimingStates = [ContractState.Submitted, ContractState.Approved, ContractState.Signed, ContractState.Active];

    private readonly List<ApprovalStep> _steps = [];
    private readonly List<TimelineEntry> _timeline = [];

    private Contract() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public string Number { get; private set; } = "";
    public string Title { get; private set; } = "";
    public Guid? TemplateId { get; private set; }
    public ContractState State { get; private set; }
    public string AuthorId { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public int Round { get; private set; }
    public string? AwaitingRole { get; private set; }
    public string? RejectionReason { get; private set; }

    public ContractSections Sections { get; private set; } = new();
    public decimal TotalAmount { get; private set; }

    public DateOnly? SignedOn { get; private set; }
    public DateOnly? EffectiveOn { get; private set; }
    public DateOnly? ExpiresOn { get; private set; }
    /// <summary>The first day of the current term (moves with each automatic renewal).</summary>
    public DateOnly? TermStartOn { get; private set; }
    public bool AutoRenew { get; private set; }
    public int NoticeDays { get; private set; }
    public DateOnly? NoticeGivenOn { get; private set; }
    public int CurrentVersion { get; private set; }

    public DistributionLevel Level { get; private set; }
    public List<string> Territories { get; private set; } = [];
    public List<string> ProductLines { get; private set; } = [];
    public DateOnly? RightsFrom { get; private set; }
    public DateOnly? RightsTo { get; private set; }

    public Guid? RenewsContractId { get; private set; }
    public Guid? RenewedByContractId { get; private set; }
    public DateOnly? ExpiredOn { get; private set; }
    public DateOnly? TerminatedOn { get; private set; }
    public string? TerminationReason { get; private set; }

    public string? ArchiveNumber { get; private set; }
    public string? ArchiveLocation { get; private set; }
    public string? Category { get; private set; }
    public string? CustodianId { get; private set; }
    public string? CustodianName { get; private set; }
    public DateTimeOffset? ArchivedAt { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<ApprovalStep> Steps => _steps;
    public IReadOnlyList<TimelineEntry> Timeline => _timeline;

    public ApprovalStep? CurrentStep => State == ContractState.Submitted
        ? _steps.Where(s => s.Round == Round && s.Decision is null).OrderBy(s => s.Order).FirstOrDefault()
        : null;

    /// <summary>The last day of the notice period (通知期限): notice against automatic renewal must be given by then.</summary>
    public DateOnly? NoticeDeadline => ExpiresOn?.AddDays(-NoticeDays);

    public static Contract Draft(
        string branchId, Guid customerId, string number, string title, Guid? templateId, ContractSections sections, Actor author, DateTimeOffset now,
        Guid? renews = null)
    {
        var contract = new Contract
        {
            Id = Guid.CreateVersion7(now),
            BranchId = branchId,
            CustomerId = customerId,
            Number = number,
            Title = title.Trim(),
            TemplateId = templateId,
            State = ContractState.Draft,
            AuthorId = author.Id,
            AuthorName = author.Name,
            CreatedAt = now,
            RenewsContractId = renews,
            Version = 1,
        };
        contract.SetSections(sections);
        contract.Record(now, author, renews is null ? "created" : "created-as-renewal", renews is null ? $"起草 {number}" : $"续签草稿 {number}");
        return contract;
    }

    public void Update(string? title, ContractSections sections, Actor by, DateTimeOffset now)
    {
        EnsureState("edit", ContractState.Draft);
        if (!string.IsNullOrWhiteSpace(title)) Title = title.Trim();
        SetSections(sections);
        Touch();
        Record(now, by, "updated", "草稿已修改 draft edited");
    }

    /// <summary>Our party's data as the branch's settings have it now (drafts only: a submitted contract keeps what was approved).</summary>
    public void UseCompanyParty(Party company)
    {
        if (State != ContractState.Draft) return;
        SetSections(Sections with { Parties = (Sections.Parties ?? new PartiesSection()) with { Company = company } });
    }

    /// <summary>Submits for approval with the steps the branch's thresholds call for at this total.</summary>
    public void Submit(IReadOnlyList<string> roles, Actor by, DateTimeOffset now)
    {
        EnsureState("submit", ContractState.Draft);
        Sections.EnsureComplete();
        Round++;
        _steps.AddRange(roles.Select((role, index) => new ApprovalStep(Round, index + 1, role)));
        State = ContractState.Submitted;
        SubmittedBy = by.Id;
        SubmittedAt = now;
        AwaitingRole = roles[0];
        RejectionReason = null;
        Touch();
        Record(now, by, "submitted", $"提交审批, 合同金额 {TotalAmount:N2}, 审批: {string.Join(" → ", roles)}");
    }

    /// <summary>
    /// Decides the current step. 409 when the contract awaits no decision or the caller's step was decided already;
    /// 403 for a caller without the current step's role, who filed or submitted the contract, or who decided an earlier
    /// step. Returns true when this was the last approval.
    /// </summary>
    public bool Decide(StepDecision decision, ICurrentUser user, string? comment, DateTimeOffset now)
    {
        if (State != ContractState.Submitted)
            throw new ConflictException($"合同 {Number} 状态为 {State.ToString().ToLowerInvariant()}, 不在审批中 (the contract awaits no approval).", "Wrong state.");
        SeparationOfDuties.EnsureNotFiler(user.Id, $"合同 contract {Number}", AuthorId, SubmittedBy);
        var step = CurrentStep!;
        if (!user.IsInRole(step.Role))
        {
            var decided = _steps.FirstOrDefault(s => s.Round == Round && s.Decision is not null && user.IsInRole(s.Role));
            if (decided is not null)
                throw new ConflictException($"第 {decided.Order} 步 ({decided.Role}) 已由 {decided.DecidedByName} 审批; 现待 {step.Role} (step {decided.Order} was decided already).", "Already decided.");
            throw new ForbiddenException($"合同 {Number} 待第 {step.Order} 步 {step.Role} 审批, 您的角色不能审批 (your roles may not decide this step).");
        }
        if (_steps.Any(s => s.Round == Round && s.DecidedBy == user.Id))
            throw new ForbiddenException("您已审批过本合同的前一步; 每一步须由不同的人审批 (each step needs a different person).");

        var by = new Actor(user.Id, user.Name);
        step.Decide(decision, by, comment, now);
        Touch();
        if (decision == StepDecision.Rejected)
        {
            State = ContractState.Draft;
            AwaitingRole = null;
            RejectionReason = comment?.Trim();
            Record(now, by, "rejected", $"第 {step.Order} 步 {step.Role} 驳回: {RejectionReason}");
            return false;
        }
        Record(now, by, "step-approved", $"第 {step.Order} 步 {step.Role} 同意{(string.IsNullOrWhiteSpace(comment) ? "" : ": " + comment.Trim())}");
        var next = CurrentStep;
        if (next is not null)
        {
            AwaitingRole = next.Role;
            return false;
        }
        State = ContractState.Approved;
        AwaitingRole = null;
        Record(now, by, "approved", "审批通过 approved");
        return true;
    }

    /// <summary>Signs it (签约): version 1 applies from the effective date; active at once when that date has come.</summary>
    public ContractVersion Sign(DateOnly signedOn, string? place, Actor by, DateOnly today, DateTimeOffset now)
    {
        EnsureState("sign", ContractState.Approved);
        if (signedOn > today)
            throw new RequestValidationException("signedOn", "签约日不能晚于今天 (signedOn cannot be in the future).");
        SetSections(Sections with
        {
            Signing = (Sections.Signing ?? new SigningSection()) with { SignedOn = signedOn, Place = string.IsNullOrWhiteSpace(place) ? Sections.Signing?.Place : place.Trim() },
        });
        SignedOn = signedOn;
        TermStartOn = EffectiveOn;
        State = ContractState.Signed;
        CurrentVersion = 1;
        Touch();
        Record(now, by, "signed", $"签约 {signedOn:yyyy-MM-dd}{(place is null ? "" : " 于 " + place.Trim())}, 生效 {EffectiveOn:yyyy-MM-dd}, 到期 {ExpiresOn:yyyy-MM-dd}");
        Activate(today, now);
        return ContractVersion.Of(this, 1, EffectiveOn!.Value, ContractVersion.ReasonOriginal, by, now);
    }

    /// <summary>A signed contract whose effective date has come becomes active (生效).</summary>
    public bool Activate(DateOnly today, DateTimeOffset now)
    {
        if (State != ContractState.Signed || EffectiveOn > today) return false;
        State = ContractState.Active;
        Touch();
        Record(now, Actor.System, "activated", $"自 {EffectiveOn:yyyy-MM-dd} 生效 in force");
        return true;
    }

    /// <summary>
    /// An amendment (补充协议): the changed sections make version n+1, in force from <paramref name="effectiveOn"/>; the
    /// versions before stay in force for the dates before it. The contract's own effective date does not change.
    /// </summary>
    public ContractVersion Amend(ContractSections changes, DateOnly effectiveOn, DateOnly latestVersionEffectiveOn, string? reason, Actor by, DateTimeOffset now)
    {
        EnsureState("amend", ContractState.Signed, ContractState.Active);
        var named = ContractSections.Named(changes);
        if (named.Count == 0)
            throw new RequestValidationException("sections", "变更须至少包含一个条款 (an amendment changes at least one section).");
        if (effectiveOn <= latestVersionEffectiveOn)
            throw new RequestValidationException("effectiveOn", $"变更生效日须晚于现行版本的生效日 {latestVersionEffectiveOn:yyyy-MM-dd} (effectiveOn must be after the latest version's).");
        if (effectiveOn > ExpiresOn)
            throw new RequestValidationException("effectiveOn", $"变更生效日不能晚于合同到期日 {ExpiresOn:yyyy-MM-dd} (effectiveOn must not be after expiry).");
        var merged = Sections.Overlay(changes).Normalized();
        merged = merged with
        {
            // The contract's start and signing stay as signed; an amendment may move the end and the renewal terms.
            Signing = (merged.Signing ?? new SigningSection()) with { EffectiveOn = EffectiveOn, SignedOn = SignedOn },
        };
        merged.Validate(new ValidationErrors()).ThrowIfAny();
        if (merged.Signing!.ExpiresOn is null || merged.Signing.ExpiresOn < effectiveOn)
            throw new RequestValidationException("signing.expiresOn", "到期日不能早于变更生效日 (expiresOn must not be before the amendment's effectiveOn).");
        SetSections(merged);
        CurrentVersion++;
        Touch();
        Record(now, by, "amended", $"第 {CurrentVersion} 版自 {effectiveOn:yyyy-MM-dd} 起生效, 变更: {string.Join(", ", named)}{(string.IsNullOrWhiteSpace(reason) ? "" : "; " + reason.Trim())}");
        return ContractVersion.Of(this, CurrentVersion, effectiveOn, ContractVersion.ReasonAmendment, by, now, named);
    }

    /// <summary>
    /// The end of term came with automatic renewal agreed and no notice given (自动续约): version n+1 carries the same
    /// terms for one more term of the same length.
    /// </summary>
    public ContractVersion RenewAutomatically(DateTimeOffset now)
    {
        var start = ExpiresOn!.Value.AddDays(1);
        var newExpiry = NextTermEnd(TermStartOn ?? EffectiveOn!.Value, ExpiresOn.Value);
        SetSections(Sections with { Signing = Sections.Signing! with { ExpiresOn = newExpiry } });
        TermStartOn = start;
        CurrentVersion++;
        Touch();
        Record(now, Actor.System, "auto-renewed", $"自动续约: 第 {CurrentVersion} 版 {start:yyyy-MM-dd} 至 {newExpiry:yyyy-MM-dd}");
        return ContractVersion.Of(this, CurrentVersion, start, ContractVersion.ReasonAutoRenewal, Actor.System, now);
    }

    /// <summary>The end of a term as long as the one from <paramref name="termStart"/> to <paramref name="termEnd"/>: whole months when it was whole months, else days.</summary>
    public static DateOnly NextTermEnd(DateOnly termStart, DateOnly termEnd)
    {
        var next = termEnd.AddDays(1);
        var months = (next.Year - termStart.Year) * 12 + next.Month - termStart.Month;
        if (months > 0 && termStart.AddMonths(months) == next) return next.AddMonths(months).AddDays(-1);
        return termEnd.AddDays(termEnd.DayNumber - termStart.DayNumber + 1);
    }

    /// <summary>Should the end of term renew it automatically: agreed, no notice given, and no signed successor.</summary>
    public bool RenewsAutomatically(bool hasSignedSuccessor) => AutoRenew && NoticeGivenOn is null && !hasSignedSuccessor;

    public void Expire(DateTimeOffset now)
    {
        EnsureState("expire", ContractState.Signed, ContractState.Active);
        State = ContractState.Expired;
        ExpiredOn = ExpiresOn;
        AwaitingRole = null;
        Touch();
        Record(now, Actor.System, "expired", $"合同于 {ExpiresOn:yyyy-MM-dd} 到期 expired");
    }

    public void Terminate(DateOnly terminatedOn, string reason, Actor by, DateTimeOffset now)
    {
        EnsureState("terminate", ContractState.Signed, ContractState.Active);
        if (terminatedOn < EffectiveOn || terminatedOn > ExpiresOn)
            throw new RequestValidationException("terminatedOn",
                $"终止日须在合同期内 {EffectiveOn:yyyy-MM-dd} 至 {ExpiresOn:yyyy-MM-dd} (terminatedOn must fall within the term).");
        State = ContractState.Terminated;
        TerminatedOn = terminatedOn;
        TerminationReason = reason.Trim();
        Touch();
        Record(now, by, "terminated", $"自 {terminatedOn:yyyy-MM-dd} 终止: {TerminationReason}");
    }

    /// <summary>Notice against automatic renewal (不续约通知), given by the notice date.</summary>
    public void GiveNotice(DateOnly today, Actor by, DateTimeOffset now)
    {
        EnsureState("give notice on", ContractState.Signed, ContractState.Active);
        if (!AutoRenew)
            throw new ConflictException($"合同 {Number} 未约定自动续约, 无需通知 (the contract does not renew automatically).", "Nothing to give notice against.");
        if (NoticeGivenOn is not null)
            throw new ConflictException($"已于 {NoticeGivenOn:yyyy-MM-dd} 通知不续约 (notice was given already).", "Already given.");
        if (today > NoticeDeadline)
            throw new BusinessRuleException("notice-too-late",
                $"不续约通知须在 {NoticeDeadline:yyyy-MM-dd} 前发出 (到期前 {NoticeDays} 天); 合同将自动续约 (notice was due by {NoticeDeadline:yyyy-MM-dd}).");
        NoticeGivenOn = today;
        Touch();
        Record(now, by, "notice-given", $"通知不续约, 合同于 {ExpiresOn:yyyy-MM-dd} 到期");
    }

    public void LinkSuccessor(Contract successor, Actor by, DateTimeOffset now)
    {
        EnsureState("renew", ContractState.Signed, ContractState.Active, ContractState.Expired);
        if (RenewedByContractId is not null)
            throw new ConflictException($"合同 {Number} 已有续签合同 (the contract was renewed already: {RenewedByContractId}).", "Already renewed.");
        RenewedByContractId = successor.Id;
        Touch();
        Record(now, by, "renewed", $"续签草稿 {successor.Number}");
    }

    /// <summary>The custodian's archive data (专人管理: 档案号, 存放位置, 类别).</summary>
    public void Archive(string archiveNumber, string location, string category, Actor by, DateTimeOffset now)
    {
        EnsureState("archive", ContractState.Signed, ContractState.Active, ContractState.Expired, ContractState.Terminated);
        ArchiveNumber = archiveNumber.Trim();
        ArchiveLocation = location.Trim();
        Category = category.Trim();
        CustodianId = by.Id;
        CustodianName = by.Name;
        ArchivedAt = now;
        Touch();
        Record(now, by, "archived", $"归档 {ArchiveNumber}, {ArchiveLocation}, {Category}");
    }

    /// <summary>Whether this contract's exclusive right and <paramref name="other"/>'s cover a common territory, product line and day.</summary>
    public bool ExclusiveOverlaps(Contract other)
    {
        if (Level != DistributionLevel.Exclusive || other.Level != DistributionLevel.Exclusive || other.Id == Id) return false;
        if (!Territories.Intersect(other.Territories, StringComparer.Ordinal).Any()) return false;
        if (!ProductLines.Intersect(other.ProductLines, StringComparer.Ordinal).Any()) return false;
        var (from, to) = RightsPeriod;
        var (otherFrom, otherTo) = other.RightsPeriod;
        return from <= otherTo && otherFrom <= to;
    }

    public (DateOnly From, DateOnly To) RightsPeriod =>
        (RightsFrom ?? EffectiveOn ?? DateOnly.MinValue, RightsTo ?? TerminatedOn?.AddDays(-1) ?? ExpiresOn ?? DateOnly.MaxValue);

    private void SetSections(ContractSections sections)
    {
        Sections = sections;
        TotalAmount = sections.TotalAmount;
        EffectiveOn = sections.Signing?.EffectiveOn;
        ExpiresOn = sections.Signing?.ExpiresOn;
        AutoRenew = sections.Signing?.AutoRenew ?? false;
        NoticeDays = sections.Signing?.NoticeDays ?? 0;
        Level = sections.Level;
        Territories = sections.DistributionRights?.Territories?.ToList() ?? [];
        ProductLines = sections.DistributionRights?.ProductLines?.ToList() ?? [];
        RightsFrom = sections.DistributionRights?.From;
        RightsTo = sections.DistributionRights?.To;
    }

    private void EnsureState(string action, params ContractState[] allowed)
    {
        if (!allowed.Contains(State))
            throw new ConflictException(
                $"合同 {Number} 当前为 {State.ToString().ToLowerInvariant()} 状态, 不能 {action} ({action} needs a contract that is {string.Join(" or ", allowed.Select(s => s.ToString().ToLowerInvariant()))}).",
                "Wrong state.");
    }

    private void Touch() => Version++;

    private void Record(DateTimeOffset at, Actor by, string action, string? detail) => _timeline.Add(new TimelineEntry(at, by, action, detail));
}
