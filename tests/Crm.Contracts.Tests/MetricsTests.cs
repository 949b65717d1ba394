using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Contracts.Tests;

/// <summary>The business counters of Meter <c>Crm.Contracts</c>, as this host's meter factory reports them.</summary>
public sealed class MetricsTests(ContractsSystem contracts) : IClassFixture<ContractsSystem>
{
    [Fact]
    public async Task Transitions_approvals_reads_and_reminders_are_counted()
    {
        using var probe = new Probe(contracts.System.ServicesOf("contracts").GetRequiredService<IMeterFactory>());
        var customer = await contracts.RegisterCustomerAsync();
        var expiresOn = ContractsSystem.Today.AddDays(10);
        var id = await contracts.SignedAsync(ContractsSystem.Draft(customer, effectiveOn: ContractsSystem.Today.AddDays(-100), expiresOn: expiresOn),
            signedOn: ContractsSystem.Today.AddDays(-100));
        using var custodian = contracts.Custodian();
        await (await custodian.GetAsync($"/api/contracts/{id}")).JsonAsync(HttpStatusCode.OK);
        await (await custodian.GetAsync($"/api/contracts/{id}/document")).Content.ReadAsStringAsync();
        using (var stranger = contracts.Rep("rep-x"))
            await (await stranger.GetAsync($"/api/contracts/{id}")).ProblemAsync(HttpStatusCode.Forbidden);
        await contracts.SweepAsync();

        Assert.Equal(1, probe.Sum("crm.contracts.transitions", "crm.contract.action=created"));
        Assert.Equal(1, probe.Sum("crm.contracts.transitions", "crm.contract.action=submitted"));
        Assert.Equal(1, probe.Sum("crm.contracts.transitions", "crm.contract.action=approved"));
        Assert.Equal(1, probe.Sum("crm.contracts.transitions", "crm.contract.action=signed"));
        Assert.Equal(1, probe.Sum("crm.contracts.transitions", "crm.contract.action=activated"));
        Assert.Equal(1, probe.Sum("crm.contracts.approvals", "crm.step.role=sales-admin-manager", "crm.step.decision=approved"));
        Assert.Equal(1, probe.Sum("crm.contracts.access_log.reads", "crm.contract.read=card"));   // the refused read is not counted
        Assert.Equal(1, probe.Sum("crm.contracts.access_log.reads", "crm.contract.read=document"));
        Assert.Equal(1, probe.Sum("crm.contracts.reminders.sent", "crm.reminder.days=15"));        // 10 days left: the nearest reminder
    }

    private sealed class Probe : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, string[] Tags, long Value)> _measurements = new();

        public Probe(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Meter.Name == "Crm.Contracts") listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var pairs = new List<string>();
                foreach (var tag in tags) pairs.Add($"{tag.Key}={tag.Value}");
                _measurements.Enqueue((instrument.Name, pairs.ToArray(), value));
            });
            _listener.Start();
        }

        public long Sum(string instrument, params string[] tags) =>
            _measurements.Where(m => m.Instrument == instrument && tags.All(m.Tags.Contains)).Sum(m => m.Value);

        public void Dispose() => _listener.Dispose();
    }
}
