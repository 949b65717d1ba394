using MassTransit;

namespace Crm.Events;

/// <summary>A complaint (客诉) was received.</summary>
[EntityName("crm.complaint-opened")]
public sealed record ComplaintOpened : IntegrationEvent
{
    public Guid ComplaintId { get; init; }
    public string Subject { get; init; } = "";
    public string OpenedBy { get; init; } = "";
}

/// <summary>A complaint was closed after the customer accepted the resolution.</summary>
[EntityName("crm.complaint-resolved")]
public sealed record ComplaintResolved : IntegrationEvent
{
    public Guid ComplaintId { get; init; }
    /// <summary>quality or non-quality.</summary>
    public string Category { get; init; } = "";
    public string Resolution { get; init; } = "";
    public DateTimeOffset OpenedAt { get; init; }
}

/// <summary>A complaint was escalated after an unsatisfied response, up to litigation (诉讼程序).</summary>
[EntityName("crm.complaint-escalated")]
public sealed record ComplaintEscalated : IntegrationEvent
{
    public Guid ComplaintId { get; init; }
    public string Reason { get; init; } = "";
    public string EscalatedBy { get; init; } = "";
}

/// <summary>A return, exchange, repair or repackaging (退换货) was granted.</summary>
[EntityName("crm.return-approved")]
public sealed record ReturnApproved : IntegrationEvent
{
    public Guid ReturnId { get; init; }
    /// <summary>return, exchange, repair, repackage.</summary>
    public string Kind { get; init; } = "";
    public string Product { get; init; } = "";
    public decimal Quantity { get; init; }
    public DateOnly SoldOn { get; init; }
}
