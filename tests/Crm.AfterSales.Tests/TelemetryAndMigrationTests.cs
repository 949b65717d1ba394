using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Crm.AfterSales.Infrastructure;
using Crm.AfterSales.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.AfterSales.Tests;

/// <summary>The Crm.AfterSales meter of this host (not another host's of the same name in this process).</summary>
public sealed class TelemetryTests(AfterSalesFixture fixture) : IClassFixture<AfterSalesFixture>
{
    [Fact]
    public async Task The_meter_counts_complaints_opened_and_closed_breaches_returns_and_observes_the_open_complaints()
    {
        var scope = fixture.System.ServicesOf("aftersales").GetRequiredService<IMeterFactory>();
        var measured = new ConcurrentDictionary<string, long>();
        var gauge = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Meter.Name == AfterSalesTelemetry.Name) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument is ObservableGauge<long>) Interlocked.Exchange(ref gauge, value);
            else measured.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
        });
        listener.Start();

        var procedure = new Procedure(fixture);
        var customer = await fixture.CustomerAsync();
        var t0 = fixture.Now;
        await procedure.ToStateAsync(customer, "closed");
        await Api.OpenAsync(procedure.AfterSales, customer);
        await fixture.SweepAtAsync(t0.AddHours(24));
        await HttpAssertions.JsonAsync(await procedure.AfterSales.PostAsJsonAsync("/api/aftersales/returns",
            new { customerId = customer, kind = "return", product = "洗衣粉", quantity = 1m, amount = 50m, soldOn = "2026-03-16", reason = "破损" }), HttpStatusCode.Created);

        Assert.Equal(2, measured.GetValueOrDefault("crm.aftersales.complaints.opened"));
        Assert.Equal(1, measured.GetValueOrDefault("crm.aftersales.complaints.closed"));
        Assert.Equal(1, measured.GetValueOrDefault("crm.aftersales.sla.breaches"));
        Assert.Equal(1, measured.GetValueOrDefault("crm.aftersales.returns.approved"));
        listener.RecordObservableInstruments();
        Assert.Equal(1, Interlocked.Read(ref gauge));
    }
}

/// <summary>Both providers' migrations hold the whole model.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_and_sql_server_migrations_match_the_model()
    {
        using (var sqlite = new SqliteAfterSalesDesignTimeFactory().CreateDbContext([]))
            Assert.False(sqlite.Database.HasPendingModelChanges(), "The model has changes no SQLite migration holds; run dotnet ef migrations add.");
        using var sqlServer = new SqlServerAfterSalesDesignTimeFactory().CreateDbContext([]);
        Assert.False(sqlServer.Database.HasPendingModelChanges(), "The model has changes no SQL Server migration holds; run dotnet ef migrations add.");
    }
}
