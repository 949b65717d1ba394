namespace Crm.Messaging.Persistence.Backups;

/// <summary>The <c>Backup</c> section: a service's scheduled backups of its own SQLite database.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Where the sets go (another disk or a mounted share). Scheduled backups are off while it is not set.</summary>
    public string? Directory { get; set; }

    /// <summary>Time between two backups; one day by default.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Sets kept per service (the newest); older ones are removed after each successful backup.</summary>
    public int Keep { get; set; } = 14;

    /// <summary>Optionally, also remove sets older than this (the newest set is always kept).</summary>
    public TimeSpan? KeepFor { get; set; }

    /// <summary>Wait after a failed backup before the next attempt; also the time between two overdue alerts.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The alert threshold: the last success older than twice the interval.</summary>
    public TimeSpan OverdueAfter => Interval * 2;
}

/// <summary>
/// Meter <c>Crm.Backup</c>: when the last successful backup was (unix seconds) and its age, backups done and failed,
/// their duration and size. The age is the number to watch: it grows past twice the interval only when backups fail.
/// </summary>
public sealed class BackupMetrics : IDisposable
{
    public const string MeterName = "Crm.Backup";

    private readonly Meter _meter;
    private readonly TimeProvider _clock;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _duration;
    private readonly KeyValuePair<string, object?> _service;
    private readonly DateTimeOffset _startedAt;
    private DateTimeOffset? _lastSuccess;
    private long _lastSize;

    public BackupMetrics(IMeterFactory meters, TimeProvider clock, BackupSource source)
    {
        _clock = clock;
        _startedAt = clock.GetUtcNow();
        _service = new("service", source.Service);
        _meter = meters.Create(MeterName);
        _completed = _meter.CreateCounter<long>("crm.backup.completed", "{backup}", "Scheduled backups completed");
        _failed = _meter.CreateCounter<long>("crm.backup.failed", "{backup}", "Scheduled backups that failed");
        _duration = _meter.CreateHistogram<double>("crm.backup.duration", "s", "Time to back up the database");
        _meter.CreateObservableGauge("crm.backup.last_success", ObserveLastSuccess, "s", "Time of the last successful backup (unix seconds)");
        _meter.CreateObservableGauge("crm.backup.age", () => new Measurement<double>(Age.TotalSeconds, _service), "s",
            "Age of the last successful backup (since the service started, when there is none)");
        _meter.CreateObservableGauge("crm.backup.size", () => new Measurement<long>(Volatile.Read(ref _lastSize), _service), "By",
            "Size of the last backup");
    }

    /// <summary>This host's meter (each host has its own, by its <see cref="IMeterFactory"/>).</summary>
    public Meter Meter => _meter;

    public DateTimeOffset? LastSuccess
    {
        get { lock (_meter) return _lastSuccess; }
    }

    /// <summary>Age of the last success; with none yet, the time since the service started.</summary>
    public TimeSpan Age
    {
        get
        {
            var age = _clock.GetUtcNow() - (LastSuccess ?? _startedAt);
            return age > TimeSpan.Zero ? age : TimeSpan.Zero;
        }
    }

    internal void Found(DateTimeOffset lastSuccess)
    {
        lock (_meter) _lastSuccess = lastSuccess;
    }

    internal void Succeeded(DateTimeOffset at, TimeSpan duration, long size)
    {
        lock (_meter) _lastSuccess = at;
        Volatile.Write(ref _lastSize, size);
        _completed.Add(1, _service);
        _duration.Record(duration.TotalSeconds, _service);
    }

    internal void Failed() => _failed.Add(1, _service);

    private IEnumerable<Measurement<double>> ObserveLastSuccess()
    {
        if (LastSuccess is { } last) yield return new Measurement<double>(last.ToUnixTimeMilliseconds() / 1000d, _service);
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>Degraded when the last successful backup is older than twice the interval: the operators' alert.</summary>
public sealed class BackupHealthCheck(BackupMetrics metrics, BackupOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var age = metrics.Age;
        var data = new Dictionary<string, object> { ["ageSeconds"] = Math.Round(age.TotalSeconds), ["intervalSeconds"] = options.Interval.TotalSeconds };
        if (age > options.OverdueAfter)
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                metrics.LastSuccess is { } last
                    ? $"备份逾期 (backup overdue): the last successful backup was at {last:O}, {age:g} ago, more than twice the interval ({options.Interval:g})."
                    : $"备份逾期 (backup overdue): no successful backup in {age:g}, more than twice the interval ({options.Interval:g}).",
                data: data));
        return Task.FromResult(HealthCheckResult.Healthy("Backups are up to date.", data));
    }
}

/// <summary>
/// Backs up the service's own SQLite database every <see cref="BackupOptions.Interval"/> into
/// <see cref="BackupOptions.Directory"/> (sets named <c>{service}-{time}</c>), then applies retention. The schedule
/// follows the last set on disk, so a restart neither loses the age nor backs up again before it is due. A failure is
/// retried after <see cref="BackupOptions.RetryDelay"/>; while the last success is overdue an Error is logged every
/// <see cref="BackupOptions.RetryDelay"/>.
/// </summary>
public sealed partial class ScheduledBackupService(
    BackupSource source, BackupOptions options, BackupMetrics metrics, TimeProvider clock, ILogger<ScheduledBackupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var directory = options.Directory!;
        try
        {
            var newest = BackupSets.List(directory, source.Service).FirstOrDefault();
            if (newest.Path is not null) metrics.Found(newest.CreatedAt);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, e, source.Service, directory); // then the first attempt says more, and is retried
        }
        LogScheduled(logger, source.Service, directory, options.Interval, options.Keep);
        var watch = WatchAsync(stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            var due = metrics.LastSuccess is { } last ? last + options.Interval : clock.GetUtcNow();
            var wait = due - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, clock, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                var set = await BackupSets.CreateAsync(directory, source.Service, [source], "scheduled", clock, stoppingToken);
                var size = set.Manifest.Databases.Sum(d => d.Size);
                metrics.Succeeded(set.Manifest.CreatedAt, Stopwatch.GetElapsedTime(started), size);
                LogBackedUp(logger, source.Service, set.Path, size);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                metrics.Failed();
                LogFailed(logger, e, source.Service, directory, options.RetryDelay);
                try { await Task.Delay(options.RetryDelay, clock, stoppingToken); }
                catch (OperationCanceledException) { break; }
                continue;
            }

            try
            {
                foreach (var removed in BackupSets.ApplyRetention(directory, source.Service, options.Keep, options.KeepFor, clock.GetUtcNow()))
                    LogRemoved(logger, source.Service, removed);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogRetentionFailed(logger, e, source.Service, directory);
            }
        }
        await watch;
    }

    /// <summary>
    /// The operators' alert, apart from the attempts themselves so that it also fires when a backup hangs (a share that
    /// stopped answering): every <see cref="BackupOptions.RetryDelay"/>, an Error while the last success is overdue.
    /// </summary>
    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(options.RetryDelay, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
            if (metrics.Age > options.OverdueAfter)
                LogOverdue(logger, source.Service, metrics.LastSuccess, metrics.Age, options.Interval);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled backups of {Service} into {Directory} every {Interval}, keeping {Keep} sets")]
    private static partial void LogScheduled(ILogger logger, string service, string directory, TimeSpan interval, int keep);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backed up {Service} into {Set} ({Size} bytes)")]
    private static partial void LogBackedUp(ILogger logger, string service, string set, long size);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed the backup set {Set} of {Service}")]
    private static partial void LogRemoved(ILogger logger, string service, string set);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot list the backup sets of {Service} in {Directory}")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string service, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention could not remove old backup sets of {Service} in {Directory}; the next backup tries again")]
    private static partial void LogRetentionFailed(ILogger logger, Exception exception, string service, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backup of {Service} into {Directory} failed; retrying in {RetryDelay}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string service, string directory, TimeSpan retryDelay);

    [LoggerMessage(Level = LogLevel.Error, Message = "备份逾期 (backup overdue): the last successful backup of {Service} was at {LastSuccess} ({Age} ago), more than twice the interval {Interval}")]
    private static partial void LogOverdue(ILogger logger, string service, DateTimeOffset? lastSuccess, TimeSpan age, TimeSpan interval);
}
