using System.Collections.Frozen;
using Crm.Alerts.Model.Rules;

namespace Crm.Alerts.Services;

/// <summary>Every rule the service runs (registered with <c>AddAlertRule</c>), by name and by the events that trigger them.</summary>
public sealed class RuleCatalog
{
    private readonly FrozenDictionary<string, AlertRule> _byName;

    public RuleCatalog(IEnumerable<AlertRule> rules)
    {
        All = [.. rules.OrderBy(r => r.Name, StringComparer.Ordinal)];
        _byName = All.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
        Scheduled = [.. All.Where(r => r.RunsOnSchedule)];
    }

    public IReadOnlyList<AlertRule> All { get; }

    public IReadOnlyList<AlertRule> Scheduled { get; }

    public AlertRule? Find(string? name) => name is not null && _byName.TryGetValue(name, out var rule) ? rule : null;

    public IReadOnlyList<AlertRule> TriggeredBy(Type eventType) => [.. All.Where(r => r.TriggeredBy.Contains(eventType))];
}
