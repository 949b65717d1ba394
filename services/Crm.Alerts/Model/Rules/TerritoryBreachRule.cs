namespace Crm.Alerts.Model.Rules;

/// <summary>
/// 窜货/越权经营预警: a sale against the distribution rights of the contracts (经营权限). Trips on a sale of at least
/// the minimum amount (any positive amount by default) that (a) the credit service marked outside the product lines of
/// the customer's contract in force, or (b) was made by a customer whose region lies in another customer's exclusive
/// territory (总经销) for that product line on the sale's date, by the version of that contract in force on the day.
/// Every such sale is evidence of the one open alert. A breach is a fact of the past: it clears by itself only when the
/// facts behind it go away (the sale reversed, the exclusive right amended away or ended before the sale's date);
/// otherwise a person resolves it with the cause and the action taken.
/// </summary>
public sealed class TerritoryBreachRule() : AlertRule(
    RuleName,
    "经营权限预警 Territory or product line breached",
    "A sale outside the product lines of the customer's contract, or in another customer's exclusive territory (总经销) for that product line.",
    typeof(SaleRecorded), typeof(ContractSigned), typeof(ContractAmended), typeof(ContractTerminated), typeof(ContractExpired),
    typeof(CustomerRegistered), typeof(CustomerChanged))
{
    public const string RuleName = "territory-breach";

    public static readonly Threshold MinimumAmount = new(
        "minimumAmount", 0m, 0m, 1_000_000_000m, "amount", "Sales at or above this amount are checked against the distribution rights (起报金额).");

    public override IReadOnlyList<Threshold> Thresholds { get; } = [MinimumAmount];
    public override FactNeeds Needs => FactNeeds.FlaggedSales | FactNeeds.Territories;

    public override RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds)
    {
        var minimum = thresholds[MinimumAmount];
        bool Counts(SaleEntry sale) => sale.Amount > 0 && sale.Amount >= minimum;
        var summaries = new List<string>();
        var evidence = new List<Figure>();

        foreach (var sale in facts.FlaggedSales.Where(s => s.OutsideContract && Counts(s)).OrderBy(s => s.Date).ThenBy(s => s.EventId))
        {
            summaries.Add($"{sale.Product} sold on {Figures.Of(sale.Date)} is outside the product lines of contract {sale.ContractNumber} (超出合同经营范围)");
            evidence.Add(new Figure("saleOn", Figures.Of(sale.Date), sale.EventId));
            evidence.Add(new Figure("product", sale.Product, sale.EventId));
            evidence.Add(new Figure("contract", sale.ContractNumber ?? "", sale.EventId));
        }

        var region = facts.Customer.Region;
        if (region.Length > 0)
        {
            foreach (var sale in facts.TerritorySales.Where(Counts).OrderBy(s => s.Date).ThenBy(s => s.EventId))
            {
                foreach (var rival in facts.RivalExclusiveContracts.Where(c => c.CustomerId != facts.Customer.Id).OrderBy(c => c.Number, StringComparer.Ordinal))
                {
                    if (rival.ExclusiveRightOn(sale.Date, region, sale.Product) is not { } right) continue;
                    summaries.Add($"{sale.Product} sold on {Figures.Of(sale.Date)} in {region}, the exclusive territory of contract {right.Contract.Number} (窜货: 他人总经销区域)");
                    evidence.Add(new Figure("saleOn", Figures.Of(sale.Date), sale.EventId));
                    evidence.Add(new Figure("product", sale.Product, sale.EventId));
                    evidence.Add(new Figure("region", region, sale.EventId));
                    evidence.Add(new Figure("exclusiveContract", $"{right.Contract.Number} v{right.Contract.Version}", sale.EventId));
                    evidence.Add(new Figure("exclusiveHolder", right.CustomerId.ToString(), sale.EventId));
                }
            }
        }

        return summaries.Count > 0
            ? RuleOutcome.Tripped(Figures.Joined(summaries) + ".", evidence)
            : RuleOutcome.Cleared(CauseOfClearing(facts));
    }

    private static string CauseOfClearing(CustomerFacts facts) => facts.Trigger switch
    {
        SaleRecorded { ReversesEntryId: not null } reversal => $"The sale in breach was reversed (event {reversal.EventId}).",
        ContractAmended amended => $"Contract {amended.Number} version {amended.ContractVersion} no longer grants the right that was breached (event {amended.EventId}).",
        ContractTerminated terminated => $"Contract {terminated.Number} ended before the sales in question (event {terminated.EventId}).",
        _ => "No standing sale breaches a contract's product lines or another customer's exclusive territory.",
    };
}
