namespace Crm.Web.Live;

/// <summary>The circuit's own feed of live alerts: the layout listens to <see cref="LiveAlerts"/>, the pages to this.</summary>
public sealed class SessionAlerts
{
    public event Func<LiveAlert, Task>? Raised;
    public int Unseen { get; private set; }

    public async Task PublishAsync(LiveAlert alert)
    {
        Unseen++;
        if (Raised is { } raised) await raised(alert);
    }

    public void MarkSeen() => Unseen = 0;
}
