namespace Crm.Alerts.Model.Rules;

/// <summary>
/// 业务进度预警: business progress falls behind. Any of three conditions trips it:
/// the month to date is behind the plan's pro-rata share (plan × day ÷ days in month) by more than the tolerance;
/// the month to date is below the same days of the same month last year by more than the percentage;
/// the days since the last purchase are more than k × the customer's usual interval.
/// The two month comparisons start on a day of the month (the 10th by default), so that a month's first days do not
/// alert everyone. Clears when a condition that could be judged holds no longer and none trips.
/// </summary>
public sealed class ProgressBehindRule() : AlertRule(
    RuleName,
    "业务进度预警 Business progress behind",
    "Month to date behind the plan's pro-rata share, or below the same period last year, or no purchase for longer than usual.",
    typeof(SaleRecorded), typeof(PlanSet))
{
    public const string RuleName = "progress-behind";

    public static readonly Threshold PlanTolerancePercent = new(
        "planTolerancePercent", 20m, 0m, 100m, "%", "How far behind the plan's pro-rata share the month may be (计划进度容差).");
    public static readonly Threshold LastYearDropPercent = new(
        "lastYearDropPercent", 30m, 0m, 100m, "%", "How far below the same period last year the month may be (同比下降).");
    public static readonly Threshold IntervalMultiple = new(
        "intervalMultiple", 1.5m, 1m, 20m, "×", "Days since the last purchase, as a multiple of the usual interval (进货频率).");
    public static readonly Threshold FromDayOfMonth = new(
        "fromDayOfMonth", 10m, 1m, 28m, "day", "The day of the month from which the month is compared with the plan and last year.");

    public override IReadOnlyList<Threshold> Thresholds { get; } = [PlanTolerancePercent, LastYearDropPercent, IntervalMultiple, FromDayOfMonth];
    public override bool RunsOnSchedule => true;
    public override FactNeeds Needs => FactNeeds.Sales | FactNeeds.Plan;

    public override RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds)
    {
        var customer = facts.Customer;
        if (customer.IsLost) return RuleOutcome.Unchanged;

        var tripped = new List<(string Summary, Figure[] Evidence)>();
        var judged = 0;
        var monthJudged = facts.Today.Day >= thresholds[FromDayOfMonth];
        var monthToDate = facts.MonthToDateSales;

        if (monthJudged && facts.Plan is { TotalAmount: > 0 } plan)
        {
            judged++;
            var share = plan.TotalAmount * facts.Today.Day / facts.CurrentMonth.Days;
            var shortfall = share - monthToDate;
            if (shortfall > share * thresholds[PlanTolerancePercent] / 100m)
            {
                tripped.Add((
                    $"Month to date {Figures.Of(monthToDate)} is behind the plan's pro-rata share {Figures.Of(Math.Round(share, 2))} by {Figures.Of(Math.Round(shortfall, 2))} (落后计划进度)",
                    [
                        new Figure("plan", Figures.Of(plan.TotalAmount), plan.EventId),
                        new Figure("proRataShare", Figures.Of(Math.Round(share, 2))),
                        new Figure("monthToDate", Figures.Of(monthToDate), customer.LastPurchaseEventId),
                        new Figure("shortfall", Figures.Of(Math.Round(shortfall, 2))),
                    ]));
            }
        }

        if (monthJudged && facts.SamePeriodLastYearSales > 0)
        {
            judged++;
            var lastYear = facts.SamePeriodLastYearSales;
            if (monthToDate < lastYear * (1 - thresholds[LastYearDropPercent] / 100m))
            {
                var drop = Math.Round((lastYear - monthToDate) / lastYear * 100m, 1);
                tripped.Add((
                    $"Month to date {Figures.Of(monthToDate)} is {Figures.Of(drop)}% below the same period last year {Figures.Of(lastYear)} (低于去年同期)",
                    [
                        new Figure("monthToDate", Figures.Of(monthToDate), customer.LastPurchaseEventId),
                        new Figure("samePeriodLastYear", Figures.Of(lastYear)),
                        new Figure("dropPercent", Figures.Of(drop)),
                    ]));
            }
        }

        if (customer is { UsualPurchaseIntervalDays: { } usual, LastPurchaseOn: { } last })
        {
            judged++;
            var days = facts.DaysSince(last);
            if (days > thresholds[IntervalMultiple] * usual)
            {
                tripped.Add((
                    $"No purchase for {days} days, against a usual interval of {Figures.Of(usual)} days (进货频率下降)",
                    [
                        new Figure("daysSinceLastPurchase", Figures.Of(days)),
                        new Figure("usualIntervalDays", Figures.Of(usual)),
                        new Figure("lastPurchaseOn", Figures.Of(last), customer.LastPurchaseEventId),
                    ]));
            }
        }

        if (tripped.Count > 0)
            return RuleOutcome.Tripped(string.Join("; ", tripped.Select(t => t.Summary)) + ".", tripped.SelectMany(t => t.Evidence));
        return judged > 0
            ? RuleOutcome.Cleared($"Progress is back on track: month to date {Figures.Of(monthToDate)}{PurchaseNote(customer)}.")
            : RuleOutcome.Unchanged;
    }

    private static string PurchaseNote(Customer customer) =>
        customer.LastPurchaseOn is { } last ? $", last purchase on {Figures.Of(last)} (event {customer.LastPurchaseEventId})" : "";
}
