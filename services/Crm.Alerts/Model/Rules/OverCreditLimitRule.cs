namespace Crm.Alerts.Model.Rules;

/// <summary>
/// 外欠款预警: the outstanding balance is above the credit limit (plus the branch's margin, 0 by default). A balance
/// equal to the limit is within it. Decided on the newest balance snapshot of the ledger, never on the event at hand,
/// so a late older sale cannot raise what a newer payment has settled. Clears when a payment, a credit note for a
/// return (红字冲账) or a higher limit brings the balance back within the limit.
/// </summary>
public sealed class OverCreditLimitRule() : AlertRule(
    RuleName,
    "外欠款预警 Receivables over the credit limit",
    "The outstanding balance (欠款) is above the credit limit (信用额度) plus the margin; clears when it is back within.",
    typeof(SaleRecorded), typeof(PaymentReceived), typeof(CreditLimitChanged), typeof(CreditNoteRecorded))
{
    public const string RuleName = "over-credit-limit";

    public static readonly Threshold MarginPercent = new(
        "marginPercent", 0m, 0m, 100m, "%", "How far above the credit limit the balance may go before the alert (容差).");

    public override IReadOnlyList<Threshold> Thresholds { get; } = [MarginPercent];

    public override RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds)
    {
        var customer = facts.Customer;
        if (customer.Balance is not { } balance || customer.CreditLimit is not { } limit) return RuleOutcome.Unchanged;

        var allowed = limit * (1 + thresholds[MarginPercent] / 100m);
        if (balance <= allowed)
        {
            return RuleOutcome.Cleared(
                $"The balance {Figures.Of(balance)} is within the credit limit {Figures.Of(limit)} after {Describe(facts.Trigger)} (event {customer.AccountEventId}).");
        }

        var source = customer.AccountEventId;
        return RuleOutcome.Tripped(
            $"Balance {Figures.Of(balance)} is over the credit limit {Figures.Of(limit)} by {Figures.Of(balance - limit)} (外欠款超过信用额度).",
            new Figure("balance", Figures.Of(balance), source),
            new Figure("creditLimit", Figures.Of(limit), source),
            new Figure("overBy", Figures.Of(balance - limit), source));
    }

    private static string Describe(Crm.Events.IntegrationEvent? trigger) => trigger switch
    {
        PaymentReceived payment => $"the payment of {Figures.Of(payment.Amount)} on {Figures.Of(payment.Date)}",
        CreditNoteRecorded note => $"the credit note of {Figures.Of(note.Amount)} on {Figures.Of(note.Date)} for return {note.ReturnId} (退货冲账)",
        CreditLimitChanged change => $"the credit limit changed from {Figures.Of(change.PreviousLimit)} to {Figures.Of(change.CreditLimit)}",
        SaleRecorded { Amount: < 0 } reversal => $"the reversal of a sale of {Figures.Of(-reversal.Amount)}",
        SaleRecorded => "the latest ledger entry",
        _ => "the latest ledger entry",
    };
}
