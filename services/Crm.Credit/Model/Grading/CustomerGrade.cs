using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Crm.Credit.Model.Grading;

/// <summary>
/// A customer's assessment for one period (客户等级评估): the score, grade and proposed limit, with the explanation that
/// gives every input, its value and its points. One row per customer and period; a run for the same period again
/// updates it only where the result differs. The customer's current grade is that of its latest period.
/// </summary>
public sealed class CustomerGrade : IBranchOwned
{
    private static readonly JsonSerializerOptions Json = IntegrationEventJson.Options;

    private CustomerGrade() { }

    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    /// <summary>yyyy-MM.</summary>
    public string Period { get; private set; } = "";
    public int ModelVersion { get; private set; }
    public decimal Score { get; private set; }
    public Grade Grade { get; private set; }
    public decimal Coefficient { get; private set; }
    public decimal MonthlyAverageSales { get; private set; }
    public decimal PreviousMonthlyAverageSales { get; private set; }
    public decimal? OnTimeRate { get; private set; }
    public decimal ProposedLimit { get; private set; }
    /// <summary>The explanation, as JSON: every input with its value, points, maximum and a note.</summary>
    public string Explanation { get; private set; } = "[]";
    /// <summary>A digest of everything the result records, so a run can tell an unchanged result without reading it all.</summary>
    public string Fingerprint { get; private set; } = "";
    public Grade? PreviousGrade { get; private set; }
    public decimal? PreviousScore { get; private set; }
    public DateTimeOffset GradedAt { get; private set; }
    public string GradedBy { get; private set; } = "";
    public long Version { get; private set; }

    public IReadOnlyList<GradeInput> Inputs => JsonSerializer.Deserialize<List<GradeInput>>(Explanation, Json) ?? [];

    /// <summary>
    /// The row of a decided grade: its fingerprint is the decision's (computed once), its explanation the JSON the caller
    /// serialised once (<see cref="ExplanationJson"/>, or the same text cut from the event's body). A run writes it as an
    /// upsert: a stored row of the period with another fingerprint becomes its previous grade.
    /// </summary>
    public static CustomerGrade Of(
        Guid customerId, string branchId, YearMonth period, int modelVersion, GradeDecision decision, string explanationJson,
        DateTimeOffset now, string by)
    {
        var result = decision.Result;
        return new CustomerGrade
        {
            CustomerId = customerId,
            BranchId = branchId,
            Period = period.ToString(),
            ModelVersion = modelVersion,
            Score = result.Score,
            Grade = result.Grade,
            Coefficient = result.Coefficient,
            MonthlyAverageSales = result.MonthlyAverageSales,
            PreviousMonthlyAverageSales = result.PreviousMonthlyAverageSales,
            OnTimeRate = result.OnTimeRate,
            ProposedLimit = result.ProposedLimit,
            Explanation = explanationJson,
            Fingerprint = decision.Fingerprint,
            PreviousGrade = decision.Before?.Grade,
            PreviousScore = decision.Before?.Score,
            GradedAt = now,
            GradedBy = by,
            Version = 1,
        };
    }

    /// <summary>The explanation as the grade stores it and the event carries it.</summary>
    public static string ExplanationJson(IReadOnlyList<GradeInput> explanation) => JsonSerializer.Serialize(explanation, Json);

    /// <summary>
    /// The digest of a result: equal digests mean the same model, figures and explanation, whatever the time of the
    /// run. Decimals are written normalised (1.50 and 1.5 alike), as the database gives them back.
    /// </summary>
    public static string FingerprintOf(int modelVersion, GradeResult result)
    {
        var text = new StringBuilder()
            .Append(modelVersion).Append('|').Append(N(result.Score)).Append('|').Append(result.Grade).Append('|').Append(N(result.Coefficient))
            .Append('|').Append(N(result.MonthlyAverageSales)).Append('|').Append(N(result.PreviousMonthlyAverageSales))
            .Append('|').Append(result.OnTimeRate is { } rate ? N(rate) : "-").Append('|').Append(N(result.ProposedLimit));
        foreach (var input in result.Explanation)
            text.Append('|').Append(input.Input).Append(':').Append(N(input.Value)).Append(':').Append(N(input.Points))
                .Append(':').Append(N(input.MaxPoints)).Append(':').Append(input.Note);
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string N(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The last grading of a branch for a period that changed anything: who ran it, when, with which model. Runs move
/// forward: once a branch is graded for a period, earlier periods are closed to it.
/// </summary>
public sealed class GradingRun : IBranchOwned
{
    private GradingRun() { }

    public string BranchId { get; private set; } = "";
    public string Period { get; private set; } = "";
    public int ModelVersion { get; private set; }
    public int Graded { get; private set; }
    public int Changed { get; private set; }
    public DateTimeOffset RunAt { get; private set; }
    public string RunBy { get; private set; } = "";
    public long Version { get; private set; }

    public static GradingRun Start(string branchId, YearMonth period) => new() { BranchId = branchId, Period = period.ToString() };

    public void Record(int modelVersion, int graded, int changed, DateTimeOffset now, string by)
    {
        ModelVersion = modelVersion;
        Graded = graded;
        Changed = changed;
        RunAt = now;
        RunBy = by;
        Version++;
    }
}
