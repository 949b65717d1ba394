using System.Globalization;

namespace Crm.Credit.Model.Grading;

/// <summary>A grade as a run finds it stored: enough to tell an unchanged result and to name the grade before.</summary>
public sealed record StoredGrade(string Fingerprint, Grade Grade, decimal Score);

/// <summary>What a run knows of one customer besides its figures: its stored grades, its limit and its requests.</summary>
public readonly record struct GradeStanding(
    StoredGrade? ThisPeriod, StoredGrade? Earlier, decimal CurrentLimit, bool RequestOpen, bool SameRequestFiled);

/// <summary>
/// What a run does for one customer (客户等级评估), decided once from the assessment and what is stored: write the grade
/// when no grade of the period has the same fingerprint; publish it when the grade or the score moved from the one
/// before (this period's, else the latest earlier one); file a limit request when the proposed limit moves enough, none
/// is pending and this period has not filed the same one. A run that finds every result stored decides nothing.
/// </summary>
public sealed record GradeDecision(GradeResult Result, string Fingerprint, bool WritesGrade, bool Publishes, bool FilesRequest, StoredGrade? Before)
{
    public bool ChangesAnything => WritesGrade || FilesRequest;

    public static GradeDecision Decide(GradingModel model, int modelVersion, GradeResult result, GradeStanding standing)
    {
        var fingerprint = CustomerGrade.FingerprintOf(modelVersion, result);
        var writesGrade = standing.ThisPeriod is null || standing.ThisPeriod.Fingerprint != fingerprint;
        var before = standing.ThisPeriod ?? standing.Earlier;
        var publishes = writesGrade && (before is null || before.Grade != result.Grade || before.Score != result.Score);
        var filesRequest = model.WarrantsRequest(standing.CurrentLimit, result.ProposedLimit) && !standing.RequestOpen && !standing.SameRequestFiled;
        return new GradeDecision(result, fingerprint, writesGrade, publishes, filesRequest, before);
    }

    /// <summary>The event of a written grade (<c>crm.customer-graded</c>), its previous grade being the one before.</summary>
    public CustomerGraded Event(Guid customerId, string branchId, YearMonth period, string modelName, DateTimeOffset gradedAt) => new()
    {
        OccurredAt = gradedAt,
        BranchId = branchId,
        CustomerId = customerId,
        Period = period.ToString(),
        ModelVersion = modelName,
        Score = Result.Score,
        Grade = Result.Grade.ToString(),
        PreviousGrade = Before?.Grade.ToString(),
        PreviousScore = Before?.Score,
        Coefficient = Result.Coefficient,
        MonthlyAverageSales = Result.MonthlyAverageSales,
        OnTimeRate = Result.Explanation.First(i => i.Input == GradingModel.OnTimeRateInput).Value,
        OnTimeRateMeasured = Result.OnTimeRate is not null,
        ProposedLimit = Result.ProposedLimit,
        Explanation = Result.Explanation,
    };

    /// <summary>The reason a grading run gives on the limit request it files (客户信用额度变更申请).</summary>
    public string ProposalReason(YearMonth period, string modelName) => string.Create(CultureInfo.InvariantCulture,
        $"客户等级评估 grading {period} (model {modelName}): grade {Result.Grade}, score {Result.Score:0.00}; 月均销售额 monthly average sales {Result.MonthlyAverageSales:N2} × 等级系数 {Result.Coefficient} = {Result.ProposedLimit:N2}.");
}
