namespace Crm.Messaging.Outbox;

/// <summary>The <c>Messaging:Outbox</c> section.</summary>
public sealed class OutboxOptions
{
    /// <summary>Rows fetched (and on SQL Server locked) per round.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long the dispatcher sleeps when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one publish may wait for the broker's confirm before the round is abandoned.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Backoff after a failed round: exponential with jitter from the first delay up to the maximum.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>/health reports the outbox as degraded once its oldest row has waited this long.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Off only in tests that need rows to stay in the outbox.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>
    /// TEST SEAM, off by default and never set outside tests: once a round's rows are confirmed by the broker and before
    /// they are deleted, the dispatcher writes <c>outbox-test-seam: confirmed &lt;sequence numbers&gt;</c> to stdout and
    /// waits until the host stops, so a crash test can kill the process at exactly that moment.
    /// </summary>
    public bool TestSeamHaltAfterConfirm { get; set; }
}
