using System.Collections.Frozen;
using System.Reflection;

namespace Crm.Events;

/// <summary>Every integration event type by its exchange name (<c>crm.customer-registered</c> …).</summary>
public static class IntegrationEventTypes
{
    public static FrozenDictionary<string, Type> ByExchange { get; } = typeof(IntegrationEvent).Assembly
        .GetExportedTypes()
        .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(IntegrationEvent)))
        .ToFrozenDictionary(ExchangeOf, t => t, StringComparer.Ordinal);

    public static string ExchangeOf(Type eventType) =>
        eventType.GetCustomAttribute<EntityNameAttribute>()?.EntityName
        ?? throw new InvalidOperationException($"{eventType.Name} has no [EntityName]: every integration event needs a stable exchange name.");

    public static string ExchangeOf<TEvent>() where TEvent : IntegrationEvent => ExchangeOf(typeof(TEvent));
}
