namespace Crm.Alerts.Model.Rules;

/// <summary>
/// 客户重大变故预警: a rep reported a major incident (theft, accident, family split, serious illness…). Every report
/// trips it; a second report while the first alert is open is added to it as evidence. Only a person can resolve it.
/// </summary>
public sealed class MajorIncidentRule() : AlertRule(
    RuleName,
    "客户重大变故预警 Major incident",
    "Raised on every major incident a rep reports; resolved by a person.",
    typeof(CustomerIncidentReported))
{
    public const string RuleName = "major-incident";

    public override TimeSpan DefaultEscalateAfter => TimeSpan.FromHours(4);

    public override RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds)
    {
        if (facts.Trigger is not CustomerIncidentReported incident) return RuleOutcome.Unchanged;
        return RuleOutcome.Tripped(
            $"Major incident ({incident.Kind}) on {Figures.Of(incident.OccurredOn)}: {incident.Description} (重大变故).",
            new Figure("kind", incident.Kind, incident.EventId),
            new Figure("description", incident.Description, incident.EventId),
            new Figure("occurredOn", Figures.Of(incident.OccurredOn), incident.EventId),
            new Figure("reportedBy", incident.ReportedBy, incident.EventId));
    }
}
