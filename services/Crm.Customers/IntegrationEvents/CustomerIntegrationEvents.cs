using Crm.Events;

namespace Crm.Customers.IntegrationEvents;

/// <summary>
/// The events this service publishes, built from the model with the fields their subscribers need. Sensitive values
/// never travel: a change to one is listed by its field name only.
/// </summary>
public static class CustomerIntegrationEvents
{
    public static CustomerRegistered Registered(Customer customer, string source, DateOnly contactDueOn, DateTimeOffset now) => new CustomerRegistered
    {
        Code = customer.Code,
        Name = customer.Name,
        Kind = ApiNames.Of(customer.Kind),
        Region = customer.Region,
        Route = customer.Route,
        Industry = customer.Industry,
        Category = ApiNames.Of(customer.Category),
        Status = ApiNames.Of(customer.Status),
        OwnerId = customer.OwnerId,
        OwnerName = customer.OwnerName,
        RegisteredBy = customer.RegisteredBy,
        EntryDate = customer.EntryDate,
        Source = source,
        ContactDueOn = contactDueOn,
        ParentId = customer.ParentId,
        OutletTier = customer.OutletTier is { } tier ? ApiNames.Of(tier) : null,
    }.About(customer.BranchId, customer.Id, now);

    public static CustomerChanged Changed(Customer customer, IReadOnlyList<ChangedField> changes, string? reason, Actor by, DateTimeOffset now) => new CustomerChanged
    {
        Changes = changes.Select(c => Masking.IsSensitive(c.Field) ? new FieldChange(c.Field, null, null) : new FieldChange(c.Field, c.From, c.To)).ToList(),
        Reason = reason ?? "",
        ChangedBy = by.Id,
        Version = customer.Version,
        Name = customer.Name,
        Region = customer.Region,
        Route = customer.Route,
        Category = ApiNames.Of(customer.Category),
        OwnerId = customer.OwnerId,
        ParentId = customer.ParentId,
    }.About(customer.BranchId, customer.Id, now);

    public static CustomerOwnerChanged OwnerChanged(
        Customer customer, string previousOwnerId, bool previousOwnerMissedDeadline, DateOnly contactDueOn, string reason, Actor by, DateTimeOffset now) => new CustomerOwnerChanged
    {
        PreviousOwnerId = previousOwnerId,
        OwnerId = customer.OwnerId,
        OwnerName = customer.OwnerName,
        Reason = reason,
        ChangedBy = by.Id,
        PreviousOwnerMissedContactDeadline = previousOwnerMissedDeadline,
        ContactDueOn = contactDueOn,
    }.About(customer.BranchId, customer.Id, now);

    public static CustomerStatusChanged StatusChanged(Customer customer, CustomerStatus previous, string reason, Actor by, DateTimeOffset now) => new CustomerStatusChanged
    {
        PreviousStatus = ApiNames.Of(previous),
        Status = ApiNames.Of(customer.Status),
        Reason = reason,
        ChangedBy = by.Id,
        OwnerId = customer.OwnerId,
    }.About(customer.BranchId, customer.Id, now);

    public static CustomerContacted Contacted(Customer customer, Visit visit, DateTimeOffset now, Guid? planId = null) => new CustomerContacted
    {
        VisitId = visit.Id,
        On = visit.On,
        Kind = ApiNames.Of(visit.Kind),
        ContactedBy = visit.ContactedBy,
        OwnerId = customer.OwnerId,
        PlanId = planId,
    }.About(customer.BranchId, customer.Id, now);

    public static CustomerIncidentReported IncidentReported(Customer customer, Incident incident, DateTimeOffset now) => new CustomerIncidentReported
    {
        IncidentId = incident.Id,
        Kind = ApiNames.Of(incident.Kind),
        Description = incident.Description,
        OccurredOn = incident.OccurredOn,
        ReportedBy = incident.ReportedBy,
        OwnerId = customer.OwnerId,
    }.About(customer.BranchId, customer.Id, now);

    public static CustomerEvaluated Evaluated(Customer customer, ScorecardEvaluation evaluation, DateTimeOffset now) => new CustomerEvaluated
    {
        EvaluationId = evaluation.Id,
        Initiative = evaluation.Initiative,
        Capability = evaluation.Capability,
        Reputation = evaluation.Reputation,
        Relations = evaluation.Relations,
        WeightedScore = evaluation.WeightedScore,
        EvaluatedBy = evaluation.EvaluatedBy,
        InitiativeWeight = evaluation.InitiativeWeight,
        CapabilityWeight = evaluation.CapabilityWeight,
        ReputationWeight = evaluation.ReputationWeight,
        RelationsWeight = evaluation.RelationsWeight,
    }.About(customer.BranchId, customer.Id, now);

    public static CustomerViolationRecorded ViolationRecorded(Customer customer, Violation violation, DateTimeOffset now) => new CustomerViolationRecorded
    {
        ViolationId = violation.Id,
        OccurredOn = violation.OccurredOn,
        Type = ApiNames.Of(violation.Type),
        Description = violation.Description,
        RecordedBy = violation.RecordedBy,
        OwnerId = customer.OwnerId,
    }.About(customer.BranchId, customer.Id, now);
}
