using Crm.Credit.Model.Grading;
using Crm.ServiceDefaults;

namespace Crm.Credit.Tests.Model;

public sealed class GradingModelTests
{
    private static readonly GradingWindows Windows = GradingWindows.Ending(new YearMonth(2026, 10), 12);

    [Theory]
    [InlineData("100", Grade.A)]
    [InlineData("90", Grade.A)]
    [InlineData("89.99", Grade.B)]
    [InlineData("80", Grade.B)]
    [InlineData("79.99", Grade.C)]
    [InlineData("70", Grade.C)]
    [InlineData("69.99", Grade.D)]
    [InlineData("60", Grade.D)]
    [InlineData("59.99", Grade.E)]
    [InlineData("0", Grade.E)]
    [InlineData("-5", Grade.E)]
    public void The_default_bands_place_every_score_at_their_edges(string score, Grade expected) =>
        Assert.Equal(expected, GradingModel.Default.GradeFor(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_default_coefficients_are_those_of_the_manual()
    {
        var model = GradingModel.Default;
        Assert.Equal([1.5m, 1.2m, 1.0m, 0.5m, 0m], Enum.GetValues<Grade>().Select(model.CoefficientOf));
    }

    [Fact]
    public void The_windows_are_the_twelve_months_ending_with_the_period_and_the_twelve_before()
    {
        Assert.Equal(new DateRange(new DateOnly(2025, 11, 1), new DateOnly(2026, 10, 31)), Windows.Current);
        Assert.Equal(new DateRange(new DateOnly(2024, 11, 1), new DateOnly(2025, 10, 31)), Windows.Previous);
    }

    [Fact]
    public void A_hand_worked_customer_scores_91_50_and_is_graded_A()
    {
        // 120,000 over 12 months = 10,000.00 a month, against 100,000 / 12 = 8,333.33: ratio 1.2000, at or above 1.1 → 30.
        // 45,000 of 50,000 due paid on time: 0.9 × 40 = 36.  Scorecard 85: 0.85 × 30 = 25.5.  Score 91.50 → A × 1.5.
        var result = GradingModel.Default.Assess(
            new GradingInputs(120_000m, 100_000m, new OnTimeFigures(50_000m, 45_000m, 7), 85m, new DateTimeOffset(2026, 9, 30, 0, 0, 0, TimeSpan.Zero), 0),
            Windows.Current, Windows.Previous);

        Assert.Equal(10_000.00m, result.MonthlyAverageSales);
        Assert.Equal(8_333.33m, result.PreviousMonthlyAverageSales);
        Assert.Equal([("salesTrend", 1.2000m, 30.00m), ("onTimeRate", 0.9m, 36.00m), ("scorecard", 85m, 25.50m)],
            result.Explanation.Select(i => (i.Input, i.Value, i.Points)));
        Assert.Equal(91.50m, result.Score);
        Assert.Equal(Grade.A, result.Grade);
        Assert.Equal(1.5m, result.Coefficient);
        Assert.Equal(15_000.00m, result.ProposedLimit);
    }

    [Fact]
    public void A_declining_customer_without_a_scorecard_scores_66_and_is_watched()
    {
        // Ratio 9,000 / 10,000 = 0.9: (0.9 − 0.6) / (1.1 − 0.6) × 30 = 18.  Rate 0.75 × 40 = 30.  No scorecard: 60 → 18.
        var result = GradingModel.Default.Assess(
            new GradingInputs(108_000m, 120_000m, new OnTimeFigures(40_000m, 30_000m, 4), null, null, 0), Windows.Current, Windows.Previous);

        Assert.Equal([18.00m, 30.00m, 18.00m], result.Explanation.Select(i => i.Points));
        Assert.Contains("no scorecard", result.Explanation[2].Note);
        Assert.Equal(66.00m, result.Score);
        Assert.Equal(Grade.D, result.Grade);
        Assert.Equal(4_500.00m, result.ProposedLimit);
    }

    [Fact]
    public void A_customer_without_business_gets_nothing_for_the_trend_and_no_limit()
    {
        var result = GradingModel.Default.Assess(new GradingInputs(0, 0, new OnTimeFigures(0, 0, 0), null, null, 0), Windows.Current, Windows.Previous);

        Assert.Equal(0m, result.Explanation[0].Points);
        Assert.Equal(40m, result.Explanation[1].Points); // nothing fell due: the model counts 1.0
        Assert.Null(result.OnTimeRate);
        Assert.Equal(58m, result.Score);
        Assert.Equal(Grade.E, result.Grade);
        Assert.Equal(0m, result.ProposedLimit);
    }

    [Fact]
    public void Complaints_are_left_out_of_the_default_model_and_deduct_when_a_model_counts_them()
    {
        var inputs = new GradingInputs(120_000m, 100_000m, new OnTimeFigures(50_000m, 45_000m, 7), 85m, DateTimeOffset.UnixEpoch, 3);
        Assert.DoesNotContain(GradingModel.Default.Assess(inputs, Windows.Current, Windows.Previous).Explanation, i => i.Input == "complaints");

        var counting = GradingModel.Default with { Complaints = new ComplaintsRule(true, 5, 12) };
        var result = counting.Assess(inputs, Windows.Current, Windows.Previous);

        var complaints = Assert.Single(result.Explanation, i => i.Input == "complaints");
        Assert.Equal(3m, complaints.Value);
        Assert.Equal(-12m, complaints.Points); // 3 × 5 = 15, capped at 12
        Assert.Equal(91.50m - 12m, result.Score);
        Assert.Equal(Grade.C, result.Grade);
    }

    [Fact]
    public void The_explanation_always_adds_up_to_the_score()
    {
        var random = new Random(20261116);
        var model = GradingModel.Default with { Complaints = new ComplaintsRule(true, 3.33m, 20) };
        for (var i = 0; i < 5_000; i++)
        {
            var due = Math.Round((decimal)random.NextDouble() * 100_000m, 2);
            var inputs = new GradingInputs(
                Math.Round((decimal)random.NextDouble() * 1_000_000m, 2),
                random.Next(4) == 0 ? 0 : Math.Round((decimal)random.NextDouble() * 1_000_000m, 2),
                new OnTimeFigures(due, Math.Round(due * (decimal)random.NextDouble(), 2), 1),
                random.Next(3) == 0 ? null : Math.Round((decimal)random.NextDouble() * 100m, 2),
                DateTimeOffset.UnixEpoch,
                random.Next(6));

            var result = model.Assess(inputs, Windows.Current, Windows.Previous);

            Assert.Equal(result.Score, result.Explanation.Sum(e => e.Points));
            Assert.Equal(model.GradeFor(result.Score), result.Grade);
            Assert.Equal(Money.Round(result.MonthlyAverageSales * result.Coefficient), result.ProposedLimit);
            Assert.All(result.Explanation, e => Assert.Equal(e.Points, decimal.Round(e.Points, 2)));
        }
    }

    [Theory]
    [InlineData("0", "1000", true)]        // a first limit
    [InlineData("10000", "0", true)]       // credit withdrawn (grade E)
    [InlineData("10000", "11000", false)]  // +10 %: drift, not worth four approvals
    [InlineData("10000", "11000.01", true)]
    [InlineData("10000", "8999.99", true)]
    [InlineData("10000", "9000", false)]
    [InlineData("10000", "10000", false)]
    public void A_run_asks_for_a_new_limit_only_when_it_moves_by_more_than_the_threshold(string current, string proposed, bool expected) =>
        Assert.Equal(expected, GradingModel.Default.WarrantsRequest(
            decimal.Parse(current, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(proposed, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_default_model_is_valid_and_survives_its_json()
    {
        Assert.True(GradingModel.Default.Validate().IsEmpty);
        Assert.Equal(GradingModel.Default, GradingModel.FromJson(GradingModel.Default.ToJson()));
        Assert.Equal(GradingModel.Default, GradingModelVersion.Initial.Model);
    }

    [Fact]
    public void A_model_whose_points_do_not_add_up_or_whose_bands_overlap_is_refused()
    {
        var errors = (GradingModel.Default with
        {
            OnTime = new OnTimeRule(50, 1),
            Bands = new GradeBands(80, 80, 70, 60),
            Coefficients = new GradeCoefficients(1, 1.2m, 1, 0.5m, 0),
        }).Validate().ToDictionary();

        Assert.Contains("maxPoints", errors.Keys);
        Assert.Contains("bands", errors.Keys);
        Assert.Contains("coefficients", errors.Keys);
    }
}
