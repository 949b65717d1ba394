using Crm.Messaging.Outbox;

namespace Crm.Customers.Services;

/// <summary>
/// What is recorded with a customer file without changing its card: visits and other contacts (拜访记录, closing a
/// visit plan), violations (违规记录) and major incidents (重大变故). Each has its event; none bumps the card's version.
/// </summary>
public sealed class CustomerRecords(
    CustomersDbContext db, CustomerAccess access, BusinessCalendar calendar, TimeProvider clock, CustomersMetrics metrics,
    VisitPlans visitPlans, FieldWorkMetrics fieldWork)
{
    public async Task<Visit> RecordVisitAsync(Guid id, VisitRequest request, CancellationToken cancellationToken)
    {
        var customer = await db.LoadCustomerAsync(id, cancellationToken);
        // The visitor of a plan for this customer and day records the visit that closes it (an executive visit by a
        // manager, a rep's visit planned by a manager); otherwise only the owner records visits.
        var plan = request.On is { } day ? await visitPlans.OpenPlanForAsync(customer.Id, day, access.Actor.Id, cancellationToken) : null;
        if (plan is null) access.EnsureOwner(customer, "record visits to it");
        var errors = new ValidationErrors()
            .Required("on", request.On)
            .Required("kind", request.Kind, "visit, phone, meeting, executive-visit or other");
        Visit.Validate(errors, request.On, request.Summary, calendar.Today).ThrowIfAny();

        var now = clock.GetUtcNow();
        var visit = Visit.Record(customer, request.On!.Value, request.Kind!.Value, request.Summary?.Trim() ?? "", access.Actor, now, calendar.Today);
        db.Visits.Add(visit);
        var late = plan?.State == VisitPlanState.Missed;
        plan?.CloseBy(visit, now);
        db.AddIntegrationEvent(CustomerIntegrationEvents.Contacted(customer, visit, now, plan?.Id), clock);
        await db.SaveChangesAsync(cancellationToken);
        metrics.Visit(ApiNames.Of(visit.Kind));
        if (plan is not null) fieldWork.PlanClosed(late);
        return visit;
    }

    public async Task<Violation> RecordViolationAsync(Guid id, ViolationRequest request, CancellationToken cancellationToken)
    {
        var customer = await db.LoadCustomerAsync(id, cancellationToken);
        var errors = new ValidationErrors()
            .Required("occurredOn", request.OccurredOn)
            .Required("type", request.Type, "cross-region-selling, price-violation, payment-default, counterfeit, contract-breach or other");
        Violation.Validate(errors, request.OccurredOn, request.Description, calendar.Today).ThrowIfAny();

        var now = clock.GetUtcNow();
        var violation = Violation.Record(customer, request.OccurredOn!.Value, request.Type!.Value, request.Description?.Trim() ?? "", access.Actor, now, calendar.Today);
        db.Violations.Add(violation);
        db.AddIntegrationEvent(CustomerIntegrationEvents.ViolationRecorded(customer, violation, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        metrics.Violation(ApiNames.Of(violation.Type));
        return violation;
    }

    public async Task<Incident> ReportIncidentAsync(Guid id, IncidentRequest request, CancellationToken cancellationToken)
    {
        var customer = await db.LoadCustomerAsync(id, cancellationToken);
        access.EnsureOwner(customer, "report its major incidents");
        var errors = new ValidationErrors()
            .Required("kind", request.Kind, "theft, accident, fire, family-split, serious-illness, legal-dispute or other")
            .Required("occurredOn", request.OccurredOn);
        Incident.Validate(errors, request.OccurredOn, request.Description, calendar.Today).ThrowIfAny();

        var now = clock.GetUtcNow();
        var incident = Incident.Report(customer, request.Kind!.Value, request.Description?.Trim() ?? "", request.OccurredOn!.Value, access.Actor, now, calendar.Today);
        db.Incidents.Add(incident);
        db.AddIntegrationEvent(CustomerIntegrationEvents.IncidentReported(customer, incident, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        metrics.Incident(ApiNames.Of(incident.Kind));
        return incident;
    }
}
