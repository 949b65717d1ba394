namespace Crm.Messaging.Outbox;

/// <summary>
/// The outbox's health on the dashboard: rows waiting, age of the oldest, published, failed rounds, rows moved to the
/// quarantine table, and the time from commit to broker confirm.
/// </summary>
public sealed class OutboxMetrics : MessagingMetrics
{
    private readonly Counter<long> _published;
    private readonly Counter<long> _failedRounds;
    private readonly Counter<long> _quarantined;
    private readonly Histogram<double> _commitToConfirm;
    private readonly TimeProvider _clock;
    private long _backlog;
    private long _quarantineRows;
    private DateTimeOffset? _oldest;
    private DateTimeOffset? _failingSince;

    public OutboxMetrics(IMeterFactory meters, TimeProvider clock) : base(meters)
    {
        _clock = clock;
        _published = Meter.CreateCounter<long>("crm.outbox.published", "{message}", "Outbox rows published and confirmed by the broker");
        _failedRounds = Meter.CreateCounter<long>("crm.outbox.failed_rounds", "{round}", "Dispatch rounds that failed and backed off");
        _quarantined = Meter.CreateCounter<long>("crm.outbox.quarantined", "{message}", "Outbox rows moved to the quarantine table after bounded failed attempts");
        Meter.CreateObservableGauge("crm.outbox.quarantine_rows", () => Volatile.Read(ref _quarantineRows), "{message}", "Rows in the quarantine table (each holds back its customer's later events)");
        _commitToConfirm = Meter.CreateHistogram<double>("crm.outbox.commit_to_confirm", "s", "Time from the row's commit to the broker's confirm");
        Meter.CreateObservableGauge("crm.outbox.backlog", () => Volatile.Read(ref _backlog), "{message}", "Outbox rows waiting to be published");
        Meter.CreateObservableGauge("crm.outbox.oldest_age", ObserveOldestAge, "s", "Age of the oldest row waiting in the outbox");
    }

    public long Backlog => Volatile.Read(ref _backlog);

    /// <summary>Rows in the quarantine table, as of the dispatcher's last look.</summary>
    public long QuarantineRows => Volatile.Read(ref _quarantineRows);

    /// <summary>When the current streak of failed rounds began; null while rounds succeed.</summary>
    public DateTimeOffset? FailingSince
    {
        get { lock (Meter) return _failingSince; }
    }

    public TimeSpan OldestAge
    {
        get
        {
            DateTimeOffset? oldest;
            lock (Meter) oldest = _oldest;
            return oldest is null ? TimeSpan.Zero : (_clock.GetUtcNow() - oldest.Value) is var age && age > TimeSpan.Zero ? age : TimeSpan.Zero;
        }
    }

    internal void Published(OutboxMessage row, DateTimeOffset now)
    {
        _published.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", row.MessageType));
        _commitToConfirm.Record((now - row.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("messaging.destination.name", row.MessageType));
    }

    internal void Quarantined(OutboxMessage row)
    {
        _quarantined.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", row.MessageType));
        Interlocked.Increment(ref _quarantineRows);
    }

    internal void SetQuarantined(long count) => Volatile.Write(ref _quarantineRows, count);

    internal void RoundFailed()
    {
        _failedRounds.Add(1);
        lock (Meter) _failingSince ??= _clock.GetUtcNow();
    }

    internal void RoundSucceeded()
    {
        lock (Meter) _failingSince = null;
    }

    internal void SetBacklog(long count, DateTimeOffset? oldest)
    {
        Volatile.Write(ref _backlog, count);
        lock (Meter) _oldest = oldest;
    }

    private double ObserveOldestAge() => OldestAge.TotalSeconds;
}
