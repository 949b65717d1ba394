namespace Crm.Events;

/// <summary>A complaint (客诉) was received, with its service-level deadlines.</summary>
[EntityName("crm.complaint-opened")]
public sealed record ComplaintOpened : IntegrationEvent
{
    public Guid ComplaintId { get; init; }
    public string Subject { get; init; } = "";
    public string? Product { get; init; }
    /// <summary>low, medium, high, critical.</summary>
    public string Severity { get; init; } = "medium";
    public string OpenedBy { get; init; } = "";
    public DateTimeOffset FirstResponseDue { get; init; }
    public DateTimeOffset ResolveDue { get; init; }
}

/// <summary>
/// A complaint got its first answer (初步判断: assessed as quality or non-quality): it is no longer unanswered.
/// </summary>
[EntityName("crm.complaint-answered")]
public sealed record ComplaintAnswered : IntegrationEvent
{
    public Guid ComplaintId { get; init; }
    /// <summary>quality or non-quality.</summary>
    public string Category { get; init; } = "";
    public string Severity { get; init; } = "medium";
    public DateTimeOffset ResolveDue { get; init; }
}

/// <summary>A complaint was closed: after a satisfied customer response, or by a litigation outcome.</summary>
[EntityName("crm.complaint-resolved")]
public sealed record ComplaintResolved : IntegrationEvent
{
    public Guid ComplaintId { get; init; }
    /// <summary>quality or non-quality.</summary>
    public string Category { get; init; } = "";
    public string Severity { get; init; } = "medium";
    /// <summary>replacement, return, repair, compensation, credit-note, explanation; empty when closed by litigation.</summary>
    public string Resolution { get; init; } = "";
    /// <summary>customer-satisfied or litigation.</summary>
    public string ClosedBy { get; init; } = "customer-satisfied";
    /// <summary>For quality complaints: people, machine, material, method, environment, measurement (人机料法环测).</summary>
    public string? RootCause { get; init; }
    public string? Product { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
    /// <summary>False when a service-level deadline was missed on the way.</summary>
    public bool ServiceLevelMet { get; init; } = true;
}

/// <summary>An unsatisfied complaint was escalated to litigation (诉讼程序).</summary>
[EntityName("crm.complaint-escalated")]
public sealed record ComplaintEscalated : IntegrationEvent
{
    public Guid ComplaintId { get; init; }
    public string CaseNumber { get; init; } = "";
    public string Court { get; init; } = "";
    public string Reason { get; init; } = "";
    public string EscalatedBy { get; init; } = "";
}

/// <summary>
/// A complaint missed a service-level deadline (first response or resolution). Sent once per deadline; the branch's
/// managers are to act (alert <c>complaint-unanswered</c>).
/// </summary>
[EntityName("crm.complaint-sla-breached")]
public sealed record ComplaintSlaBreached : IntegrationEvent
{
    public Guid ComplaintId { get; init; }
    public string Subject { get; init; } = "";
    /// <summary>first-response or resolution.</summary>
    public string Deadline { get; init; } = "first-response";
    public DateTimeOffset DueAt { get; init; }
    /// <summary>The complaint's state when the deadline passed.</summary>
    public string State { get; init; } = "";
    public string? Category { get; init; }
    public string Severity { get; init; } = "medium";
}

/// <summary>
/// A return, exchange, repair or repackaging (退换货) was granted. A return with an amount becomes a credit note in
/// the credit service.
/// </summary>
[EntityName("crm.return-approved")]
public sealed record ReturnApproved : IntegrationEvent
{
    public Guid ReturnId { get; init; }
    /// <summary>return, exchange, repair, repackage.</summary>
    public string Kind { get; init; } = "";
    public string Product { get; init; } = "";
    public decimal Quantity { get; init; }
    /// <summary>The amount credited to the customer (0 for an exchange, a repair or repackaging).</summary>
    public decimal Amount { get; init; }
    /// <summary>The recorded sale (ledger entry) being returned, when known.</summary>
    public Guid? SaleId { get; init; }
    public DateOnly SoldOn { get; init; }
    public DateOnly ApprovedOn { get; init; }
    public Guid? ComplaintId { get; init; }
    /// <summary>The contract whose window applied; null when the branch default did.</summary>
    public ContractReference? Contract { get; init; }
    public int WindowDays { get; init; }
    /// <summary>Granted outside the window by a manager's override (with its reason).</summary>
    public bool Override { get; init; }
    public string? OverrideReason { get; init; }
}
