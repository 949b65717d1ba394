using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Crm.Credit.Services;

/// <summary>
/// The credit service's business metrics (Meter <c>Crm.Credit</c>) and its ActivitySource for grading runs; both are
/// exported with every other <c>Crm.*</c> source.
/// </summary>
public sealed class CreditTelemetry(IMeterFactory meters) : ServiceMetrics(meters, Name)
{
    public const string Name = "Crm.Credit";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _entries = meters.Counter(Name, "crm.credit.ledger.entries", "{entry}", "Ledger entries recorded, by kind (sale, payment) and whether they reverse another");
    private readonly Counter<double> _entryAmounts = meters.Amounts(Name, "crm.credit.ledger.amount", "Amounts recorded in the ledger, by kind; reversals count negative");
    private readonly Counter<long> _overLimitSales = meters.Counter(Name, "crm.credit.ledger.over_limit_sales", "{sale}", "Sales that left the customer's balance above its credit limit");
    private readonly Counter<long> _gradingRuns = meters.Counter(Name, "crm.credit.grading.runs", "{run}", "Grading runs, by whether they changed anything");
    private readonly Histogram<double> _gradingDuration = meters.Create(Name).CreateHistogram<double>("crm.credit.grading.duration", "s", "How long a grading run took");
    private readonly Counter<long> _customersGraded = meters.Counter(Name, "crm.credit.grading.customers", "{customer}", "Customers graded by grading runs");
    private readonly Counter<long> _gradesChanged = meters.Counter(Name, "crm.credit.grading.grades_changed", "{customer}", "Customers whose grade or score a run changed, by new grade");
    private readonly Counter<long> _limitRequests = meters.Counter(Name, "crm.credit.limit_requests.opened", "{request}", "Credit limit requests opened, by source (manual, grading)");
    private readonly Counter<long> _limitDecisions = meters.Counter(Name, "crm.credit.limit_requests.decisions", "{decision}", "Approval decisions, by step role and decision");
    private readonly Counter<long> _limitChanges = meters.Counter(Name, "crm.credit.limits.changed", "{change}", "Credit limits changed by a completed approval");
    private readonly Counter<long> _expenses = meters.Counter(Name, "crm.credit.expenses.recorded", "{expense}", "Business expenses recorded, by category");
    private readonly Counter<long> _plans = meters.Counter(Name, "crm.credit.plans.set", "{plan}", "Monthly business plans set or revised");
    private readonly Counter<long> _creditNotes = meters.Counter(Name, "crm.credit.ledger.credit_notes", "{credit_note}", "Credit notes recorded for approved returns, by whether they credit a sale of the ledger");
    private readonly Counter<double> _rebateReversed = meters.Amounts(Name, "crm.credit.rebate.reversed", "Rebate taken back by credit notes");
    private readonly Counter<long> _outsideContract = meters.Counter(Name, "crm.credit.ledger.outside_contract_sales", "{sale}", "Sales recorded outside the contract, by reason (no-contract, product-line)");

    public void EntryRecorded(LedgerEntry entry)
    {
        var kind = Tag("crm.entry.kind", entry switch { Sale => "sale", CreditNote => "credit-note", _ => "payment" });
        var reversal = Tag("crm.entry.reversal", entry.IsReversal);
        _entries.Add(1, kind, reversal);
        _entryAmounts.Add((double)entry.Amount, kind);
    }

    public void OverLimitSale() => _overLimitSales.Add(1);

    /// <summary>An original sale (not a reversal) recorded outside its contract.</summary>
    public void OutsideContractSale(Sale sale)
    {
        if (sale.IsReversal || !sale.OutsideContract) return;
        _outsideContract.Add(1, Tag("crm.outside_contract.reason", sale.ContractId is null ? "no-contract" : "product-line"));
    }

    public void CreditNoteRecorded(CreditNote note)
    {
        EntryRecorded(note);
        _creditNotes.Add(1, Tag("crm.credit_note.credits_sale", note.CreditsEntryId is not null));
        if (note.RebateReversed > 0) _rebateReversed.Add((double)note.RebateReversed);
    }

    public void GradingRun(bool changedAnything, int graded, TimeSpan elapsed)
    {
        _gradingRuns.Add(1, Tag("crm.grading.changed", changedAnything));
        _customersGraded.Add(graded);
        _gradingDuration.Record(elapsed.TotalSeconds);
    }

    public void GradeChanged(Grade grade) => _gradesChanged.Add(1, Tag("crm.grade", grade.ToString()));

    public void LimitRequestOpened(LimitRequestSource source) =>
        _limitRequests.Add(1, Tag("crm.limit_request.source", source.ToString().ToLowerInvariant()));

    public void LimitDecision(string role, StepDecision decision) => _limitDecisions.Add(1,
        Tag("crm.step.role", role),
        Tag("crm.step.decision", decision.ToString().ToLowerInvariant()));

    public void LimitChanged() => _limitChanges.Add(1);

    public void ExpenseRecorded(ExpenseCategory category) =>
        _expenses.Add(1, Tag("crm.expense.category", category.ToString().ToLowerInvariant()));

    public void PlanSet() => _plans.Add(1);
}
