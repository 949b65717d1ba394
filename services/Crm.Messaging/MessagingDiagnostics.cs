using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Crm.Messaging;

public static class MessagingDiagnostics
{
    public const string Name = "Crm.Messaging";

    public static ActivitySource ActivitySource { get; } = new(Name);
}
