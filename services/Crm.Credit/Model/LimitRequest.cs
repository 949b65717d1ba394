namespace Crm.Credit.Model;

public enum LimitRequestState
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>manual: a rep or inside-sales asked for it; grading: a grading run proposed it.</summary>
public enum LimitRequestSource
{
    Manual,
    Grading,
}

public enum StepDecision
{
    Approved,
    Rejected,
}

/// <summary>One step of the approval chain: the role that decides it, and who decided, when, how and why.</summary>
public sealed class ApprovalStep : ApprovalStepBase<StepDecision>
{
    private ApprovalStep() { }

    internal ApprovalStep(int order, string role) : base(order, role) { }

    internal void Decide(StepDecision decision, string by, string byName, string? comment, DateTimeOffset now) => Record(decision, by, byName, comment, now);
}

/// <summary>
/// A credit limit change request (客户信用额度变更申请表). A limit never changes silently: the request passes the chain
/// 销售管理部经理 → 销售副总 → 销售总经理 → 集团总经理 in order; only the role of the current step decides; any step may
/// reject, which is final; the last approval applies the limit. While it is pending it is the customer's one open
/// request (<see cref="OpenForCustomerId"/> carries a unique index).
/// </summary>
public sealed class LimitRequest : IBranchOwned
{
    public const int ReasonMaxLength = 1000;
    public const int CommentMaxLength = 1000;

    /// <summary>The approval chain, in order.</summary>
    public static IReadOnlyList<string> Chain { get; } = [CrmRoles.SalesAdminManager, CrmRoles.SalesVp, CrmRoles.SalesGm, CrmRoles.GroupGm];

    private readonly List<ApprovalStep> _steps = [];

    private LimitRequest() { }

    public Guid Id { get; private set; }
    public string BranchId { get; private set; } = "";
    public Guid CustomerId { get; private set; }
    public LimitRequestSource Source { get; private set; }
    /// <summary>The grading period whose result proposed it (grading requests only).</summary>
    public string? GradingPeriod { get; private set; }
    public Grade? Grade { get; private set; }
    public decimal CurrentLimit { get; private set; }
    public decimal ProposedLimit { get; private set; }
    public string Reason { get; private set; } = "";
    public string RequestedBy { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public LimitRequestState State { get; private set; }
    /// <summary>The customer while the request is pending, null once decided: one open request per customer.</summary>
    public Guid? OpenForCustomerId { get; private set; }
    /// <summary>The role whose decision is awaited; null once decided.</summary>
    public string? AwaitingRole { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public long Version { get; private set; }

    public IReadOnlyList<ApprovalStep> Steps => _steps;

    public ApprovalStep? CurrentStep => _steps.FirstOrDefault(s => s.Decision is null && State == LimitRequestState.Pending);

    public static LimitRequest Open(
        Guid customerId, string branchId, decimal currentLimit, decimal proposedLimit, string reason, LimitRequestSource source,
        YearMonth? gradingPeriod, Grade? grade, string by, string byName, DateTimeOffset now)
    {
        if (proposedLimit == currentLimit)
            throw new BusinessRuleException("limit-unchanged",
                $"The proposed limit equals the current limit ({currentLimit:N2}); there is nothing to approve.");
        var request = new LimitRequest
        {
            Id = Guid.CreateVersion7(now),
            BranchId = branchId,
            CustomerId = customerId,
            Source = source,
            GradingPeriod = gradingPeriod?.ToString(),
            Grade = grade,
            CurrentLimit = currentLimit,
            ProposedLimit = proposedLimit,
            Reason = reason.Trim(),
            RequestedBy = by,
            RequestedByName = byName,
            RequestedAt = now,
            State = LimitRequestState.Pending,
            OpenForCustomerId = customerId,
            AwaitingRole = Chain[0],
            Version = 1,
        };
        request._steps.AddRange(Chain.Select((role, index) => new ApprovalStep(index + 1, role)));
        return request;
    }

    /// <summary>
    /// Records a decision on the current step. 409 once the request is decided or the caller's step has been decided
    /// already; 403 for the requester (separation of duties), a caller without the current step's role, or who decided an
    /// earlier step of this request.
    /// Returns true when this decision was the last approval, and the limit must now be applied.
    /// </summary>
    public bool Decide(StepDecision decision, ICurrentUser user, string? comment, DateTimeOffset now)
    {
        if (State != LimitRequestState.Pending)
            throw new ConflictException($"The request was {ApiName(State)} on {DecidedAt:yyyy-MM-dd HH:mm} UTC; a decided request cannot be decided again.",
                "Already decided.");
        // A grading proposal is filed by the model (the amount is its own); whoever ran the grading did not ask for it.
        if (Source == LimitRequestSource.Manual)
            SeparationOfDuties.EnsureNotFiler(user.Id, "额度变更申请 the credit-limit request", RequestedBy);
        var step = CurrentStep!;
        if (!user.IsInRole(step.Role))
        {
            var decidedByCallersRole = _steps.FirstOrDefault(s => s.Decision is not null && user.IsInRole(s.Role));
            if (decidedByCallersRole is not null)
                throw new ConflictException(
                    $"Step {decidedByCallersRole.Order} ({decidedByCallersRole.Role}) was already decided by {decidedByCallersRole.DecidedByName}; the request now awaits {step.Role}.",
                    "Already decided.");
            throw new ForbiddenException($"The request awaits the decision of step {step.Order}, {step.Role}; your roles may not decide it.");
        }
        if (_steps.Any(s => s.DecidedBy == user.Id))
            throw new ForbiddenException("You decided an earlier step of this request; each step needs a different person.");

        step.Decide(decision, user.Id, user.Name, comment, now);
        Version++;
        if (decision == StepDecision.Rejected)
        {
            Close(LimitRequestState.Rejected, now);
            return false;
        }
        var next = CurrentStep;
        if (next is not null)
        {
            AwaitingRole = next.Role;
            return false;
        }
        Close(LimitRequestState.Approved, now);
        return true;
    }

    private void Close(LimitRequestState state, DateTimeOffset now)
    {
        State = state;
        DecidedAt = now;
        OpenForCustomerId = null;
        AwaitingRole = null;
    }

    private static string ApiName(LimitRequestState state) => state.ToString().ToLowerInvariant();
}
