namespace Crm.Alerts.Model.Rules;

/// <summary>
/// 无合同业务预警: every customer that does business has a contract (所有有业务往来的客户都签署合同). Trips on a sale
/// of at least the minimum amount (any positive amount by default) that the credit service recorded with no contract in
/// force on its date, unless alerts knows of a contract in force on that date or later. Every such sale is evidence of
/// the one open alert. Clears when a contract signed for the customer is in force on each such sale's date or after it
/// (or the sale is reversed).
/// </summary>
public sealed class NoActiveContractRule() : AlertRule(
    RuleName,
    "无合同业务预警 Business without an active contract",
    "A sale on a date when the customer had no contract in force; clears when a contract signed for the customer is in force on that date or later.",
    typeof(SaleRecorded), typeof(ContractSigned), typeof(ContractAmended), typeof(ContractTerminated), typeof(ContractExpired))
{
    public const string RuleName = "no-active-contract";

    public static readonly Threshold MinimumAmount = new(
        "minimumAmount", 0m, 0m, 1_000_000_000m, "amount", "Sales without a contract at or above this amount raise the alert (起报金额).");

    public override IReadOnlyList<Threshold> Thresholds { get; } = [MinimumAmount];
    public override FactNeeds Needs => FactNeeds.Contracts | FactNeeds.FlaggedSales;

    public override RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds)
    {
        var minimum = thresholds[MinimumAmount];
        var uncovered = facts.FlaggedSales
            .Where(s => s.NoContract && s.Amount > 0 && s.Amount >= minimum)
            .Where(s => !facts.Contracts.Any(c => c.CoversOnOrAfter(s.Date)))
            .OrderBy(s => s.Date).ThenBy(s => s.EventId)
            .ToList();
        if (uncovered.Count == 0) return RuleOutcome.Cleared(CauseOfClearing(facts));

        var evidence = uncovered.SelectMany(s => new[]
        {
            new Figure("saleOn", Figures.Of(s.Date), s.EventId),
            new Figure("product", s.Product, s.EventId),
            new Figure("amount", Figures.Of(s.Amount), s.EventId),
        });
        var first = uncovered[0];
        var summary = uncovered.Count == 1
            ? $"A sale of {Figures.Of(first.Amount)} ({first.Product}) on {Figures.Of(first.Date)} with no contract in force (无合同业务)."
            : $"{uncovered.Count} sales totalling {Figures.Of(uncovered.Sum(s => s.Amount))} from {Figures.Of(first.Date)} to {Figures.Of(uncovered[^1].Date)} with no contract in force (无合同业务).";
        return RuleOutcome.Tripped(summary, evidence);
    }

    private static string CauseOfClearing(CustomerFacts facts) => facts.Trigger switch
    {
        ContractSigned signed => $"Contract {signed.Number} signed for {Figures.Of(signed.EffectiveOn)} to {Figures.Of(signed.ExpiresOn)} covers the sales without a contract (event {signed.EventId}).",
        ContractAmended amended => $"Contract {amended.Number} version {amended.ContractVersion} ({amended.Reason}) runs to {Figures.Of(amended.ExpiresOn)} and covers the sales without a contract (event {amended.EventId}).",
        SaleRecorded { ReversesEntryId: not null } reversal => $"The sale without a contract was reversed (event {reversal.EventId}).",
        _ => "Every sale without a contract is covered by a contract now, or reversed.",
    };
}
