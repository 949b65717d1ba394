namespace Crm.Messaging.Outbox;

/// <summary>The <c>Messaging:Outbox</c> section.</summary>
public sealed class OutboxOptions
{
    /// <summary>Rows fetched (and on SQL Server locked) per batch; the next batch is fetched while confirms are pending.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Batches fetched and not yet deleted, at most (each holds a connection, and on SQL Server its rows' locks).</summary>
    public int MaxOpenBatches { get; set; } = 4;

    /// <summary>Publishes waiting for the broker's confirm at once, at most; never more than one per customer.</summary>
    public int MaxInFlight { get; set; } = 100;

    /// <summary>
    /// Failed attempts counted against one row before it is moved to the quarantine table. A failure counts when the row
    /// cannot be read back into its event, or when the broker confirmed other rows after it failed; a broker outage
    /// counts against no row.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long the dispatcher sleeps when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one publish may wait for the broker's confirm before it counts as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Backoff after a failed round: exponential with jitter from the first delay up to the maximum.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>/health reports the outbox as degraded once its oldest row has waited this long.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Off only in tests that need rows to stay in the outbox.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>
    /// TEST SEAM, off by default and never set outside tests: once a batch's rows are confirmed by the broker and before
    /// they are deleted, the dispatcher writes <c>outbox-test-seam: confirmed &lt;sequence numbers&gt;</c> to stdout and
    /// waits until the host stops, so a crash test can kill the process at exactly that moment.
    /// </summary>
    public bool TestSeamHaltAfterConfirm { get; set; }
}
