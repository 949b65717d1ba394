namespace Crm.Alerts.Model.Rules;

/// <summary>
/// 客户流失预警: a customer who stops buying. Trips when N days (90 by default) have passed since the last purchase
/// (on the Nth day, not before), or when the days since the last purchase are more than k × its usual interval, with a
/// larger k than progress-behind's. A customer that never bought has not stopped buying; one marked lost (丢失) is
/// already known. Clears with the next purchase.
/// </summary>
public sealed class ChurnRule() : AlertRule(
    RuleName,
    "客户流失预警 Customer churn",
    "No purchase for N days, or for k times the customer's usual interval; clears with the next purchase.",
    typeof(SaleRecorded))
{
    public const string RuleName = "churn";

    public static readonly Threshold DaysWithoutPurchase = new(
        "daysWithoutPurchase", 90m, 1m, 3650m, "days", "Days without a purchase that mean the customer may be lost (未进货天数).");
    public static readonly Threshold IntervalMultiple = new(
        "intervalMultiple", 3m, 1m, 50m, "×", "Days since the last purchase, as a multiple of the usual interval (进货频率).");

    public override IReadOnlyList<Threshold> Thresholds { get; } = [DaysWithoutPurchase, IntervalMultiple];
    public override bool RunsOnSchedule => true;

    public override RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds)
    {
        var customer = facts.Customer;
        if (customer.IsLost || customer.LastPurchaseOn is not { } last) return RuleOutcome.Unchanged;

        var days = facts.DaysSince(last);
        var overDays = days >= thresholds[DaysWithoutPurchase];
        var overInterval = customer.UsualPurchaseIntervalDays is { } usual && days > thresholds[IntervalMultiple] * usual;
        if (!overDays && !overInterval)
            return RuleOutcome.Cleared($"The customer bought again on {Figures.Of(last)} (event {customer.LastPurchaseEventId}).");

        var evidence = new List<Figure>
        {
            new("lastPurchaseOn", Figures.Of(last), customer.LastPurchaseEventId),
            new("daysSinceLastPurchase", Figures.Of(days)),
        };
        if (customer.UsualPurchaseIntervalDays is { } interval) evidence.Add(new Figure("usualIntervalDays", Figures.Of(interval)));
        var why = overDays
            ? $"No purchase for {days} days since {Figures.Of(last)}"
            : $"No purchase for {days} days, more than {Figures.Of(thresholds[IntervalMultiple])} × the usual interval of {Figures.Of(customer.UsualPurchaseIntervalDays!.Value)} days";
        return RuleOutcome.Tripped(why + " (客户可能流失).", evidence);
    }
}
