using System.Collections;
using System.Globalization;

namespace Crm.Alerts.Model.Rules;

/// <summary>One tunable figure of a rule, with its shipped default and the range a manager may set it to.</summary>
public sealed record Threshold(string Name, decimal Default, decimal Min, decimal Max, string Unit, string Description);

/// <summary>A rule's thresholds as a branch set them; any threshold the branch never set has its default.</summary>
public sealed class RuleThresholds : IReadOnlyDictionary<string, decimal>
{
    private readonly IReadOnlyDictionary<string, decimal> _values;

    public RuleThresholds(IEnumerable<Threshold> definitions, IReadOnlyDictionary<string, decimal>? values = null)
    {
        _values = definitions.ToDictionary(
            d => d.Name,
            d => values is not null && values.TryGetValue(d.Name, out var value) ? value : d.Default,
            StringComparer.Ordinal);
    }

    public decimal this[Threshold threshold] => _values.TryGetValue(threshold.Name, out var value) ? value : threshold.Default;

    public decimal this[string key] => _values[key];
    public IEnumerable<string> Keys => _values.Keys;
    public IEnumerable<decimal> Values => _values.Values;
    public int Count => _values.Count;
    public bool ContainsKey(string key) => _values.ContainsKey(key);
    public bool TryGetValue(string key, out decimal value) => _values.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, decimal>> GetEnumerator() => _values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>How figures are written into evidence and summaries: invariant, without trailing zeros.</summary>
public static class Figures
{
    public static string Of(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    public static string Of(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first few findings joined, and how many more there are, so that a summary stays readable and bounded.</summary>
    public static string Joined(IReadOnlyList<string> findings, int shown = 3) =>
        findings.Count <= shown
            ? string.Join("; ", findings)
            : string.Join("; ", findings.Take(shown)) + $"; and {findings.Count - shown} more (另有 {findings.Count - shown} 项)";
}
