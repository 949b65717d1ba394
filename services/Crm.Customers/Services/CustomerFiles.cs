using Crm.Customers.Apis;
using Crm.Customers.Infrastructure;
using Crm.Customers.IntegrationEvents;
using Crm.Customers.Model;
using Crm.Messaging.Outbox;
using Crm.ServiceDefaults;
using Crm.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Services;

/// <summary>
/// Every change of an existing customer file: the card, status, owner, contacts, and the records kept with it (visits,
/// violations, incidents, evaluations). Each loads the file in the caller's branch (404 otherwise), checks who may act,
/// applies the model's rule, stages its event in the outbox and saves once.
/// </summary>
public sealed class CustomerFiles(
    CustomersDbContext db, CustomerAccess access, BusinessCalendar calendar, TimeProvider clock, DuplicateDetector duplicates,
    ContactDeadline deadline, CustomersMetrics metrics, IOptions<CustomersOptions> options, ChannelTree channel,
    VisitPlans visitPlans, FieldWorkMetrics fieldWork)
{
    public const int ReasonMaxLength = 2000;

    public async Task<Customer> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Customers.Include(c => c.Contacts).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new NotFoundException("customer", id);

    public async Task<Customer> UpdateAsync(Guid id, UpdateCustomerRequest request, long expectedVersion, CancellationToken cancellationToken)
    {
        var customer = await LoadAsync(id, cancellationToken);
        access.EnsureCanEdit(customer);

        var seesSensitive = access.SeesSensitiveDataOf(customer.OwnerId);
        if (!seesSensitive) request = HiddenFields.LeftAsTheyWere(request, customer);
        var errors = new ValidationErrors().Required("changeReason", request.ChangeReason, ReasonMaxLength);
        var profile = request.ToProfile(errors, calendar.Today);
        errors.ThrowIfAny();
        ExpectedVersion.Check("customer", customer.Version, expectedVersion);
        if (!seesSensitive) profile = HiddenFields.KeptFrom(profile!, customer);

        var reason = request.ChangeReason!.Trim();
        if (profile!.ParentId != customer.ParentId)
            await channel.EnsureParentAsync(customer.Id, customer.BranchId, profile.ParentId, cancellationToken);
        // Only a file renamed, moved or given another tax number is checked for duplicates like a new one, and only that
        // check needs the group-wide registration lock; any other edit is guarded by the card's version alone (the row's
        // concurrency token: a change committed since it was read fails the save with 409).
        var needsDuplicateCheck = NameKey.ForName(profile!.Name) != customer.NameKey
            || NameKey.ForRegion(profile.Region) != customer.RegionKey || profile.TaxNumber != customer.TaxNumber;
        await using var transaction = needsDuplicateCheck ? await db.BeginRegistrationTransactionAsync(cancellationToken) : null;
        if (needsDuplicateCheck)
        {
            metrics.UpdateTookRegistrationLock();
            var candidates = await duplicates.FindCustomersAsync(profile.Name, profile.Region, profile.TaxNumber, customer.Id, cancellationToken);
            var confirmed = duplicates.Settle(candidates, request.ConfirmNotDuplicate, reason);
            if (confirmed.Count > 0) reason = DuplicateDetector.ConfirmationNote(confirmed, reason);
        }

        var now = clock.GetUtcNow();
        var changes = customer.Update(profile, access.Actor, reason, now);
        if (changes.Count > 0)
        {
            db.AddIntegrationEvent(CustomerIntegrationEvents.Changed(customer, changes, reason, access.Actor, now), clock);
            metrics.Updated();
        }
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        return customer;
    }

    public async Task<Customer> ChangeStatusAsync(Guid id, ChangeStatusRequest request, long expectedVersion, CancellationToken cancellationToken)
    {
        var customer = await LoadAsync(id, cancellationToken);
        access.EnsureCanChangeStatus(customer);
        new ValidationErrors()
            .Required("status", request.Status, "active, inactive or lost")
            .Required("reason", request.Reason, ReasonMaxLength)
            .ThrowIfAny();
        CheckVersion(customer, expectedVersion);

        var now = clock.GetUtcNow();
        var reason = request.Reason!.Trim();
        var previous = customer.ChangeStatus(request.Status!.Value, access.Actor, reason, now);
        db.AddIntegrationEvent(CustomerIntegrationEvents.StatusChanged(customer, previous, reason, access.Actor, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        metrics.StatusChanged(ApiNames.Of(customer.Status));
        return customer;
    }

    /// <summary>Reassigns the customer (sales administration manager and above, as the route requires).</summary>
    public async Task<Customer> ReassignAsync(Guid id, ReassignOwnerRequest request, long expectedVersion, CancellationToken cancellationToken)
    {
        var customer = await LoadAsync(id, cancellationToken);
        new ValidationErrors()
            .Required("ownerId", request.OwnerId, 100)
            .MaxLength("ownerName", request.OwnerName, 100)
            .Required("reason", request.Reason, ReasonMaxLength)
            .ThrowIfAny();
        CheckVersion(customer, expectedVersion);

        var missedDeadline = deadline.IsOverdue(customer, await deadline.FirstContactByOwnerAsync(db, customer, cancellationToken));
        var now = clock.GetUtcNow();
        var reason = request.Reason!.Trim();
        var previous = customer.Reassign(
            request.OwnerId!.Trim(), CustomerCardFields.Clean(request.OwnerName), access.Actor,
            missedDeadline ? $"{reason} (the previous owner had not made contact by {deadline.DueOn(customer):yyyy-MM-dd})" : reason,
            now, calendar.Today);
        db.AddIntegrationEvent(
            CustomerIntegrationEvents.OwnerChanged(customer, previous, missedDeadline, deadline.DueOn(customer), reason, access.Actor, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        metrics.Reassigned(missedDeadline);
        return customer;
    }

    public async Task<(Customer Customer, Contact Contact)> AddContactAsync(
        Guid id, ContactRequest request, long expectedVersion, CancellationToken cancellationToken)
    {
        var customer = await LoadAsync(id, cancellationToken);
        access.EnsureCanManageContacts(customer);
        var errors = new ValidationErrors().MaxLength("changeReason", request.ChangeReason, ReasonMaxLength);
        var details = request.ToDetails(errors, calendar.Today);
        errors.When(customer.Contacts.Count >= 50, "name", "A customer has at most 50 contacts.").ThrowIfAny();
        CheckVersion(customer, expectedVersion);

        var now = clock.GetUtcNow();
        var contact = customer.AddContact(details, request.IsPrimary, access.Actor, CustomerCardFields.Clean(request.ChangeReason), now);
        await SaveContactChangeAsync(customer, now, cancellationToken);
        return (customer, contact);
    }

    public async Task<(Customer Customer, Contact Contact)> UpdateContactAsync(
        Guid id, Guid contactId, ContactRequest request, long expectedVersion, CancellationToken cancellationToken)
    {
        var customer = await LoadAsync(id, cancellationToken);
        access.EnsureCanManageContacts(customer);
        var errors = new ValidationErrors().MaxLength("changeReason", request.ChangeReason, ReasonMaxLength);
        var details = request.ToDetails(errors, calendar.Today);
        errors.ThrowIfAny();

        var now = clock.GetUtcNow();
        var changes = customer.UpdateContact(contactId, details, request.IsPrimary, expectedVersion, access.Actor, CustomerCardFields.Clean(request.ChangeReason), now);
        if (changes.Count > 0) await SaveContactChangeAsync(customer, now, cancellationToken);
        return (customer, customer.Contacts.Single(c => c.Id == contactId));
    }

    public async Task<Customer> RemoveContactAsync(Guid id, Guid contactId, long expectedVersion, string? reason, CancellationToken cancellationToken)
    {
        var customer = await LoadAsync(id, cancellationToken);
        access.EnsureCanManageContacts(customer);
        new ValidationErrors().MaxLength("changeReason", reason, ReasonMaxLength).ThrowIfAny();

        var now = clock.GetUtcNow();
        customer.RemoveContact(contactId, expectedVersion, access.Actor, CustomerCardFields.Clean(reason), now);
        await SaveContactChangeAsync(customer, now, cancellationToken);
        return customer;
    }

    public async Task<Visit> RecordVisitAsync(Guid id, VisitRequest request, CancellationToken cancellationToken)
    {
        var customer = await LoadAsync(id, cancellationToken);
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
        var customer = await LoadAsync(id, cancellationToken);
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
        var customer = await LoadAsync(id, cancellationToken);
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

    public async Task<ScorecardEvaluation> EvaluateAsync(Guid id, EvaluationRequest request, CancellationToken cancellationToken)
    {
        var customer = await LoadAsync(id, cancellationToken);
        access.EnsureCanEvaluate(customer);
        ScorecardEvaluation.Validate(
            new ValidationErrors(), request.Initiative, request.Capability, request.Reputation, request.Relations, request.Comment).ThrowIfAny();

        var weights = await WeightsOfAsync(customer.BranchId, cancellationToken);
        var now = clock.GetUtcNow();
        var evaluation = ScorecardEvaluation.Record(
            customer, new ScorecardScores(request.Initiative!.Value, request.Capability!.Value, request.Reputation!.Value, request.Relations!.Value),
            weights, CustomerCardFields.Clean(request.Comment), access.Actor, now);
        db.Evaluations.Add(evaluation);
        db.AddIntegrationEvent(CustomerIntegrationEvents.Evaluated(customer, evaluation, now), clock);
        await db.SaveChangesAsync(cancellationToken);
        metrics.Evaluation();
        return evaluation;
    }

    /// <summary>The branch's weights, or the configured defaults (not saved) when its managers have set none.</summary>
    public async Task<ScorecardWeights> WeightsOfAsync(string branchId, CancellationToken cancellationToken) =>
        await db.ScorecardWeights.FirstOrDefaultAsync(w => w.BranchId == branchId, cancellationToken) ?? DefaultWeights(branchId);

    public ScorecardWeights DefaultWeights(string branchId) => ScorecardWeights.Create(
        branchId, options.Value.InitiativeWeight, options.Value.CapabilityWeight, options.Value.ReputationWeight,
        options.Value.RelationsWeight, "configuration", DateTimeOffset.MinValue);

    public async Task<ScorecardWeights> SetWeightsAsync(ScorecardWeightsRequest request, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Required("initiative", request.Initiative)
            .Required("capability", request.Capability)
            .Required("reputation", request.Reputation)
            .Required("relations", request.Relations)
            .Required("version", request.Version, "0 while the branch uses the default weights")
            .ThrowIfAny();
        var branch = access.User.BranchId;
        var weights = await db.ScorecardWeights.FirstOrDefaultAsync(w => w.BranchId == branch, cancellationToken);
        if (weights is null)
        {
            ExpectedVersion.Check("scorecard weights", 0, request.Version!.Value);
            weights = ScorecardWeights.Create(
                branch, request.Initiative!.Value, request.Capability!.Value, request.Reputation!.Value, request.Relations!.Value, access.Actor.Id, clock.GetUtcNow());
            db.ScorecardWeights.Add(weights);
        }
        else
        {
            weights.Change(request.Initiative!.Value, request.Capability!.Value, request.Reputation!.Value, request.Relations!.Value,
                request.Version!.Value, access.Actor.Id, clock.GetUtcNow());
        }
        await db.SaveChangesAsync(cancellationToken);
        return weights;
    }

    private async Task SaveContactChangeAsync(Customer customer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The history entry the model just recorded holds the change; the event carries the same fields.
        foreach (var entry in customer.NewHistory)
            db.AddIntegrationEvent(CustomerIntegrationEvents.Changed(customer, entry.Changes, entry.Reason, access.Actor, now), clock);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// 409 when the caller's version of the card is stale; the version read is also the one the row must still have
    /// when it is written, so a change committed in between fails the save (409) instead of being overwritten.
    /// </summary>
    private void CheckVersion(Customer customer, long version)
    {
        ExpectedVersion.Check("customer", customer.Version, version);
        db.Entry(customer).Property(c => c.Version).OriginalValue = version;
    }
}

/// <summary>
/// Sensitive fields for a caller not entitled to them: they see them masked, so an update from them may leave them
/// out or send back what it read; either way the stored values are kept. Sending anything else is a 403.
/// </summary>
public static class HiddenFields
{
    public static UpdateCustomerRequest LeftAsTheyWere(UpdateCustomerRequest request, Customer customer)
    {
        foreach (var (field, sent, stored) in Pairs(request, customer))
        {
            if (sent is not null && sent != Masking.Mask(field, stored) && sent != stored)
                throw new ForbiddenException($"You are not entitled to the customer's invoicing data: leave {field} out or send it back as you read it.");
        }
        return request with { TaxNumber = null, InvoiceBank = null, InvoiceAccount = null, InvoicePhone = null, InvoiceRequirements = null };
    }

    public static CustomerProfile KeptFrom(CustomerProfile profile, Customer customer) => profile with
    {
        TaxNumber = customer.TaxNumber,
        InvoiceBank = customer.InvoiceBank,
        InvoiceAccount = customer.InvoiceAccount,
        InvoicePhone = customer.InvoicePhone,
        InvoiceRequirements = customer.InvoiceRequirements,
    };

    private static IEnumerable<(string Field, string? Sent, string? Stored)> Pairs(UpdateCustomerRequest r, Customer c) =>
    [
        ("taxNumber", CustomerCardFields.Clean(r.TaxNumber), c.TaxNumber),
        ("invoiceBank", CustomerCardFields.Clean(r.InvoiceBank), c.InvoiceBank),
        ("invoiceAccount", CustomerCardFields.Clean(r.InvoiceAccount), c.InvoiceAccount),
        ("invoicePhone", CustomerCardFields.Clean(r.InvoicePhone), c.InvoicePhone),
        ("invoiceRequirements", CustomerCardFields.Clean(r.InvoiceRequirements), c.InvoiceRequirements),
    ];
}
