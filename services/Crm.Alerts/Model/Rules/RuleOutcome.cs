namespace Crm.Alerts.Model.Rules;

/// <summary>A figure of the evidence, with the event that reported it when one event stands behind it.</summary>
public sealed record Figure(string Name, string Value, Guid? EventId = null);

/// <summary>What a rule concluded about a customer.</summary>
public abstract record RuleOutcome
{
    /// <summary>The rule cannot tell (not enough facts, or not its moment): leave any alert as it is.</summary>
    public static RuleOutcome Unchanged { get; } = new NoChange();

    public static RuleOutcome Tripped(string summary, params IEnumerable<Figure> evidence) => new Trip(summary, [.. evidence]);

    /// <summary>The condition does not hold: an open alert of the rule resolves itself with this cause.</summary>
    public static RuleOutcome Cleared(string cause) => new Clear(cause);

    public sealed record NoChange : RuleOutcome;

    public sealed record Trip(string Summary, IReadOnlyList<Figure> Evidence) : RuleOutcome
    {
        /// <summary>The events behind the figures: what makes this evidence new or already known.</summary>
        public IReadOnlySet<Guid> EventIds { get; } = Evidence.Where(f => f.EventId is not null).Select(f => f.EventId!.Value).ToHashSet();
    }

    public sealed record Clear(string Cause) : RuleOutcome;
}
