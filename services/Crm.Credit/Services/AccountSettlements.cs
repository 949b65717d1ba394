namespace Crm.Credit.Services;

/// <summary>
/// Keeps each account's <see cref="AccountSettlement"/> in step with its ledger: called after an entry is added, before
/// the save that records it, so the snapshot commits in the same transaction as the entry (or not at all).
/// </summary>
public static class AccountSettlements
{
    /// <summary>
    /// Replays the customer's whole ledger (what is saved, and the entries added to this context and not yet saved) and
    /// stores the result as of the account's entry count.
    /// </summary>
    public static async Task SettleAsync(this CreditDbContext db, CreditAccount account, CancellationToken cancellationToken)
    {
        var customerId = account.CustomerId;
        var rows = await LedgerLines.Of(db.LedgerEntries.Where(e => e.CustomerId == customerId)).ToListAsync(cancellationToken);
        var lines = rows.Select(r => r.ToLine()).ToList();
        foreach (var added in db.ChangeTracker.Entries<LedgerEntry>())
            if (added.State == EntityState.Added && added.Entity.CustomerId == customerId)
                lines.Add(LineOf(added.Entity));
        var snapshot = LedgerSnapshot.Of(lines);
        var stored = await db.Settlements.FindAsync([customerId], cancellationToken);
        if (stored is null) db.Settlements.Add(AccountSettlement.Of(account, snapshot));
        else stored.Update(account, snapshot);
    }

    /// <summary>An entry as the replay reads it, as <see cref="LedgerLines.Of"/> projects it from its row.</summary>
    public static LedgerLine LineOf(LedgerEntry entry) => entry switch
    {
        Sale sale => new LedgerLine(LedgerEntryKind.Sale, sale.Number, sale.Date, sale.DueDate, sale.Amount, sale.ReversesNumber),
        CreditNote note => new LedgerLine(LedgerEntryKind.CreditNote, note.Number, note.Date, note.Date, note.Amount, note.ReversesNumber, note.CreditsNumber),
        _ => new LedgerLine(LedgerEntryKind.Payment, entry.Number, entry.Date, entry.Date, entry.Amount, entry.ReversesNumber),
    };
}
