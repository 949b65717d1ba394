using Crm.Messaging.Inbox;

namespace Crm.Alerts.IntegrationEvents;

/// <summary>
/// A sale (or its reversal): the customer's balance and purchase rhythm, the entry itself, and the rules a sale triggers,
/// in one save. Everything it reads it reads first, with the new entry counted as if stored; on SQLite that happens before
/// the event's turn at the batch writer (<see cref="PrepareAsync"/>, concurrently with other events and outside the write
/// lock), and the writer applies it only if nothing that bears on the customer's facts was written meanwhile
/// (<see cref="FactChangeLog"/>); otherwise it reads again, in its own transaction, and applies that.
/// </summary>
public sealed class SaleRecordedHandler(AlertsDbContext db, AlertEngine engine, FactChangeLog changes, AlertMetrics metrics, TimeProvider clock)
    : IPreparingIntegrationEventHandler<SaleRecorded>
{
    public async Task HandleAsync(SaleRecorded sale, CancellationToken cancellationToken) =>
        await ApplyReadingAsync(sale, await ReadAsync(sale, cancellationToken), cancellationToken);

    public async Task<object?> PrepareAsync(SaleRecorded sale, CancellationToken cancellationToken) => await ReadAsync(sale, cancellationToken);

    public async Task ApplyAsync(SaleRecorded sale, object prepared, CancellationToken cancellationToken)
    {
        var reading = (SaleReading)prepared;
        var unchanged = !changes.ChangedSince(reading.Epoch, sale.CustomerId);
        metrics.ReadAhead(applied: unchanged);
        if (unchanged) await ApplyReadingAsync(sale, reading, cancellationToken);
        else await HandleAsync(sale, cancellationToken);
    }

    private async Task<SaleReading> ReadAsync(SaleRecorded sale, CancellationToken cancellationToken)
    {
        var epoch = changes.Epoch; // before the first read
        var now = clock.GetUtcNow();
        var stored = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == sale.CustomerId, cancellationToken);
        // The entry itself if stored already (a redelivery after its inbox record expired), and any entry reversing it.
        var entries = await db.SaleEntries.Where(s => s.EntryId == sale.EntryId || s.ReversesEntryId == sale.EntryId)
            .Select(s => s.EntryId).ToListAsync(cancellationToken);
        var staged = entries.Contains(sale.EntryId) ? null : new StagedSale(SaleEntry.From(sale), Reversed: entries.Count > 0);

        // The customer as it will be once the sale is applied, for the rules to read.
        var customer = stored?.Copy() ?? Customer.FirstSeenIn(sale);
        customer.ObserveAccount(FactPosition.Of(sale), sale.BalanceAfter, sale.CreditLimit);
        PurchaseRhythm? rhythm = null;
        if (staged is not null)
        {
            rhythm = PurchaseRhythm.Of(Including(staged, await RecentPurchasesAsync(sale.CustomerId, cancellationToken)));
            customer.ObservePurchases(rhythm);
        }
        var evaluation = await engine.ReadAheadAsync(customer, sale, staged, now, cancellationToken);
        return new SaleReading(epoch, stored, staged, rhythm, evaluation);
    }

    private async Task ApplyReadingAsync(SaleRecorded sale, SaleReading reading, CancellationToken cancellationToken)
    {
        Customer customer;
        if (reading.Customer is not { } stored) db.Customers.Add(customer = Customer.FirstSeenIn(sale));
        else if (db.Customers.Local.FirstOrDefault(c => c.Id == stored.Id) is { } tracked) customer = tracked; // this unit of work's own
        else db.Customers.Attach(customer = stored); // as read: its version refuses the save if it changed meanwhile
        customer.ObserveAccount(FactPosition.Of(sale), sale.BalanceAfter, sale.CreditLimit);
        if (reading.Staged is { } staged)
        {
            db.SaleEntries.Add(staged.Entry);
            customer.ObservePurchases(reading.Rhythm!);
        }
        if (reading.Evaluation is { } evaluation) await engine.ApplyAsync(customer, evaluation, cancellationToken);
    }

    /// <summary>
    /// The standing purchases (positive amounts that no entry reverses) of the customer's most recent purchase days, one
    /// day more than the rhythm takes: the sale being applied may reverse one of them.
    /// </summary>
    private async Task<List<Purchase>> RecentPurchasesAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var standing = db.SaleEntries.Where(s =>
            s.CustomerId == customerId && s.Amount > 0 && !db.SaleEntries.Any(r => r.ReversesEntryId == s.EntryId));
        var days = await standing.Select(s => s.Date).Distinct().OrderByDescending(d => d)
            .Take(PurchaseRhythm.RecentPurchaseDays + 1).ToListAsync(cancellationToken);
        if (days.Count == 0) return [];
        var earliest = days[^1];
        return await standing.Where(s => s.Date >= earliest)
            .Select(s => new Purchase(s.Date, s.EventId, s.OccurredAt, s.EntryId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The stored purchases with the staged entry counted: it reverses one of them, or is one (unless reversed already).</summary>
    private static List<Purchase> Including(StagedSale staged, List<Purchase> purchases)
    {
        var entry = staged.Entry;
        if (entry.ReversesEntryId is { } reversed) purchases.RemoveAll(p => p.EntryId == reversed);
        if (entry.Amount > 0 && !staged.Reversed) purchases.Add(new Purchase(entry.Date, entry.EventId, entry.OccurredAt, entry.EntryId));
        return purchases;
    }

    /// <summary>What a sale's effect was decided on: read with <see cref="Epoch"/>, the customer as stored (null: not yet).</summary>
    private sealed record SaleReading(long Epoch, Customer? Customer, StagedSale? Staged, PurchaseRhythm? Rhythm, EvaluationReading? Evaluation);
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
