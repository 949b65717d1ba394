namespace Crm.Alerts.Model.Rules;

/// <summary>
/// 新客户未联系预警: a new customer must be contacted by its rep within a week (一周内联系). Trips once the days since
/// registration have passed (7 by default; at exactly 7 × 24 hours, not a second before) with no contact recorded;
/// clears when a contact arrives, however late.
/// </summary>
public sealed class NotContactedRule() : AlertRule(
    RuleName,
    "新客户未联系预警 New customer not contacted",
    "A new customer with no visit or contact within N days of registration; clears with the first contact.",
    typeof(CustomerContacted), typeof(CustomerRegistered))
{
    public const string RuleName = "not-contacted";

    public static readonly Threshold Days = new(
        "days", 7m, 1m, 90m, "days", "Days after registration by which the rep must have contacted the customer (联系期限).");

    public override IReadOnlyList<Threshold> Thresholds { get; } = [Days];
    public override bool RunsOnSchedule => true;

    public override RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds)
    {
        var customer = facts.Customer;
        if (customer.RegisteredAt is not { } registeredAt) return RuleOutcome.Unchanged;
        if (customer.LastContactOn is { } contactedOn)
            return RuleOutcome.Cleared($"The customer was contacted on {Figures.Of(contactedOn)} (event {customer.LastContactEventId}).");

        var deadline = registeredAt + TimeSpan.FromDays((double)thresholds[Days]);
        if (facts.Now < deadline) return RuleOutcome.Unchanged;
        var days = (int)Math.Floor((facts.Now - registeredAt).TotalDays);
        return RuleOutcome.Tripped(
            $"Registered {days} days ago on {registeredAt:yyyy-MM-dd} and not contacted yet (新客户一周内未联系).",
            new Figure("registeredAt", registeredAt.ToString("O"), customer.RegisteredEventId),
            new Figure("daysSinceRegistration", Figures.Of(days)),
            new Figure("ownerId", customer.OwnerId));
    }
}
