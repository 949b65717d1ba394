using Crm.Messaging.Inbox;

namespace Crm.AfterSales.IntegrationEvents;

/// <summary>
/// What was sold (<c>crm.sale-recorded</c>), so that a return of a recorded sale cannot exceed it. A reversal marks
/// the sale it reverses (even when it arrives first): nothing of that sale can be returned any more.
/// </summary>
public sealed class SaleRecordedHandler(AfterSalesDbContext db) : IIntegrationEventHandler<SaleRecorded>
{
    public async Task HandleAsync(SaleRecorded integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.ReversesEntryId is { } reversed)
        {
            var original = await db.Sales.FirstOrDefaultAsync(s => s.EntryId == reversed, cancellationToken);
            if (original is null) db.Sales.Add(SoldSale.ReversedBeforeSeen(integrationEvent));
            else original.MarkReversed();
            return;
        }
        if (!await db.Sales.AnyAsync(s => s.EntryId == integrationEvent.EntryId, cancellationToken))
            db.Sales.Add(SoldSale.From(integrationEvent));
    }
}
