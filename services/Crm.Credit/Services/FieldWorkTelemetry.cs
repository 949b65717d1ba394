using System.Diagnostics.Metrics;

namespace Crm.Credit.Services;

/// <summary>The business counters of channels and field work, on the credit service's Meter <c>Crm.Credit</c>.</summary>
public sealed class FieldWorkTelemetry(IMeterFactory meters) : ServiceMetrics(meters, CreditTelemetry.Name)
{
    // The factory hands back the one Meter of this name, which CreditTelemetry also uses.
    private readonly Counter<long> _sellThroughLines = meters.Counter(CreditTelemetry.Name, "crm.credit.sell_through.lines", "{line}", "Sell-through lines recorded (分销数据), by source (json, csv)");
    private readonly Counter<long> _sellThroughReports = meters.Counter(CreditTelemetry.Name, "crm.credit.sell_through.reports", "{report}", "Sell-through reports recorded, by source; replays are not counted");
    private readonly Counter<long> _promotionsRequested = meters.Counter(CreditTelemetry.Name, "crm.credit.promotions.requested", "{promotion}", "Promotion plans requested, by kind");
    private readonly Counter<long> _promotionDecisions = meters.Counter(CreditTelemetry.Name, "crm.credit.promotions.decisions", "{decision}", "Promotion decisions, by decision (approved, rejected)");
    private readonly Counter<long> _promotionsApproved = meters.Counter(CreditTelemetry.Name, "crm.credit.promotions.approved", "{promotion}", "Promotion plans approved (公司批准), by kind");
    private readonly Counter<long> _supportAllocations = meters.Counter(CreditTelemetry.Name, "crm.credit.support.allocations", "{allocation}", "Staff and vehicle support allocated (人员车辆支援), by kind");

    public void SellThroughRecorded(int lines, string source)
    {
        var tag = Tag("crm.sell_through.source", source);
        _sellThroughLines.Add(lines, tag);
        _sellThroughReports.Add(1, tag);
    }

    public void PromotionRequested(PromotionKind kind) => _promotionsRequested.Add(1, Tag("crm.promotion.kind", ApiNames.Of(kind)));

    public void PromotionDecided(Promotion promotion)
    {
        var approved = promotion.State == PromotionState.Approved;
        _promotionDecisions.Add(1, Tag("crm.promotion.decision", approved ? "approved" : "rejected"));
        if (approved) _promotionsApproved.Add(1, Tag("crm.promotion.kind", ApiNames.Of(promotion.Kind)));
    }

    public void SupportAllocated(SupportKind kind) => _supportAllocations.Add(1, Tag("crm.support.kind", ApiNames.Of(kind)));
}
