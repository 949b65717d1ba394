using System.Diagnostics.Metrics;

namespace Crm.AfterSales.Services;

/// <summary>
/// The after-sales business metrics (Meter <c>Crm.AfterSales</c>): complaints open (a gauge the sweep refreshes from
/// the database), opened, closed, service-level breaches, returns approved.
/// </summary>
public sealed class AfterSalesTelemetry : ServiceMetrics
{
    public const string Name = "Crm.AfterSales";

    private readonly Counter<long> _opened;
    private readonly Counter<long> _closed;
    private readonly Counter<long> _breaches;
    private readonly Counter<long> _returns;
    private readonly Counter<double> _returnAmounts;
    private long _open = -1;

    public AfterSalesTelemetry(IMeterFactory meters) : base(meters, Name)
    {
        _opened = Counter("crm.aftersales.complaints.opened", "{complaint}", "Complaints received, by severity");
        _closed = Counter("crm.aftersales.complaints.closed", "{complaint}", "Complaints closed, by how (customer-satisfied, litigation) and category");
        _breaches = Counter("crm.aftersales.sla.breaches", "{breach}", "Service-level deadlines missed, by deadline (first-response, resolution)");
        _returns = Counter("crm.aftersales.returns.approved", "{return}", "Returns, exchanges, repairs and repackagings granted, by kind and override");
        _returnAmounts = Amounts("crm.aftersales.returns.amount", "Amounts credited by approved returns");
        Meter.CreateObservableGauge("crm.aftersales.complaints.open", ObserveOpen, "{complaint}", "Complaints not yet closed (refreshed by every sweep)");
    }

    private IEnumerable<Measurement<long>> ObserveOpen()
    {
        var open = Interlocked.Read(ref _open);
        return open < 0 ? [] : [new Measurement<long>(open)];
    }

    public void SetOpen(long count) => Interlocked.Exchange(ref _open, count);

    public void Opened(Severity severity)
    {
        _opened.Add(1, Tag("crm.complaint.severity", ApiNames.Of(severity)));
        if (Interlocked.Read(ref _open) >= 0) Interlocked.Increment(ref _open);
    }

    public void Closed(string closedBy, ComplaintCategory? category)
    {
        _closed.Add(1,
            Tag("crm.complaint.closed_by", closedBy),
            Tag("crm.complaint.category", category is { } c ? ApiNames.Of(c) : "unassessed"));
        if (Interlocked.Read(ref _open) > 0) Interlocked.Decrement(ref _open);
    }

    public void Breached(string deadline) => _breaches.Add(1, Tag("crm.sla.deadline", deadline));

    public void ReturnApproved(ReturnKind kind, bool overridden, decimal amount)
    {
        var kindTag = Tag("crm.return.kind", ApiNames.Of(kind));
        _returns.Add(1, kindTag, Tag("crm.return.override", overridden));
        if (amount > 0) _returnAmounts.Add((double)amount, kindTag);
    }
}
