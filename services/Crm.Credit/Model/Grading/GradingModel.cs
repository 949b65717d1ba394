using System.Globalization;
using System.Text.Json;

namespace Crm.Credit.Model.Grading;

/// <summary>客户等级: A, B, C (the higher bands), D (关注客户, watch), E (淘汰客户, to be dropped).</summary>
public enum Grade
{
    A,
    B,
    C,
    D,
    E,
}

/// <summary>Monthly average sales against the previous period (月均销售额环比): points rise linearly between two ratios.</summary>
public sealed record SalesTrendRule(decimal MaxPoints, decimal ZeroAtRatio, decimal FullAtRatio, decimal RatioWithoutHistory);

/// <summary>On-time credit performance (按期信用履约率): points in proportion to the rate.</summary>
public sealed record OnTimeRule(decimal MaxPoints, decimal RateWhenNothingDue);

/// <summary>The latest scorecard (客户评价, 0–100): points in proportion to its score.</summary>
public sealed record ScorecardRule(decimal MaxPoints, decimal ScoreWhenMissing);

/// <summary>
/// Complaints (客诉): a deduction per complaint, up to a cap. Off in model v1. <see cref="Counting"/> says which
/// complaints count: <c>since-scorecard</c> (v1's rule: opened after the latest scorecard, within the window when there
/// is none) or <c>window</c> (opened within the period graded, the window's months). A quality complaint (质量客诉)
/// counts <see cref="QualityWeight"/> times.
/// </summary>
public sealed record ComplaintsRule(bool Enabled, decimal PointsPerComplaint, decimal MaxDeduction)
{
    public const string SinceScorecard = "since-scorecard";
    public const string Window = "window";

    public decimal QualityWeight { get; init; } = 1;
    public string Counting { get; init; } = SinceScorecard;
}

/// <summary>
/// When a grading run asks for a new limit: when the proposed limit differs from the current one by more than this
/// share of the current one (any change from or to 0 counts), so that a few per cent of drift in monthly sales does
/// not send every customer through four approvals every month.
/// </summary>
public sealed record LimitProposalRule(decimal MinimumRelativeChange);

/// <summary>The lowest score of each band; below <see cref="D"/> is E.</summary>
public sealed record GradeBands(decimal A, decimal B, decimal C, decimal D);

/// <summary>等级系数: the proposed credit limit is the monthly average sales times the grade's coefficient.</summary>
public sealed record GradeCoefficients(decimal A, decimal B, decimal C, decimal D, decimal E);

/// <summary>What the model is given for one customer; <see cref="QualityComplaints"/> are among <see cref="LaterComplaints"/>.</summary>
public sealed record GradingInputs(
    decimal WindowSales, decimal PreviousWindowSales, OnTimeFigures OnTime, decimal? ScorecardScore, DateTimeOffset? ScorecardAt,
    int LaterComplaints, int QualityComplaints = 0);

/// <summary>A customer's assessment: each input with its value and points, their sum, the grade, and what follows from it.</summary>
public sealed record GradeResult(
    decimal Score, Grade Grade, decimal Coefficient, decimal MonthlyAverageSales, decimal PreviousMonthlyAverageSales,
    decimal? OnTimeRate, decimal ProposedLimit, IReadOnlyList<GradeInput> Explanation);

/// <summary>
/// The scoring model (客户等级评估): configurable, and versioned so that every grade names the model that gave it.
/// Every input's points are rounded to the cent of a point first and the score is their plain sum, so an explanation
/// always adds up to its score.
/// </summary>
public sealed record GradingModel
{
    public const string SalesTrendInput = "salesTrend";
    public const string OnTimeRateInput = "onTimeRate";
    public const string ScorecardInput = "scorecard";
    public const string ComplaintsInput = "complaints";

    /// <summary>The months averaged; the previous period is the same number of months just before.</summary>
    public int WindowMonths { get; init; } = 12;

    public SalesTrendRule SalesTrend { get; init; } = new(30, 0.6m, 1.1m, 1.0m);
    public OnTimeRule OnTime { get; init; } = new(40, 1.0m);
    public ScorecardRule Scorecard { get; init; } = new(30, 60);
    public ComplaintsRule Complaints { get; init; } = new(false, 5, 20);
    public GradeBands Bands { get; init; } = new(90, 80, 70, 60);
    public GradeCoefficients Coefficients { get; init; } = new(1.5m, 1.2m, 1.0m, 0.5m, 0m);
    public LimitProposalRule LimitProposals { get; init; } = new(0.10m);

    public static GradingModel Default { get; } = new();

    /// <summary>
    /// The built-in model with complaints turned on (model v2 where nobody saved one before it): complaints opened in
    /// the period graded, a quality complaint counting twice, 2.5 points off each, at most 15.
    /// </summary>
    public static GradingModel WithComplaints { get; } = new()
    {
        Complaints = new ComplaintsRule(true, 2.5m, 15) { QualityWeight = 2, Counting = ComplaintsRule.Window },
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static GradingModel FromJson(string json) =>
        JsonSerializer.Deserialize<GradingModel>(json, Json) ?? throw new InvalidOperationException("An empty grading model.");

    public Grade GradeFor(decimal score) =>
        score >= Bands.A ? Grade.A : score >= Bands.B ? Grade.B : score >= Bands.C ? Grade.C : score >= Bands.D ? Grade.D : Grade.E;

    public decimal CoefficientOf(Grade grade) => grade switch
    {
        Grade.A => Coefficients.A,
        Grade.B => Coefficients.B,
        Grade.C => Coefficients.C,
        Grade.D => Coefficients.D,
        _ => Coefficients.E,
    };

    /// <summary>Does a proposed limit differ enough from the current one to be put to the approval chain?</summary>
    public bool WarrantsRequest(decimal currentLimit, decimal proposedLimit) =>
        proposedLimit != currentLimit
        && (currentLimit == 0 || proposedLimit == 0 || Math.Abs(proposedLimit - currentLimit) > LimitProposals.MinimumRelativeChange * currentLimit);

    public GradeResult Assess(GradingInputs inputs, DateRange window, DateRange previousWindow)
    {
        var average = Money.Round(inputs.WindowSales / WindowMonths);
        var previousAverage = Money.Round(inputs.PreviousWindowSales / WindowMonths);
        var explanation = new List<GradeInput>(4)
        {
            SalesTrendPoints(average, previousAverage, window, previousWindow),
            OnTimePoints(inputs.OnTime),
            ScorecardPoints(inputs.ScorecardScore, inputs.ScorecardAt),
        };
        if (Complaints.Enabled) explanation.Add(ComplaintPoints(inputs.LaterComplaints, inputs.QualityComplaints, window));

        var score = explanation.Sum(i => i.Points);
        var grade = GradeFor(score);
        var coefficient = CoefficientOf(grade);
        return new GradeResult(score, grade, coefficient, average, previousAverage, inputs.OnTime.Rate,
            Money.Round(average * coefficient), explanation);
    }

    private GradeInput SalesTrendPoints(decimal average, decimal previousAverage, DateRange window, DateRange previousWindow)
    {
        var (ratio, why) = (average, previousAverage) switch
        {
            (0, 0) => (0m, "no sales in either period"),
            (_, 0) => (SalesTrend.RatioWithoutHistory, $"no sales in the previous period; the model counts a ratio of {SalesTrend.RatioWithoutHistory}"),
            _ => (decimal.Round(average / previousAverage, 4, MidpointRounding.AwayFromZero), null),
        };
        var factor = Clamp01((ratio - SalesTrend.ZeroAtRatio) / (SalesTrend.FullAtRatio - SalesTrend.ZeroAtRatio));
        var note = $"月均销售额 monthly average sales {Format(average)} ({Describe(window)}) against {Format(previousAverage)} ({Describe(previousWindow)})"
            + (why is null ? "" : $"; {why}")
            + $"; 0 points at a ratio of {SalesTrend.ZeroAtRatio} or less, all at {SalesTrend.FullAtRatio} or more";
        return new GradeInput(SalesTrendInput, ratio, Points(SalesTrend.MaxPoints * factor), SalesTrend.MaxPoints, note);
    }

    private GradeInput OnTimePoints(OnTimeFigures onTime)
    {
        var (rate, note) = onTime.Rate is { } measured
            ? (measured, $"按期信用履约率: {Format(onTime.PaidByDueDate)} of {Format(onTime.AmountDue)} that fell due ({onTime.SalesDue} sales) was paid by its due date")
            : (OnTime.RateWhenNothingDue, $"按期信用履约率: nothing fell due in the period; the model counts a rate of {OnTime.RateWhenNothingDue}");
        return new GradeInput(OnTimeRateInput, rate, Points(OnTime.MaxPoints * Clamp01(rate)), OnTime.MaxPoints, note);
    }

    private GradeInput ScorecardPoints(decimal? score, DateTimeOffset? at)
    {
        var (value, note) = score is { } scored
            ? (scored, $"客户评价: the latest scorecard, of {at:yyyy-MM-dd}")
            : (Scorecard.ScoreWhenMissing, $"客户评价: no scorecard yet; the model counts {Scorecard.ScoreWhenMissing}");
        return new GradeInput(ScorecardInput, value, Points(Scorecard.MaxPoints * Clamp01(value / 100)), Scorecard.MaxPoints, note);
    }

    private GradeInput ComplaintPoints(int complaints, int quality, DateRange window)
    {
        var weighted = complaints - quality + quality * Complaints.QualityWeight;
        var deduction = Math.Min(Complaints.MaxDeduction, weighted * Complaints.PointsPerComplaint);
        var which = Complaints.Counting == ComplaintsRule.Window
            ? $"客诉 complaints opened in {Describe(window)}"
            : "客诉 complaints opened since the latest scorecard";
        var note = Complaints.QualityWeight == 1
            ? $"{which}: {complaints}"
            : $"{which}: {complaints}, of which {quality} quality (质量) counting ×{Complaints.QualityWeight}, weighted {weighted}";
        return new GradeInput(ComplaintsInput, weighted, -Points(deduction), 0,
            $"{note}; {Complaints.PointsPerComplaint} points off each, at most {Complaints.MaxDeduction}");
    }

    /// <summary>Checks a model before it is saved; field names are those of the JSON body.</summary>
    public ValidationErrors Validate()
    {
        var missing = new ValidationErrors()
            .When(IsMissing(SalesTrend), "salesTrend", "salesTrend is required.")
            .When(IsMissing(OnTime), "onTime", "onTime is required.")
            .When(IsMissing(Scorecard), "scorecard", "scorecard is required.")
            .When(IsMissing(Complaints), "complaints", "complaints is required.")
            .When(IsMissing(Bands), "bands", "bands is required.")
            .When(IsMissing(Coefficients), "coefficients", "coefficients is required.")
            .When(IsMissing(LimitProposals), "limitProposals", "limitProposals is required.");
        if (!missing.IsEmpty) return missing;

        var errors = new ValidationErrors()
            .When(WindowMonths is < 1 or > 24, "windowMonths", "windowMonths must be between 1 and 24.")
            .When(SalesTrend.MaxPoints < 0 || OnTime.MaxPoints < 0 || Scorecard.MaxPoints < 0, "maxPoints", "No input may have negative points.")
            .When(SalesTrend.MaxPoints + OnTime.MaxPoints + Scorecard.MaxPoints != 100, "maxPoints",
                "salesTrend.maxPoints, onTime.maxPoints and scorecard.maxPoints must add up to 100.")
            .When(SalesTrend.ZeroAtRatio < 0 || SalesTrend.FullAtRatio <= SalesTrend.ZeroAtRatio, "salesTrend",
                "salesTrend.fullAtRatio must be greater than salesTrend.zeroAtRatio, which must not be negative.")
            .When(SalesTrend.RatioWithoutHistory < 0, "salesTrend.ratioWithoutHistory", "salesTrend.ratioWithoutHistory must not be negative.")
            .When(OnTime.RateWhenNothingDue is < 0 or > 1, "onTime.rateWhenNothingDue", "onTime.rateWhenNothingDue must be between 0 and 1.")
            .When(Scorecard.ScoreWhenMissing is < 0 or > 100, "scorecard.scoreWhenMissing", "scorecard.scoreWhenMissing must be between 0 and 100.")
            .When(Complaints.PointsPerComplaint < 0 || Complaints.MaxDeduction < 0, "complaints", "complaints deductions must not be negative.")
            .When(Complaints.QualityWeight is < 1 or > 10, "complaints.qualityWeight", "complaints.qualityWeight must be between 1 and 10 (how many complaints a quality complaint counts as).")
            .When(Complaints.Counting is not (ComplaintsRule.SinceScorecard or ComplaintsRule.Window), "complaints.counting",
                $"complaints.counting is {ComplaintsRule.SinceScorecard} or {ComplaintsRule.Window}.")
            .When(LimitProposals.MinimumRelativeChange is < 0 or > 1, "limitProposals.minimumRelativeChange",
                "limitProposals.minimumRelativeChange is a share between 0 and 1 (0.10: propose when the limit would move by more than 10 %).")
            .When(!(Bands.A > Bands.B && Bands.B > Bands.C && Bands.C > Bands.D && Bands.D > 0 && Bands.A <= 100), "bands",
                "bands must fall strictly from a to d, with a at most 100 and d above 0.")
            .When(!(Coefficients.E >= 0 && Coefficients.D >= Coefficients.E && Coefficients.C >= Coefficients.D
                    && Coefficients.B >= Coefficients.C && Coefficients.A >= Coefficients.B && Coefficients.A <= 10),
                "coefficients", "coefficients must not fall from e to a, and lie between 0 and 10.");
        foreach (var (field, value) in new[] { ("bands", new[] { Bands.A, Bands.B, Bands.C, Bands.D }), ("coefficients", new[] { Coefficients.A, Coefficients.B, Coefficients.C, Coefficients.D, Coefficients.E }) })
            errors.When(value.Any(v => v != decimal.Round(v, 2)), field, $"{field} have at most two decimal places.");
        return errors;
    }

    // A JSON body may send null for a part of the model; checked without telling the compiler the part is nullable.
    private static bool IsMissing(object? part) => part is null;

    private static decimal Points(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    private static decimal Clamp01(decimal value) => value < 0 ? 0 : value > 1 ? 1 : value;

    private static string Format(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    private static string Describe(DateRange range) => $"{YearMonth.Of(range.From)}…{YearMonth.Of(range.To)}";
}

/// <summary>The months a grading of <c>period</c> averages, and the same number of months just before them.</summary>
public sealed record GradingWindows(DateRange Current, DateRange Previous)
{
    public static GradingWindows Ending(YearMonth period, int months) => new(
        DateRange.OfMonths(period.AddMonths(-(months - 1)), period),
        DateRange.OfMonths(period.AddMonths(-(2 * months - 1)), period.AddMonths(-months)));
}
