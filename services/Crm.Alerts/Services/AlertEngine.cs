using System.Diagnostics;
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
        var reading = await ReadAsync(customer, candidates, trigger, staged: null, clock.GetUtcNow(), ahead: false, cancellationToken);
        return reading is null ? 0 : await DecideAsync(customer, reading, cancellationToken);
    }

    /// <summary>
    /// Reads, without writing, what evaluating the rules the event triggers needs, for the customer as it will be once the
    /// event is applied (<paramref name="customer"/> is not tracked: a copy the caller has applied the event to), and
    /// with the sale the event adds (<paramref name="staged"/>) counted as if it were stored. Then runs the rules on it:
    /// <see cref="ApplyAsync"/> takes their decisions into the unit of work later, maybe on another context, with nothing
    /// read again. Null when no rule the event triggers is enabled.
    /// </summary>
    public Task<EvaluationReading?> ReadAheadAsync(
        Customer customer, IntegrationEvent trigger, StagedSale? staged, DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync(customer, rules.TriggeredBy(trigger.GetType()), trigger, staged, now, ahead: true, cancellationToken);

    /// <summary>
    /// Takes the decisions of a <see cref="ReadAheadAsync"/> into this unit of work, for <paramref name="customer"/> (the
    /// tracked customer, with the event applied as it was to the copy that was read for). The open alerts read then are
    /// attached as they were read: their versions refuse the save if anything changed them meanwhile.
    /// </summary>
    public Task<int> ApplyAsync(Customer customer, EvaluationReading reading, CancellationToken cancellationToken)
    {
        foreach (var alert in reading.Open) db.Alerts.Attach(alert);
        return DecideAsync(customer, reading, cancellationToken);
    }

    private async Task<EvaluationReading?> ReadAsync(
        Customer customer, IReadOnlyList<AlertRule> candidates, IntegrationEvent? trigger, StagedSale? staged, DateTimeOffset now,
        bool ahead, CancellationToken cancellationToken)
    {
        var branchSettings = await settings.ForBranchAsync(customer.BranchId, cancellationToken);
        var enabled = candidates.Where(rule => branchSettings[rule.Name].Enabled).ToList();
        if (enabled.Count == 0) return null;

        var needs = enabled.Aggregate(FactNeeds.None, (all, rule) => all | rule.Needs);
        var facts = await factsLoader.LoadAsync(customer, trigger, now, needs, staged, cancellationToken);
        var open = ahead
            ? await db.Alerts.AsNoTracking().Where(a => a.CustomerId == customer.Id && a.State != AlertState.Resolved).ToListAsync(cancellationToken)
            : await OpenAlertsAsync(customer.Id, cancellationToken);
        var reading = new EvaluationReading(trigger, now, facts, open, [.. enabled.Select(rule => (rule, branchSettings[rule.Name]))]);
        if (!ahead) return reading;

        // Ahead of the write: the rules run now, and what a raise would ask of the database is asked now too.
        foreach (var (rule, ruleSettings) in reading.Rules)
        {
            var outcome = rule.Evaluate(facts, ruleSettings.Thresholds);
            reading.Outcomes[rule.Name] = outcome;
            if (outcome is RuleOutcome.Trip trip && !open.Any(a => a.Rule == rule.Name))
                reading.ResolvedByAPerson[rule.Name] = await WasResolvedByAPersonOnTheSameFactsAsync(customer, rule, trip, cancellationToken);
        }
        return reading;
    }

    private async Task<int> DecideAsync(Customer customer, EvaluationReading reading, CancellationToken cancellationToken)
    {
        var trigger = reading.Trigger;
        using var activity = AlertsDiagnostics.ActivitySource.StartActivity("alerts evaluate");
        activity?.SetTag("crm.customer.id", customer.Id);
        activity?.SetTag("crm.alerts.trigger", trigger is null ? "schedule" : IntegrationEventTypes.ExchangeOf(trigger.GetType()));

        var now = reading.Now;
        var facts = reading.Facts.Customer == customer ? reading.Facts : reading.Facts with { Customer = customer };
        var open = reading.Open;
        var changes = 0;

        foreach (var (rule, ruleSettings) in reading.Rules)
        {
            var outcome = reading.Outcomes.TryGetValue(rule.Name, out var decided) ? decided : rule.Evaluate(facts, ruleSettings.Thresholds);
            var alert = open.FirstOrDefault(a => a.Rule == rule.Name);
            switch (outcome)
            {
                case RuleOutcome.Trip trip when alert is null:
                    var resolvedByAPerson = reading.ResolvedByAPerson.TryGetValue(rule.Name, out var known)
                        ? known
                        : await WasResolvedByAPersonOnTheSameFactsAsync(customer, rule, trip, cancellationToken);
                    if (resolvedByAPerson) break;
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
        var last = await db.Alerts.AsNoTracking()
            .Where(a => a.CustomerId == customer.Id && a.Rule == rule.Name && a.State == AlertState.Resolved)
            .OrderByDescending(a => a.RaisedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return last is { ResolvedAutomatically: false } && last.Holds(trip);
    }

    /// <summary>The owner rep (专人负责); while the owner is unknown, the escalation assignee.</summary>
    private static Assignee AssigneeFor(Customer customer, EffectiveRuleSettings settings) =>
        string.IsNullOrEmpty(customer.OwnerId) ? settings.EscalationTarget : Assignee.Person(customer.OwnerId);
}

/// <summary>
/// What an evaluation read: the rules that run with their settings, the facts, the open alerts, the moment; read ahead
/// (<see cref="AlertEngine.ReadAheadAsync"/>), also the rules' outcomes and whether a person resolved the last alert of a
/// tripped rule on the same facts.
/// </summary>
public sealed class EvaluationReading(
    IntegrationEvent? trigger, DateTimeOffset now, CustomerFacts facts, List<Alert> open, IReadOnlyList<(AlertRule Rule, EffectiveRuleSettings Settings)> rules)
{
    public IntegrationEvent? Trigger { get; } = trigger;
    public DateTimeOffset Now { get; } = now;
    public CustomerFacts Facts { get; } = facts;
    public List<Alert> Open { get; } = open;
    public IReadOnlyList<(AlertRule Rule, EffectiveRuleSettings Settings)> Rules { get; } = rules;
    internal Dictionary<string, RuleOutcome> Outcomes { get; } = new(StringComparer.Ordinal);
    internal Dictionary<string, bool> ResolvedByAPerson { get; } = new(StringComparer.Ordinal);
}
