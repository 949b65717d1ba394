namespace Crm.Alerts.Model.Rules;

/// <summary>Facts that cost a query each; a rule declares those it reads, and facts it did not declare stay empty.</summary>
[Flags]
public enum FactNeeds
{
    None = 0,
    /// <summary>Month-to-date sales and the same period last year.</summary>
    Sales = 1,
    /// <summary>This month's plan.</summary>
    Plan = 2,
    /// <summary>The recent months' expenses.</summary>
    Expenses = 4,
    /// <summary>The customer's contracts with their versions, ends and expiry reminders.</summary>
    Contracts = 8,
    /// <summary>The customer's standing sales that the credit service marked without a contract or outside it.</summary>
    FlaggedSales = 16,
    /// <summary>Other customers' exclusive rights (总经销) over the customer's region, and the customer's sales in their time.</summary>
    Territories = 32,
    /// <summary>The customer's complaints that missed a service-level deadline and are not closed.</summary>
    Complaints = 64,
    /// <summary>The customer's planned visits reported missed in the last year, and whether a late visit made them good.</summary>
    MissedVisits = 128,
}

/// <summary>
/// An early-warning rule (预警规则). Each rule is one class: its name, its thresholds with their defaults, the events
/// that make it look again at a customer, whether the schedule runs it too, and a pure evaluation of the customer's
/// facts; its name, title, description and events are the arguments it gives this base. Adding a rule
/// (contract-expiring, no-active-contract, complaint-unanswered…) is a new subclass registered with
/// <c>AddAlertRule</c>; the engine, the API and the settings need no change.
/// </summary>
public abstract class AlertRule(string name, string title, string description, params Type[] triggeredBy)
{
    /// <summary>The rule's name in the API and the events (<c>over-credit-limit</c>).</summary>
    public string Name { get; } = name;

    /// <summary>The users' name for it, Chinese beside English.</summary>
    public string Title { get; } = title;

    /// <summary>What trips it and what clears it, for the settings screen.</summary>
    public string Description { get; } = description;

    public virtual IReadOnlyList<Threshold> Thresholds => [];

    /// <summary>The integration events after which the rule evaluates the customer again.</summary>
    public IReadOnlySet<Type> TriggeredBy { get; } = new HashSet<Type>(triggeredBy);

    /// <summary>True for rules whose condition can come true by time passing alone (no purchase for N days).</summary>
    public virtual bool RunsOnSchedule => false;

    /// <summary>How long an alert may stay unacknowledged before it escalates, unless the branch sets otherwise.</summary>
    public virtual TimeSpan DefaultEscalateAfter => TimeSpan.FromHours(24);

    /// <summary>
    /// True for rules whose alert goes straight to the escalation assignee (the branch's managers) instead of the owner,
    /// because the condition is itself an escalation (a complaint past its service level, 投诉超时升级).
    /// </summary>
    public virtual bool RaisesEscalated => false;

    /// <summary>The facts beyond the customer's projection that the rule reads; only those are loaded for it.</summary>
    public virtual FactNeeds Needs => FactNeeds.None;

    /// <summary>
    /// Who must act on a new alert when the rule names someone other than the owner rep (the visitor who missed a
    /// planned visit, the owner of a meeting action); null for the owner.
    /// </summary>
    public virtual string? AssigneeOf(CustomerFacts facts) => null;

    /// <summary>False for rules whose alerts stay with the person they name when the customer changes hands.</summary>
    public virtual bool FollowsOwner => true;

    public abstract RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds);

    public RuleThresholds DefaultThresholds => new(Thresholds);
}
