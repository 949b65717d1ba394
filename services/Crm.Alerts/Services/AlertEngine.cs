using System.Diagnostics;
using Crm.Alerts.IntegrationEvents;
using Crm.Alerts.Model.Rules;
using Crm.Messaging.Outbox;

namespace Crm.Alerts.Services;

/// <summary>
/// Runs the rules over one customer's facts and turns their outcomes into alerts: raises a new alert (one open per
/// rule and customer), adds new evidence to the open one, or resolves it when its condition cleared. Every change is
/// staged with its event in the outbox, in the caller's unit of work, and moves the customer's version on, so two
/// evaluations of one customer never both commit decisions taken on the same facts.
/// </summary>
public sealed class AlertEngine(
    AlertsDbContext db, RuleCatalog rules, RuleSettingsReader settings, CustomerFactsLoader factsLoader, TimeProvider clock)
{
    /// <summary>Evaluates the rules the event triggers, after a handler has applied the event to the projection.</summary>
    public async Task EvaluateAsync(Customer customer, IntegrationEvent trigger, CancellationToken cancellationToken)
    {
        var triggered = rules.TriggeredBy(trigger.GetType());
        if (triggered.Count == 0) return;
        await FlushForQueriesAsync(cancellationToken);
        await EvaluateAsync(customer, triggered, trigger, cancellationToken);
    }

    /// <summary>
    /// Evaluates one rule for a customer the event is not about, but whose facts it changed (another customer's
    /// exclusive right, 总经销, over this customer's region).
    /// </summary>
    public async Task EvaluateRuleAsync(Customer customer, string ruleName, IntegrationEvent trigger, CancellationToken cancellationToken)
    {
        if (rules.Find(ruleName) is not { } rule || !rule.TriggeredBy.Contains(trigger.GetType())) return;
        await FlushForQueriesAsync(cancellationToken);
        await EvaluateAsync(customer, [rule], trigger, cancellationToken);
    }

    /// <summary>Evaluates the rules whose condition can come true by time alone; returns the number of alert changes.</summary>
    public Task<int> EvaluateScheduledAsync(Customer customer, CancellationToken cancellationToken) =>
        EvaluateAsync(customer, rules.Scheduled, trigger: null, cancellationToken);

    /// <summary>The customer's owner changed or became known: its open, unescalated alerts go to the owner.</summary>
    public async Task FollowOwnerAsync(Customer customer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await OpenAlertsAsync(customer.Id, cancellationToken);
        var moved = 0;
        foreach (var alert in open.Where(alert => rules.Find(alert.Rule)?.FollowsOwner != false))
        {
            var previous = alert.Assignee;
            if (!alert.FollowOwner(customer.OwnerId, now)) continue;
            db.AddIntegrationEvent(AlertIntegrationEvents.Reassigned(alert, previous, AlertIntegrationEvents.OwnerChangedReason, now), clock);
            moved++;
        }
        if (moved > 0) customer.Touch();
    }

    private async Task<int> EvaluateAsync(
        Customer customer, IReadOnlyList<AlertRule> candidates, IntegrationEvent? trigger, CancellationToken cancellationToken)
    {
        var branchSettings = await settings.ForBranchAsync(customer.BranchId, cancellationToken);
        var enabled = candidates.Where(rule => branchSettings[rule.Name].Enabled).ToList();
        if (enabled.Count == 0) return 0;

        using var activity = AlertsDiagnostics.ActivitySource.StartActivity("alerts evaluate");
        activity?.SetTag("crm.customer.id", customer.Id);
        activity?.SetTag("crm.alerts.trigger", trigger is null ? "schedule" : IntegrationEventTypes.ExchangeOf(trigger.GetType()));

        var now = clock.GetUtcNow();
        var needs = enabled.Aggregate(FactNeeds.None, (all, rule) => all | rule.Needs);
        var facts = await factsLoader.LoadAsync(customer, trigger, now, needs, cancellationToken);
        var open = await OpenAlertsAsync(customer.Id, cancellationToken);
        var changes = 0;

        foreach (var rule in enabled)
        {
            var ruleSettings = branchSettings[rule.Name];
            var outcome = rule.Evaluate(facts, ruleSettings.Thresholds);
            var alert = open.FirstOrDefault(a => a.Rule == rule.Name);
            switch (outcome)
            {
                case RuleOutcome.Trip trip when alert is null:
                    if (await WasResolvedByAPersonOnTheSameFactsAsync(customer, rule, trip, cancellationToken)) break;
                    alert = rule.RaisesEscalated
                        ? Alert.Raise(customer, rule.Name, ruleSettings.Version, ruleSettings.Thresholds, trip, ruleSettings.EscalationTarget, now, escalated: true)
                        : Alert.Raise(customer, rule.Name, ruleSettings.Version, ruleSettings.Thresholds, trip,
                            rule.AssigneeOf(facts) is { Length: > 0 } person ? Assignee.Person(person) : AssigneeFor(customer, ruleSettings), now);
                    db.Alerts.Add(alert);
                    open.Add(alert);
                    db.AddIntegrationEvent(AlertIntegrationEvents.Raised(alert), clock);
                    changes++;
                    break;
                case RuleOutcome.Trip trip:
                    if (alert.AddEvidence(trip, now)) changes++;
                    break;
                case RuleOutcome.Clear clear when alert is not null:
                    alert.ResolveAutomatically(now, clear.Cause);
                    open.Remove(alert);
                    db.AddIntegrationEvent(AlertIntegrationEvents.Resolved(alert), clock);
                    changes++;
                    break;
            }
        }

        if (changes > 0) customer.Touch();
        activity?.SetTag("crm.alerts.changes", changes);
        return changes;
    }

    /// <summary>
    /// The rules' queries (month sums, plans, expenses, sales in a territory) must see this event's rows: flushing writes
    /// them inside the inbox's transaction, which still commits or rolls back the event's whole effect at once. A change
    /// to customers already stored is not flushed: the rules read the customer from the tracked object, never by query,
    /// and the unit's one save writes it (a sale or a payment then costs one save, not two).
    /// </summary>
    private async Task FlushForQueriesAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var queried = db.ChangeTracker.TrackedEntriesOf<object>().Any(entry =>
            entry.State is EntityState.Added or EntityState.Deleted || (entry.State == EntityState.Modified && entry.Entity is not Customer));
        if (queried) await db.SaveChangesAsync(cancellationToken);
    }

    private Task<List<Alert>> OpenAlertsAsync(Guid customerId, CancellationToken cancellationToken) =>
        db.Alerts.Where(a => a.CustomerId == customerId && a.State != AlertState.Resolved).ToListAsync(cancellationToken);

    /// <summary>
    /// A person who resolved the last alert of this rule judged these very facts; the rule tripping again on them (the
    /// schedule finding the customer still not contacted) must not undo that judgement. New facts raise a new alert.
    /// </summary>
    private async Task<bool> WasResolvedByAPersonOnTheSameFactsAsync(
        Customer customer, AlertRule rule, RuleOutcome.Trip trip, CancellationToken cancellationToken)
    {
        var last = await db.Alerts
            .Where(a => a.CustomerId == customer.Id && a.Rule == rule.Name && a.State == AlertState.Resolved)
            .OrderByDescending(a => a.RaisedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return last is { ResolvedAutomatically: false } && last.Holds(trip);
    }

    /// <summary>The owner rep (专人负责); while the owner is unknown, the escalation assignee.</summary>
    private static Assignee AssigneeFor(Customer customer, EffectiveRuleSettings settings) =>
        string.IsNullOrEmpty(customer.OwnerId) ? settings.EscalationTarget : Assignee.Person(customer.OwnerId);
}
