using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;

namespace Crm.Credit.IntegrationEvents;

/// <summary>
/// An approved return with an amount becomes a credit note (退货冲账) in the customer's ledger, with its event; an
/// exchange, a repair or repackaging (amount 0) records nothing. One credit note per return: the inbox absorbs a
/// redelivery, and a second event for the same return (another eventId) finds the first credit note, or on SQL Server
/// loses on the unique return id and, retried, finds it.
/// </summary>
public sealed class ReturnApprovedHandler(
    CreditDbContext db, CustomerDirectory customers, Rebates rebates, TimeProvider clock, CreditTelemetry telemetry)
    : IIntegrationEventHandler<ReturnApproved>
{
    public const string RecordedBy = "after-sales";

    public async Task HandleAsync(ReturnApproved integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.Amount <= 0) return;
        if (await db.CreditNotes.AnyAsync(n => n.ReturnId == integrationEvent.ReturnId, cancellationToken)) return;

        var customer = await CustomerPlaceholders.ForAsync(db, integrationEvent, cancellationToken);
        var account = await customers.AccountOfAsync(customer, cancellationToken);

        var sale = integrationEvent.SaleId is { } saleId
            ? await db.Sales.FirstOrDefaultAsync(s => s.Id == saleId && s.CustomerId == customer.Id && s.ReversesEntryId == null, cancellationToken)
            : null;
        // A reversed sale no longer counts towards a rebate, so its return takes none back.
        var saleReversed = sale is not null && await db.LedgerEntries.AnyAsync(e => e.ReversesEntryId == sale.Id, cancellationToken);
        var (contractId, soldOn) = sale is not null
            ? (sale.OutsideContract || saleReversed ? null : sale.ContractId, sale.Date)
            : await ContractOfAsync(integrationEvent, cancellationToken);
        var rebateReversed = contractId is { } id
            ? await rebates.ReversedAsync(customer.Id, id, soldOn, integrationEvent.ApprovedOn, integrationEvent.Amount, cancellationToken)
            : 0;

        var now = clock.GetUtcNow();
        var note = CreditNote.Record(account, integrationEvent, sale, contractId, contractId is null ? null : soldOn, rebateReversed, now, RecordedBy);
        db.LedgerEntries.Add(note);
        await db.SettleAsync(account, cancellationToken);
        db.AddIntegrationEvent(new CreditNoteRecorded
        {
            EntryId = note.Id,
            ReturnId = note.ReturnId,
            SaleId = note.CreditsEntryId ?? integrationEvent.SaleId,
            Date = note.Date,
            Amount = note.Amount,
            RebateReversed = note.RebateReversed,
            BalanceAfter = note.BalanceAfter,
            CreditLimit = account.CreditLimit,
            Number = note.Number,
        }.About(note.BranchId, note.CustomerId, now), clock);
        telemetry.CreditNoteRecorded(note);
    }

    /// <summary>A return naming no sale of this ledger counts against the contract in force on the day the goods were sold, if they were inside it.</summary>
    private async Task<(Guid?, DateOnly)> ContractOfAsync(ReturnApproved approved, CancellationToken cancellationToken)
    {
        var terms = await db.TermsInForceAsync(approved.CustomerId, approved.SoldOn, cancellationToken);
        return (terms is not null && terms.Covers(approved.Product) ? terms.Contract.Id : null, approved.SoldOn);
    }
}
