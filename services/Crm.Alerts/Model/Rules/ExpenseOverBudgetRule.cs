namespace Crm.Alerts.Model.Rules;

/// <summary>
/// 业务费用预警: the customer's business expenses of its latest month are over that month's budget (by more than the
/// tolerance, 0 by default), or have risen N months running (3 by default: each of the last three months above the
/// one before, a month without expenses counting as 0). Clears when the latest month is within budget and not rising,
/// which includes a new month starting within its budget.
/// </summary>
public sealed class ExpenseOverBudgetRule() : AlertRule(
    RuleName,
    "业务费用预警 Business expenses over budget or rising",
    "The latest month's expenses are over its budget, or expenses rose N months running; clears when neither holds.",
    typeof(ExpenseRecorded), typeof(BudgetChanged))
{
    public const string RuleName = "expense-over-budget";

    public static readonly Threshold BudgetTolerancePercent = new(
        "budgetTolerancePercent", 0m, 0m, 100m, "%", "How far over the month's budget expenses may go before the alert (预算容差).");
    public static readonly Threshold RisingMonths = new(
        "risingMonths", 3m, 2m, 12m, "months", "Consecutive monthly rises that raise the alert (连续上升月数).");

    public override IReadOnlyList<Threshold> Thresholds { get; } = [BudgetTolerancePercent, RisingMonths];
    public override FactNeeds Needs => FactNeeds.Expenses;

    public override RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds)
    {
        if (facts.RecentExpenses is not [var latest, ..]) return RuleOutcome.Unchanged;
        var latestMonth = YearMonth.Parse(latest.Month);
        var summaries = new List<string>();
        var evidence = new List<Figure>();

        if (latest.Budget is { } budget && latest.Total > budget * (1 + thresholds[BudgetTolerancePercent] / 100m))
        {
            summaries.Add($"Expenses of {latest.Month} are {Figures.Of(latest.Total)}, over the budget {Figures.Of(budget)} by {Figures.Of(latest.Total - budget)} (费用超预算)");
            evidence.Add(new Figure("month", latest.Month));
            evidence.Add(new Figure("monthTotal", Figures.Of(latest.Total), latest.EventId));
            evidence.Add(new Figure("monthBudget", Figures.Of(budget), latest.EventId));
        }

        var rises = (int)thresholds[RisingMonths];
        var byMonth = facts.RecentExpenses.ToDictionary(e => e.Month, StringComparer.Ordinal);
        var window = Enumerable.Range(0, rises + 1).Select(back => latestMonth.AddMonths(-back)).Reverse().ToList();
        var totals = window.Select(m => byMonth.TryGetValue(m.ToString(), out var e) ? e.Total : 0m).ToList();
        if (totals.Zip(totals.Skip(1)).All(pair => pair.Second > pair.First))
        {
            summaries.Add($"Expenses rose {rises} months running: {string.Join(" → ", totals.Select(Figures.Of))} (费用连续上升)");
            foreach (var month in window.Skip(1))
            {
                var expenses = byMonth[month.ToString()];
                evidence.Add(new Figure($"monthTotal[{month}]", Figures.Of(expenses.Total), expenses.EventId));
            }
        }

        if (summaries.Count > 0) return RuleOutcome.Tripped(string.Join("; ", summaries) + ".", evidence);
        return RuleOutcome.Cleared(
            $"Expenses of {latest.Month} are {Figures.Of(latest.Total)}{(latest.Budget is { } b ? $", within the budget {Figures.Of(b)}" : "")}, and not rising {rises} months running (event {latest.EventId}).");
    }
}
