using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Crm.Credit.Tests;

/// <summary>The business metrics of meter <c>Crm.Credit</c> and the grading run's spans, as an operator sees them.</summary>
public sealed class TelemetryTests(CreditSystem credit) : IClassFixture<CreditSystem>, IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private MeterListener? _listener;

    private void Listen()
    {
        // Only this class's credit host: its meters come from its own IMeterFactory.
        var factory = credit.System.ServicesOf("credit").GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Crm.Credit" && ReferenceEquals(instrument.Meter.Scope, factory)) listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    private double Sum(string instrument, string? tag = null, object? value = null) => _measurements
        .Where(m => m.Instrument == instrument && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value)))
        .Sum(m => m.Value);

    [Fact]
    public async Task Ledger_grading_and_approvals_show_in_the_business_metrics_and_a_run_is_one_trace()
    {
        Listen();
        using var activities = new ActivityCollector();
        var customer = await credit.RegisterCustomerAsync("tm");
        using (var clerk = new Clerk(credit, "tm"))
        {
            await clerk.SaleAsync(customer, 1_000m, "2026-09-01", "2026-10-01");
            await clerk.PayAsync(customer, 400m, "2026-09-20");
        }
        await credit.PublishAndWaitAsync(Clerk.Scorecard(customer, "tm", 90m, CreditSystem.Now.AddDays(-40))); // 24 + 16 + 27 = 67: D
        using var manager = credit.As("sam-tm", "tm", "sales-admin-manager");
        await manager.RunGrading("2026-10");
        var request = (await credit.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.LimitRequests, r => r.CustomerId == customer))).Id;
        await (await manager.Post($"/api/credit/limit-requests/{request}/reject", new { comment = "先观察 wait and see" })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, Sum("crm.credit.ledger.entries", "crm.entry.kind", "sale"));
        Assert.Equal(1, Sum("crm.credit.ledger.entries", "crm.entry.kind", "payment"));
        Assert.Equal(1_000, Sum("crm.credit.ledger.amount", "crm.entry.kind", "sale"));
        Assert.Equal(1, Sum("crm.credit.ledger.over_limit_sales"));
        Assert.Equal(1, Sum("crm.credit.grading.runs", "crm.grading.changed", true));
        Assert.Single(_measurements, m => m.Instrument == "crm.credit.grading.duration");
        Assert.True(Sum("crm.credit.grading.customers") >= 1);
        Assert.Equal(1, Sum("crm.credit.grading.grades_changed"));
        Assert.Equal(1, Sum("crm.credit.limit_requests.opened", "crm.limit_request.source", "grading"));
        Assert.Equal(1, Sum("crm.credit.limit_requests.decisions", "crm.step.decision", "rejected"));

        var run = Assert.Single(activities.Stopped, a => a.DisplayName == "grading run" && (string?)a.GetTagItem("crm.branch") == "tm");
        var phases = activities.Stopped.Where(a => a.ParentSpanId == run.SpanId).Select(a => a.DisplayName).ToList();
        Assert.Equal(["grading gather", "grading assess", "grading write"], phases);
        Assert.Equal(1, run.GetTagItem("crm.grading.changed"));
    }

    [Fact]
    public async Task Sales_outside_the_contract_and_credit_notes_show_in_the_business_metrics()
    {
        Listen();
        var customer = await credit.RegisterCustomerAsync("tc");
        await credit.PublishAndWaitAsync(new Crm.Events.ContractSigned
        {
            BranchId = "tc", CustomerId = customer, OccurredAt = CreditSystem.Now.AddDays(-200), ContractId = Guid.NewGuid(), Number = "TC-2026-0001",
            ContractVersion = 1, SignedOn = new(2026, 4, 1), EffectiveOn = new(2026, 4, 1), ExpiresOn = new(2027, 3, 31),
            Terms = new Crm.Events.ContractTerms { PaymentTermDays = 30, ProductLines = ["洗衣粉"] },
        });
        Guid inside;
        using (var clerk = new Clerk(credit, "tc"))
        {
            inside = await clerk.SaleAsync(customer, 1_000m, "2026-09-01", "2026-10-01");
            await clerk.SaleAsync(customer, 200m, "2026-09-02", "2026-10-02", product: "牙膏");
            await clerk.SaleAsync(customer, 300m, "2026-03-01", "2026-04-01");
        }
        var returned = new Crm.Events.ReturnApproved
        {
            BranchId = "tc", CustomerId = customer, OccurredAt = CreditSystem.Now, ReturnId = Guid.NewGuid(), Kind = "return", Product = "洗衣粉",
            Quantity = 1, Amount = 250m, SaleId = inside, SoldOn = new(2026, 9, 1), ApprovedOn = new(2026, 11, 1), WindowDays = 30,
        };
        await credit.PublishAndWaitAsync(returned);

        Assert.Equal(1, Sum("crm.credit.ledger.outside_contract_sales", "crm.outside_contract.reason", "product-line"));
        Assert.Equal(1, Sum("crm.credit.ledger.outside_contract_sales", "crm.outside_contract.reason", "no-contract"));
        Assert.Equal(1, Sum("crm.credit.ledger.credit_notes", "crm.credit_note.credits_sale", true));
        Assert.Equal(1, Sum("crm.credit.ledger.entries", "crm.entry.kind", "credit-note"));
        Assert.Equal(250, Sum("crm.credit.ledger.amount", "crm.entry.kind", "credit-note"));
    }

    public void Dispose() => _listener?.Dispose();
}
