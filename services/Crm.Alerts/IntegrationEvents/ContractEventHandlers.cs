using Crm.Alerts.Model.Rules;
using Crm.Messaging.Inbox;

namespace Crm.Alerts.IntegrationEvents;

/// <summary>
/// After a contract event has been applied to the shared terms projection (<see cref="ContractTermsProjector"/>, alerts'
/// own copy, so that it keeps working while the contracts service is down): evaluates the contract's customer, and,
/// when the contract grants an exclusive right (总经销), the other customers of the branch in its territories, whose
/// sales the right may now make (or no longer make) a breach.
/// </summary>
public sealed class ContractEvaluation(AlertsDbContext db, CustomerProjection customers, AlertEngine engine)
{
    public async Task AfterAsync(IntegrationEvent trigger, Guid contractId, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(trigger, cancellationToken);
        await engine.EvaluateAsync(customer, trigger, cancellationToken);

        var contract = db.Contracts.Local.FirstOrDefault(c => c.Id == contractId);
        var regions = contract?.Versions
            .Where(v => v.DistributionLevel == ContractTermsRules.Exclusive)
            .SelectMany(v => v.Terms.Territories)
            .Select(r => r.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList() ?? [];
        if (regions.Count == 0) return;
        var inTerritory = await db.Customers
            .Where(c => c.BranchId == contract!.BranchId && c.Id != contract.CustomerId && regions.Contains(c.Region)
                && db.SaleEntries.Any(s => s.CustomerId == c.Id))
            .ToListAsync(cancellationToken);
        foreach (var other in inTerritory)
            await engine.EvaluateRuleAsync(other, TerritoryBreachRule.RuleName, trigger, cancellationToken);
    }
}

public sealed class ContractSignedHandler(AlertsDbContext db, CustomerProjection customers, AlertEngine engine, ContractEvaluation evaluation)
    : IIntegrationEventHandler<ContractSigned>
{
    public async Task HandleAsync(ContractSigned signed, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(signed, cancellationToken);
        if (customer.ObserveOwner(FactPosition.Of(signed), signed.OwnerId)) await engine.FollowOwnerAsync(customer, cancellationToken);
        await ContractTermsProjector.ApplyAsync(db, signed, cancellationToken);
        await evaluation.AfterAsync(signed, signed.ContractId, cancellationToken);
    }
}

/// <summary>
/// A contract's terms changed (amended) or ended (expired, terminated): the projection follows, and the contract rules
/// judge the customer again.
/// </summary>
public sealed class ContractTermsHandler<TEvent>(AlertsDbContext db, ContractEvaluation evaluation) : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
    public async Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        await ContractTermsProjector.ApplyAsync(db, integrationEvent, cancellationToken);
        await evaluation.AfterAsync(integrationEvent, ContractTermsProjector.ContractIdOf(integrationEvent), cancellationToken);
    }
}

public sealed class ContractExpiringHandler(AlertsDbContext db, CustomerProjection customers, AlertEngine engine)
    : IIntegrationEventHandler<ContractExpiring>
{
    public async Task HandleAsync(ContractExpiring expiring, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(expiring, cancellationToken);
        // The reminder goes to the owner it names (专人负责); a newer owner change, if known, still wins.
        if (customer.ObserveOwner(FactPosition.Of(expiring), expiring.OwnerId)) await engine.FollowOwnerAsync(customer, cancellationToken);
        var reminder = await db.ContractReminders.FirstOrDefaultAsync(r => r.ContractId == expiring.ContractId, cancellationToken);
        if (reminder is null) db.ContractReminders.Add(ContractReminder.From(expiring));
        else reminder.Take(expiring);
        await engine.EvaluateAsync(customer, expiring, cancellationToken);
    }
}
