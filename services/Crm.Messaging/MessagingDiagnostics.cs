namespace Crm.Messaging;

public static class MessagingDiagnostics
{
    public const string Name = "Crm.Messaging";

    public static ActivitySource ActivitySource { get; } = new(Name);
}

/// <summary>
/// The meter <c>Crm.Messaging</c> that the inbox, the outbox and the SQLite write gate count on: created from the host's
/// meter factory, disposed with the container.
/// </summary>
public abstract class MessagingMetrics(IMeterFactory meters) : IDisposable
{
    protected Meter Meter { get; } = meters.Create(MessagingDiagnostics.Name);

    public void Dispose() => Meter.Dispose();
}
