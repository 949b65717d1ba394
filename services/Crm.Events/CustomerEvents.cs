namespace Crm.Events;

/// <summary>A customer file (客户档案) was created, directly or from an approved development application.</summary>
[EntityName("crm.customer-registered")]
public sealed record CustomerRegistered : IntegrationEvent
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>agent (代理商), factory (工厂), trading (贸易公司), other.</summary>
    public string Kind { get; init; } = "";
    public string Region { get; init; } = "";
    public string? Route { get; init; }
    public string? Industry { get; init; }
    /// <summary>core (核心), important (重要), general (一般).</summary>
    public string? Category { get; init; }
    /// <summary>active, inactive, lost.</summary>
    public string Status { get; init; } = "active";
    /// <summary>The responsible rep (专人负责).</summary>
    public string OwnerId { get; init; } = "";
    public string? OwnerName { get; init; }
    public string RegisteredBy { get; init; } = "";
    public DateOnly EntryDate { get; init; }
    /// <summary>How the file was opened: api, import, development-application.</summary>
    public string? Source { get; init; }
    /// <summary>The date by which the owner must have contacted the new customer (一周内联系).</summary>
    public DateOnly? ContactDueOn { get; init; }
    /// <summary>The distributor this outlet hangs under in the channel tree (渠道); null for a top-level customer.</summary>
    public Guid? ParentId { get; init; }
    /// <summary>An outlet's tier: second-tier wholesaler (二批) "wholesaler", "retail" (零售终端) or "other"; null when not an outlet.</summary>
    public string? OutletTier { get; init; }
}

/// <summary>
/// One changed field of a customer file. Sensitive fields (taxNumber, invoiceBank, invoiceAccount, invoicePhone,
/// invoiceRequirements, a contact's birthday and personalNotes) carry no values, only their name. A contact's field
/// is named <c>contacts[{contactId}].{field}</c>.
/// </summary>
public sealed record FieldChange(string Field, string? From, string? To);

/// <summary>A customer file was edited; carries the changes and the fields projections keep.</summary>
[EntityName("crm.customer-changed")]
public sealed record CustomerChanged : IntegrationEvent
{
    public IReadOnlyList<FieldChange> Changes { get; init; } = [];
    public string Reason { get; init; } = "";
    public string ChangedBy { get; init; } = "";
    public long Version { get; init; }
    public string Name { get; init; } = "";
    public string Region { get; init; } = "";
    public string? Route { get; init; }
    public string? Category { get; init; }
    /// <summary>The owner rep at the time of the change.</summary>
    public string? OwnerId { get; init; }
    /// <summary>The distributor this outlet hangs under after the change (渠道); null for a top-level customer.</summary>
    public Guid? ParentId { get; init; }
}

/// <summary>The customer was reassigned to another rep.</summary>
[EntityName("crm.customer-owner-changed")]
public sealed record CustomerOwnerChanged : IntegrationEvent
{
    public string PreviousOwnerId { get; init; } = "";
    public string OwnerId { get; init; } = "";
    public string? OwnerName { get; init; }
    public string Reason { get; init; } = "";
    public string ChangedBy { get; init; } = "";
    /// <summary>Whether the previous owner had let the week to contact the customer pass (一周内联系, 否则可转给他人).</summary>
    public bool PreviousOwnerMissedContactDeadline { get; init; }
    /// <summary>The date by which the new owner must contact the customer.</summary>
    public DateOnly? ContactDueOn { get; init; }
}

/// <summary>active (活跃), inactive (非活跃), lost (丢失).</summary>
[EntityName("crm.customer-status-changed")]
public sealed record CustomerStatusChanged : IntegrationEvent
{
    public string PreviousStatus { get; init; } = "";
    public string Status { get; init; } = "";
    public string Reason { get; init; } = "";
    public string ChangedBy { get; init; } = "";
    /// <summary>The owner rep, who answers for the customer.</summary>
    public string? OwnerId { get; init; }
}

/// <summary>A visit or other contact with the customer was recorded (沟通体制).</summary>
[EntityName("crm.customer-contacted")]
public sealed record CustomerContacted : IntegrationEvent
{
    public Guid VisitId { get; init; }
    public DateOnly On { get; init; }
    /// <summary>visit, phone, meeting (座谈会), executive-visit, other.</summary>
    public string Kind { get; init; } = "";
    public string ContactedBy { get; init; } = "";
    /// <summary>The owner rep at the time; a contact by the owner meets the new-customer contact rule.</summary>
    public string? OwnerId { get; init; }
    /// <summary>The visit plan (拜访计划) this visit closed, if it closed one.</summary>
    public Guid? PlanId { get; init; }
}

/// <summary>A rep reported a major incident (重大变故): theft, accident, family split, serious illness…</summary>
[EntityName("crm.customer-incident-reported")]
public sealed record CustomerIncidentReported : IntegrationEvent
{
    public Guid IncidentId { get; init; }
    public string Kind { get; init; } = "";
    public string Description { get; init; } = "";
    public DateOnly OccurredOn { get; init; }
    public string ReportedBy { get; init; } = "";
    public string OwnerId { get; init; } = "";
}

/// <summary>A scorecard evaluation (客户评价) was recorded; its weighted score feeds grading.</summary>
[EntityName("crm.customer-evaluated")]
public sealed record CustomerEvaluated : IntegrationEvent
{
    public Guid EvaluationId { get; init; }
    public decimal Initiative { get; init; }
    public decimal Capability { get; init; }
    public decimal Reputation { get; init; }
    public decimal Relations { get; init; }
    /// <summary>0–100, weighted with the weights in force at the time.</summary>
    public decimal WeightedScore { get; init; }
    public string EvaluatedBy { get; init; } = "";
    /// <summary>The weights (percent, summing to 100) the score was weighted with.</summary>
    public int InitiativeWeight { get; init; }
    public int CapabilityWeight { get; init; }
    public int ReputationWeight { get; init; }
    public int RelationsWeight { get; init; }
}

/// <summary>A violation (违规记录) was recorded against the customer: cross-region selling (窜货), price violation (乱价)…</summary>
[EntityName("crm.customer-violation-recorded")]
public sealed record CustomerViolationRecorded : IntegrationEvent
{
    public Guid ViolationId { get; init; }
    public DateOnly OccurredOn { get; init; }
    /// <summary>cross-region-selling, price-violation, payment-default, counterfeit, contract-breach, other.</summary>
    public string Type { get; init; } = "";
    public string Description { get; init; } = "";
    public string RecordedBy { get; init; } = "";
    public string OwnerId { get; init; } = "";
}
