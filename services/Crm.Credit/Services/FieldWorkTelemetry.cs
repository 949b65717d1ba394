using System.Diagnostics.Metrics;
using Crm.Credit.Model;
using Crm.ServiceDefaults;

namespace Crm.Credit.Services;

/// <summary>The business counters of channels and field work, on the credit service's Meter <c>Crm.Credit</c>.</summary>
public sealed class FieldWorkTelemetry
{
    private readonly Counter<long> _sellThroughLines;
    private readonly Counter<long> _sellThroughReports;
    private readonly Counter<long> _promotionsRequested;
    private readonly Counter<long> _promotionDecisions;
    private readonly Counter<long> _promotionsApproved;
    private readonly Counter<long> _supportAllocations;

    public FieldWorkTelemetry(IMeterFactory meters)
    {
        // The factory hands back the one Meter of this name, which CreditTelemetry also uses.
        var meter = meters.Create(CreditTelemetry.Name);
        _sellThroughLines = meter.CreateCounter<long>("crm.credit.sell_through.lines", "{line}", "Sell-through lines recorded (分销数据), by source (json, csv)");
        _sellThroughReports = meter.CreateCounter<long>("crm.credit.sell_through.reports", "{report}", "Sell-through reports recorded, by source; replays are not counted");
        _promotionsRequested = meter.CreateCounter<long>("crm.credit.promotions.requested", "{promotion}", "Promotion plans requested, by kind");
        _promotionDecisions = meter.CreateCounter<long>("crm.credit.promotions.decisions", "{decision}", "Promotion decisions, by decision (approved, rejected)");
        _promotionsApproved = meter.CreateCounter<long>("crm.credit.promotions.approved", "{promotion}", "Promotion plans approved (公司批准), by kind");
        _supportAllocations = meter.CreateCounter<long>("crm.credit.support.allocations", "{allocation}", "Staff and vehicle support allocated (人员车辆支援), by kind");
    }

    public void SellThroughRecorded(int lines, string source)
    {
        var tag = new KeyValuePair<string, object?>("crm.sell_through.source", source);
        _sellThroughLines.Add(lines, tag);
        _sellThroughReports.Add(1, tag);
    }

    public void PromotionRequested(PromotionKind kind) => _promotionsRequested.Add(1, new KeyValuePair<string, object?>("crm.promotion.kind", ApiNames.Of(kind)));

    public void PromotionDecided(Promotion promotion)
    {
        var approved = promotion.State == PromotionState.Approved;
        _promotionDecisions.Add(1, new KeyValuePair<string, object?>("crm.promotion.decision", approved ? "approved" : "rejected"));
        if (approved) _promotionsApproved.Add(1, new KeyValuePair<string, object?>("crm.promotion.kind", ApiNames.Of(promotion.Kind)));
    }

    public void SupportAllocated(SupportKind kind) => _supportAllocations.Add(1, new KeyValuePair<string, object?>("crm.support.kind", ApiNames.Of(kind)));
}
