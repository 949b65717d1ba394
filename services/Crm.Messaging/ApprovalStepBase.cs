namespace Crm.Messaging;

/// <summary>
/// One step of an approval chain (审批): the role that decides it, and who decided, when, how and why. A contract's
/// approval and a credit-limit request each keep their steps (with their service's own decision values) in a JSON
/// column beside their row; the chain's rules stay with the row.
/// </summary>
public abstract class ApprovalStepBase<TDecision> where TDecision : struct, Enum
{
    protected ApprovalStepBase() { }

    protected ApprovalStepBase(int order, string role)
    {
        Order = order;
        Role = role;
    }

    public int Order { get; private set; }
    public string Role { get; private set; } = "";
    public TDecision? Decision { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Comment { get; private set; }

    /// <summary>The decision, by whom and when; a blank comment is none.</summary>
    protected void Record(TDecision decision, string by, string byName, string? comment, DateTimeOffset now)
    {
        Decision = decision;
        DecidedBy = by;
        DecidedByName = byName;
        DecidedAt = now;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }
}
