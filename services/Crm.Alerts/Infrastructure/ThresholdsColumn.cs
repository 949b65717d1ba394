using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Crm.Alerts.Infrastructure;

/// <summary>A rule's thresholds (name → value) stored as one JSON column: they are read and written whole, never queried.</summary>
internal static class ThresholdsColumn
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ValueConverter<IReadOnlyDictionary<string, decimal>, string> Converter { get; } = new(
        thresholds => Write(thresholds),
        json => Read(json));

    public static ValueComparer<IReadOnlyDictionary<string, decimal>> Comparer { get; } = new(
        (left, right) => AreEqual(left, right),
        thresholds => HashOf(thresholds),
        thresholds => Copy(thresholds));

    private static string Write(IReadOnlyDictionary<string, decimal> thresholds) =>
        JsonSerializer.Serialize(thresholds.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal), Json);

    private static IReadOnlyDictionary<string, decimal> Read(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, decimal>>(json, Json) ?? new Dictionary<string, decimal>();

    private static bool AreEqual(IReadOnlyDictionary<string, decimal>? left, IReadOnlyDictionary<string, decimal>? right) =>
        left is null || right is null
            ? ReferenceEquals(left, right)
            : left.Count == right.Count && left.All(t => right.TryGetValue(t.Key, out var value) && value == t.Value);

    private static int HashOf(IReadOnlyDictionary<string, decimal> thresholds) =>
        thresholds.OrderBy(t => t.Key, StringComparer.Ordinal).Aggregate(0, (hash, t) => HashCode.Combine(hash, t.Key, t.Value));

    private static IReadOnlyDictionary<string, decimal> Copy(IReadOnlyDictionary<string, decimal> thresholds) =>
        thresholds.ToDictionary(StringComparer.Ordinal);
}
