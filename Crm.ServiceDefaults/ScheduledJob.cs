using Microsoft.Extensions.Logging;

namespace Crm.ServiceDefaults;

/// <summary>
/// A job that runs at start (unless <see cref="RunsAtStart"/> says otherwise) and then every <see cref="Interval"/>, on
/// the injected clock (so tests drive it with a fake one). A failed run is logged and the job runs again at its next
/// interval; it never stops the host.
/// </summary>
public abstract partial class ScheduledJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>How the log names the job, e.g. "The contract expiry job".</summary>
    protected abstract string JobName { get; }

    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>False: the first run waits one <see cref="Interval"/>.</summary>
    protected virtual bool RunsAtStart => true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        if (!RunsAtStart && !await WaitAsync(stoppingToken)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e, JobName);
            }
            if (!await WaitAsync(stoppingToken)) return;
        }
    }

    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        try { await Task.Delay(Interval, clock, stoppingToken); }
        catch (OperationCanceledException) { return false; }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed; it runs again at its next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);
}

/// <summary>
/// A <see cref="ScheduledJob"/> declared in one line: its name, whether it is on, its interval and its work, e.g. a
/// service's sweep on the interval its options give.
/// </summary>
public abstract class RecurringJob(
    TimeProvider clock, ILogger logger, string jobName, bool enabled, TimeSpan interval, Func<CancellationToken, Task> run, bool runsAtStart = true)
    : ScheduledJob(clock, logger)
{
    protected override string JobName => jobName;
    protected override bool Enabled => enabled;
    protected override TimeSpan Interval => interval;
    protected override bool RunsAtStart => runsAtStart;
    protected override Task RunOnceAsync(CancellationToken cancellationToken) => run(cancellationToken);
}
