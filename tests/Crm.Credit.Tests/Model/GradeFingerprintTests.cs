using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Crm.Credit.Model.Grading;

namespace Crm.Credit.Tests.Model;

/// <summary>
/// A grade's fingerprint is stored, and a later run compares against it: the digest must stay exactly what it was, or
/// every stored grade of a period would look changed after an upgrade. Held here to the text it has always digested.
/// </summary>
public sealed class GradeFingerprintTests
{
    /// <summary>The digest as it was first written: the text through a StringBuilder, decimals normalised by division.</summary>
    private static string Reference(int modelVersion, GradeResult result)
    {
        static string N(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder()
            .Append(modelVersion).Append('|').Append(N(result.Score)).Append('|').Append(result.Grade).Append('|').Append(N(result.Coefficient))
            .Append('|').Append(N(result.MonthlyAverageSales)).Append('|').Append(N(result.PreviousMonthlyAverageSales))
            .Append('|').Append(result.OnTimeRate is { } rate ? N(rate) : "-").Append('|').Append(N(result.ProposedLimit));
        foreach (var input in result.Explanation)
            text.Append('|').Append(input.Input).Append(':').Append(N(input.Value)).Append(':').Append(N(input.Points))
                .Append(':').Append(N(input.MaxPoints)).Append(':').Append(input.Note);
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static readonly decimal[] Edges =
    [
        0m, 0.00m, decimal.Negate(0.00m), -0m, 1m, 1.50m, 1.500000m, 10m, 100.00m, 1000000m, -1.10m, -250m, 0.0001m, 0.1000m,
        99.99m, 123456789.123456m, 79228162514264337593543950335m, -79228162514264337593543950335m, 0.0000000000000000000000000001m,
    ];

    [Fact]
    public void The_digest_is_that_of_the_text_it_has_always_been_over_random_results_and_edges()
    {
        var random = new Random(20261129);
        decimal Any() => random.Next(4) == 0
            ? Edges[random.Next(Edges.Length)]
            : new decimal(random.Next(), random.Next(3), 0, random.Next(2) == 0, (byte)random.Next(0, 9));
        string Note() => random.Next(6) switch
        {
            0 => null!,
            1 => "",
            2 => "月均销售额 monthly average sales 12,345.00 (2025-11…2026-10) against 0.00; 按期信用履约率",
            3 => new string('客', random.Next(300, 1500)), // past the stack buffer, and past 2 KiB of UTF-8
            _ => $"note {random.Next()} ; ümlaut ✓",
        };
        for (var i = 0; i < 5_000; i++)
        {
            var explanation = Enumerable.Range(0, random.Next(0, 5))
                .Select(_ => new GradeInput(random.Next(2) == 0 ? GradingModel.SalesTrendInput : "complaints", Any(), Any(), Any(), Note()))
                .ToList();
            var result = new GradeResult(Any(), (Grade)random.Next(5), Any(), Any(), Any(), random.Next(3) == 0 ? null : Any(), Any(), explanation);
            var version = random.Next(1, 1000);
            Assert.Equal(Reference(version, result), CustomerGrade.FingerprintOf(version, result));
        }
    }

    [Fact]
    public void A_result_from_the_model_digests_as_before()
    {
        var windows = GradingWindows.Ending(new Crm.ServiceDefaults.YearMonth(2026, 10), 12);
        var result = GradingModel.Default.Assess(
            new GradingInputs(1_234_567.80m, 1_000_000m, new OnTimeFigures(500_000m, 450_000.50m, 12), 81.5m, DateTimeOffset.UnixEpoch, 0),
            windows.Current, windows.Previous);
        Assert.Equal(Reference(1, result), CustomerGrade.FingerprintOf(1, result));
    }
}
