using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Backup.Tests;

/// <summary>
/// The customers service backing itself up on its own schedule (Backup:Directory set), on a fake clock: the first
/// set at start, one per interval after, retention, the age metric, and the alert when backups stop succeeding.
/// </summary>
public sealed class ScheduledBackupTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crm-backup-tests", Guid.NewGuid().ToString("N"));
    private readonly ErrorLog _errors = new();
    private CrmSystem _system = null!;

    public async Task InitializeAsync() => _system = await CrmSystem.StartAsync(new CrmSystemOptions
    {
        Services = ["customers"],
        WithGateway = false,
        Settings = _ =>
        [
            new("Backup:Directory", _directory),
            new("Backup:Interval", "1.00:00:00"),
            new("Backup:Keep", "2"),
            new("Backup:RetryDelay", "01:00:00"),
        ],
        ConfigureServices = (_, services) =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<ILoggerProvider>(_errors);
        },
    });

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        try
        {
            if (File.Exists(_directory)) File.Delete(_directory);
            else Directory.Delete(_directory, recursive: true);
        }
        catch (IOException) { /* temp folder */ }
    }

    [Fact]
    public async Task Backs_up_at_start_and_every_interval_keeps_the_newest_sets_reports_its_age_and_alerts_when_overdue()
    {
        var backups = _system.ServicesOf("customers").GetRequiredService<BackupMetrics>();
        await Eventually.Until(() => Task.FromResult(backups.LastSuccess == Start), "the first backup, at start");
        var first = BackupSets.List(_directory, "customers").Single();
        Assert.Equal(Start, first.CreatedAt);
        Assert.Equal("ok", SqliteBackup.IntegrityCheck(Path.Combine(first.Path, "customers.db")));

        // The service waits on the fake clock: one interval later it backs up again, and again (Keep = 2: the oldest goes).
        _clock.Advance(TimeSpan.FromDays(1));
        await Eventually.Until(() => Task.FromResult(backups.LastSuccess == Start.AddDays(1)), "the second backup");
        _clock.Advance(TimeSpan.FromDays(1));
        await Eventually.Until(() => Task.FromResult(backups.LastSuccess == Start.AddDays(2)), "the third backup");
        var sets = await Eventually.Until(() => Task.FromResult(BackupSets.List(_directory, "customers")), s => s.Count == 2, "retention");
        Assert.Equal([Start.AddDays(2), Start.AddDays(1)], sets.Select(s => s.CreatedAt));
        _clock.Advance(TimeSpan.FromHours(5));

        var metrics = Read();
        Assert.Equal(sets[0].CreatedAt.ToUnixTimeMilliseconds() / 1000d, metrics["crm.backup.last_success"]);
        Assert.Equal((_clock.GetUtcNow() - sets[0].CreatedAt).TotalSeconds, metrics["crm.backup.age"]);
        Assert.True(metrics["crm.backup.size"] > 0);
        Assert.Equal("Healthy", await BackupHealthAsync());

        // The target disappears (an unmounted share): every attempt fails; past twice the interval the alert is raised.
        Directory.Delete(_directory, recursive: true);
        await File.WriteAllTextAsync(_directory, "not a folder");
        var lastSuccess = sets[0].CreatedAt;
        await Eventually.Until(() =>
        {
            _clock.Advance(TimeSpan.FromHours(1));
            return Task.FromResult(_errors.Messages.Any(m => m.Contains("backup overdue", StringComparison.Ordinal)));
        }, "the overdue error", TimeSpan.FromSeconds(60));

        Assert.True(_clock.GetUtcNow() - lastSuccess > TimeSpan.FromDays(2));
        Assert.Equal("Degraded", await BackupHealthAsync());
        Assert.True(Read()["crm.backup.age"] > TimeSpan.FromDays(2).TotalSeconds);
        Assert.Equal(lastSuccess.ToUnixTimeMilliseconds() / 1000d, Read()["crm.backup.last_success"]);
    }

    private async Task<string?> BackupHealthAsync()
    {
        using var http = new HttpClient { BaseAddress = _system.AddressOf("customers") };
        var health = JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement;
        return health.GetProperty("checks").GetProperty("backup").GetString();
    }

    /// <summary>The Crm.Backup gauges of this host's meter, as an exporter would collect them now.</summary>
    private Dictionary<string, double> Read()
    {
        var meter = _system.ServicesOf("customers").GetRequiredService<BackupMetrics>();
        var values = new Dictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == BackupMetrics.MeterName && instrument.Meter == meter.Meter) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    private sealed class ErrorLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error) Messages.Enqueue(formatter(state, exception));
        }

        public void Dispose() { }
    }
}
