namespace Crm.AfterSales.Model;

/// <summary>
/// The complaint procedure's states (API.md). <c>awaiting-customer</c>: the customer answered the signed-off resolution
/// and did not accept it; the negotiation goes on (re-proposal, escalation, or a later satisfied answer).
/// </summary>
public enum ComplaintState
{
    Received,
    Assessed,
    Proposed,
    SignedOff,
    AwaitingCustomer,
    Executing,
    Litigation,
    Closed,
}

/// <summary>质量问题 quality or 非质量问题 non-quality (初步判断).</summary>
public enum ComplaintCategory
{
    Quality,
    NonQuality,
}

public enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>The six root-cause categories 人机料法环测.</summary>
public enum RootCause
{
    People,       // 人
    Machine,      // 机
    Material,     // 料
    Method,       // 法
    Environment,  // 环
    Measurement,  // 测
}

public enum ResolutionKind
{
    Replacement,
    Return,
    Repair,
    Compensation,
    CreditNote,
    Explanation,
}

/// <summary>退换货: return (退货), exchange (换货), repair (维修), repackage (调换包装).</summary>
public enum ReturnKind
{
    Return,
    Exchange,
    Repair,
    Repackage,
}

/// <summary>What may be done to a complaint; the API's route names (kebab-case).</summary>
public enum ComplaintAction
{
    Assess,
    Propose,
    SignOff,
    SendBack,
    CustomerResponse,
    Pause,
    Resume,
    Complete,
    Escalate,
    LitigationOutcome,
    Attach,
}
