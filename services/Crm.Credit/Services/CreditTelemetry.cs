using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Crm.Credit.Services;

/// <summary>
/// The credit service's business metrics (Meter <c>Crm.Credit</c>) and its ActivitySource for grading runs; both are
/// exported with every other <c>Crm.*</c> source.
/// </summary>
public sealed class CreditTelemetry : ServiceMetrics
{
    public const string Name = "Crm.Credit";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _entries;
    private readonly Counter<double> _entryAmounts;
    private readonly Counter<long> _overLimitSales;
    private readonly Counter<long> _gradingRuns;
    private readonly Histogram<double> _gradingDuration;
    private readonly Counter<long> _customersGraded;
    private readonly Counter<long> _gradesChanged;
    private readonly Counter<long> _limitRequests;
    private readonly Counter<long> _limitDecisions;
    private readonly Counter<long> _limitChanges;
    private readonly Counter<long> _expenses;
    private readonly Counter<long> _plans;
    private readonly Counter<long> _creditNotes;
    private readonly Counter<double> _rebateReversed;
    private readonly Counter<long> _outsideContract;

    public CreditTelemetry(IMeterFactory meters) : base(meters, Name)
    {
        _entries = Counter("crm.credit.ledger.entries", "{entry}", "Ledger entries recorded, by kind (sale, payment) and whether they reverse another");
        _entryAmounts = Amounts("crm.credit.ledger.amount", "Amounts recorded in the ledger, by kind; reversals count negative");
        _overLimitSales = Counter("crm.credit.ledger.over_limit_sales", "{sale}", "Sales that left the customer's balance above its credit limit");
        _gradingRuns = Counter("crm.credit.grading.runs", "{run}", "Grading runs, by whether they changed anything");
        _gradingDuration = Meter.CreateHistogram<double>("crm.credit.grading.duration", "s", "How long a grading run took");
        _customersGraded = Counter("crm.credit.grading.customers", "{customer}", "Customers graded by grading runs");
        _gradesChanged = Counter("crm.credit.grading.grades_changed", "{customer}", "Customers whose grade or score a run changed, by new grade");
        _limitRequests = Counter("crm.credit.limit_requests.opened", "{request}", "Credit limit requests opened, by source (manual, grading)");
        _limitDecisions = Counter("crm.credit.limit_requests.decisions", "{decision}", "Approval decisions, by step role and decision");
        _limitChanges = Counter("crm.credit.limits.changed", "{change}", "Credit limits changed by a completed approval");
        _expenses = Counter("crm.credit.expenses.recorded", "{expense}", "Business expenses recorded, by category");
        _plans = Counter("crm.credit.plans.set", "{plan}", "Monthly business plans set or revised");
        _creditNotes = Counter("crm.credit.ledger.credit_notes", "{credit_note}", "Credit notes recorded for approved returns, by whether they credit a sale of the ledger");
        _rebateReversed = Amounts("crm.credit.rebate.reversed", "Rebate taken back by credit notes");
        _outsideContract = Counter("crm.credit.ledger.outside_contract_sales", "{sale}", "Sales recorded outside the contract, by reason (no-contract, product-line)");
    }

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
