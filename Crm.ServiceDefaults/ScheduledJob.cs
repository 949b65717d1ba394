using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.ServiceDefaults;

/// <summary>
/// A job that runs at start and then every <see cref="Interval"/>, on the injected clock (so tests drive it with a fake
/// one). A failed run is logged and the job runs again at its next interval; it never stops the host.
/// </summary>
public abstract partial class ScheduledJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>How the log names the job, e.g. "The contract expiry job".</summary>
    protected abstract string JobName { get; }

    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
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
            try { await Task.Delay(Interval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed; it runs again at its next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);
}
