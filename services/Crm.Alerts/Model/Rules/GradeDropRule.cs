namespace Crm.Alerts.Model.Rules;

/// <summary>
/// 等级下降预警: the customer's grade fell to D (关注客户, watch) or E (淘汰客户, to be dropped) from a better one.
/// A first grading at D is not a fall, and E → D is a rise. Clears when the grade is back at C or better.
/// </summary>
public sealed class GradeDropRule() : AlertRule(
    RuleName,
    "等级下降预警 Grade fell to D or E",
    "A grading moved the customer from A, B or C down to D or E; clears when it is back at C or better.",
    typeof(CustomerGraded))
{
    public const string RuleName = "grade-drop";

    private const string Grades = "ABCDE";

    public override RuleOutcome Evaluate(CustomerFacts facts, RuleThresholds thresholds)
    {
        var customer = facts.Customer;
        var rank = Rank(customer.Grade);
        if (rank < 0) return RuleOutcome.Unchanged;
        if (rank <= Rank("C"))
            return RuleOutcome.Cleared($"The grade is {customer.Grade} again for {customer.GradePeriod} (event {customer.GradeEventId}).");

        var previous = Rank(customer.PreviousGrade);
        if (previous < 0 || previous >= rank) return RuleOutcome.Unchanged;
        return RuleOutcome.Tripped(
            $"Grade fell from {customer.PreviousGrade} to {customer.Grade} for {customer.GradePeriod} ({(customer.Grade == "D" ? "关注客户" : "淘汰客户")}).",
            new Figure("grade", customer.Grade!, customer.GradeEventId),
            new Figure("previousGrade", customer.PreviousGrade!, customer.GradeEventId),
            new Figure("period", customer.GradePeriod ?? "", customer.GradeEventId));
    }

    private static int Rank(string? grade) => grade is { Length: 1 } ? Grades.IndexOf(grade[0]) : -1;
}
