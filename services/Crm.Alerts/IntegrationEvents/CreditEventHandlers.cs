using Crm.Alerts.Services;
using Crm.Messaging.Inbox;
using Crm.ServiceDefaults;

namespace Crm.Alerts.IntegrationEvents;

public sealed class SaleRecordedHandler(AlertsDbContext db, CustomerProjection customers, AlertEngine engine) : IIntegrationEventHandler<SaleRecorded>
{
    public async Task HandleAsync(SaleRecorded sale, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(sale, cancellationToken);
        customer.ObserveAccount(FactPosition.Of(sale), sale.BalanceAfter, sale.CreditLimit);
        if (!await db.SaleEntries.AnyAsync(s => s.EntryId == sale.EntryId, cancellationToken))
        {
            db.SaleEntries.Add(SaleEntry.From(sale));
            // Written inside the inbox's transaction, so that the purchase days below include this entry.
            await db.SaveChangesAsync(cancellationToken);
            customer.ObservePurchases(PurchaseRhythm.Of(await RecentPurchasesAsync(customer.Id, cancellationToken)));
        }
        await engine.EvaluateAsync(customer, sale, cancellationToken);
    }

    // The entries of the most recent purchase days: positive amounts that no other entry reverses.
    private async Task<List<Purchase>> RecentPurchasesAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var standing = db.SaleEntries.Where(s =>
            s.CustomerId == customerId && s.Amount > 0 && !db.SaleEntries.Any(r => r.ReversesEntryId == s.EntryId));
        var days = await standing.Select(s => s.Date).Distinct().OrderByDescending(d => d)
            .Take(PurchaseRhythm.RecentPurchaseDays).ToListAsync(cancellationToken);
        if (days.Count == 0) return [];
        var earliest = days[^1];
        return await standing.Where(s => s.Date >= earliest)
            .Select(s => new Purchase(s.Date, s.EventId, s.OccurredAt))
            .ToListAsync(cancellationToken);
    }
}

public sealed class PaymentReceivedHandler(CustomerProjection customers, AlertEngine engine) : IIntegrationEventHandler<PaymentReceived>
{
    public async Task HandleAsync(PaymentReceived payment, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(payment, cancellationToken);
        customer.ObserveAccount(FactPosition.Of(payment), payment.BalanceAfter, payment.CreditLimit);
        await engine.EvaluateAsync(customer, payment, cancellationToken);
    }
}

public sealed class CreditNoteRecordedHandler(CustomerProjection customers, AlertEngine engine) : IIntegrationEventHandler<CreditNoteRecorded>
{
    public async Task HandleAsync(CreditNoteRecorded note, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(note, cancellationToken);
        customer.ObserveAccount(FactPosition.Of(note), note.BalanceAfter, note.CreditLimit);
        await engine.EvaluateAsync(customer, note, cancellationToken);
    }
}

public sealed class CreditLimitChangedHandler(CustomerProjection customers, AlertEngine engine) : IIntegrationEventHandler<CreditLimitChanged>
{
    public async Task HandleAsync(CreditLimitChanged change, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(change, cancellationToken);
        customer.ObserveAccount(FactPosition.Of(change), change.Balance, change.CreditLimit);
        await engine.EvaluateAsync(customer, change, cancellationToken);
    }
}

public sealed class PlanSetHandler(AlertsDbContext db, CustomerProjection customers, AlertEngine engine) : IIntegrationEventHandler<PlanSet>
{
    public async Task HandleAsync(PlanSet plan, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(plan, cancellationToken);
        var month = YearMonth.Parse(plan.Month);
        var key = month.ToString();
        var saved = await db.Plans.FirstOrDefaultAsync(p => p.CustomerId == plan.CustomerId && p.Month == key, cancellationToken);
        if (saved is null) db.Plans.Add(MonthlyPlan.From(plan, month));
        else saved.Replace(plan);
        await engine.EvaluateAsync(customer, plan, cancellationToken);
    }
}

public sealed class ExpenseRecordedHandler(AlertsDbContext db, CustomerProjection customers, AlertEngine engine) : IIntegrationEventHandler<ExpenseRecorded>
{
    public async Task HandleAsync(ExpenseRecorded expense, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(expense, cancellationToken);
        var month = YearMonth.Parse(expense.Month);
        var key = month.ToString();
        var saved = await db.ExpenseMonths.FirstOrDefaultAsync(e => e.CustomerId == expense.CustomerId && e.Month == key, cancellationToken);
        if (saved is null) db.ExpenseMonths.Add(MonthlyExpenses.From(expense, month));
        else saved.Replace(expense);
        await engine.EvaluateAsync(customer, expense, cancellationToken);
    }
}

/// <summary>
/// A month's budget (费用预算) set or changed: the month's figures are taken from it when it is the newest news of that
/// month, and the expense rule judges them again (a raised budget can clear the alert, a lowered one raise it). A budget
/// for a month with no expenses yet makes no row: it would become the "latest month" and hide the current one; the
/// month's first expense carries its budget anyway.
/// </summary>
public sealed class BudgetChangedHandler(AlertsDbContext db, CustomerProjection customers, AlertEngine engine) : IIntegrationEventHandler<BudgetChanged>
{
    public async Task HandleAsync(BudgetChanged changed, CancellationToken cancellationToken)
    {
        var month = YearMonth.Parse(changed.Month);
        var key = month.ToString();
        var saved = await db.ExpenseMonths.FirstOrDefaultAsync(e => e.CustomerId == changed.CustomerId && e.Month == key, cancellationToken);
        if (saved is null && changed.MonthTotal == 0) return;
        var customer = await customers.ForAsync(changed, cancellationToken);
        if (saved is null) db.ExpenseMonths.Add(MonthlyExpenses.From(changed, month));
        else saved.Replace(changed);
        await engine.EvaluateAsync(customer, changed, cancellationToken);
    }
}

public sealed class CustomerGradedHandler(CustomerProjection customers, AlertEngine engine) : IIntegrationEventHandler<CustomerGraded>
{
    public async Task HandleAsync(CustomerGraded graded, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(graded, cancellationToken);
        customer.ObserveGrade(FactPosition.Of(graded), graded.Period, graded.Grade, graded.PreviousGrade);
        await engine.EvaluateAsync(customer, graded, cancellationToken);
    }
}
