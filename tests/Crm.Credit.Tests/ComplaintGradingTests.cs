using Crm.Credit.Model.Grading;

namespace Crm.Credit.Tests;

/// <summary>Complaints feed grading (客诉): after-sales' complaint events projected, and counted by grading model v2.</summary>
public sealed class ComplaintGradingTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    private static DateTimeOffset At(string date) => DateTimeOffset.Parse(date + "T03:00:00+00:00");

    private static ComplaintOpened Opened(Guid customer, Guid complaint, string on) => new()
    {
        CustomerId = customer, BranchId = "cg", OccurredAt = At(on), ComplaintId = complaint, Subject = "包装破损 damaged packaging",
        Severity = "medium", OpenedBy = "as-1", FirstResponseDue = At(on).AddDays(1), ResolveDue = At(on).AddDays(7),
    };

    private static ComplaintResolved Resolved(Guid customer, Guid complaint, string openedOn, string category, string? rootCause) => new()
    {
        CustomerId = customer, BranchId = "cg", OccurredAt = At(openedOn).AddDays(5), ComplaintId = complaint, Category = category,
        Severity = "high", Resolution = "replacement", ClosedBy = "customer-satisfied", RootCause = rootCause, OpenedAt = At(openedOn),
    };

    [Fact]
    public async Task The_built_in_model_v2_counts_the_periods_complaints_with_quality_weighted_and_explains_the_points()
    {
        var v2 = await credit.QueryAsync(db => db.GradingModels.AsNoTracking().SingleAsync(m => m.Version == 2));
        Assert.Equal(GradingModel.WithComplaints, v2.Model);

        var customer = await credit.RegisterCustomerAsync("cg");
        await credit.PublishAndWaitAsync(Clerk.Scorecard(customer, "cg", 80m, CreditSystem.Now.AddDays(-40)));
        var (a, b, c, d, e) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await credit.PublishAndWaitAsync(Opened(customer, a, "2026-03-10"));
        await credit.PublishAndWaitAsync(new ComplaintAnswered { CustomerId = customer, BranchId = "cg", OccurredAt = At("2026-03-11"), ComplaintId = a, Category = "non-quality" });
        await credit.PublishAndWaitAsync(Opened(customer, b, "2026-05-01"));
        await credit.PublishAndWaitAsync(Resolved(customer, b, "2026-05-01", "quality", "material"));
        await credit.PublishAndWaitAsync(Resolved(customer, c, "2026-08-01", "quality", "method")); // its opening arrives after it
        await credit.PublishAndWaitAsync(Opened(customer, c, "2026-08-01"));
        await credit.PublishAndWaitAsync(Opened(customer, d, "2025-10-15")); // before the window 2025-11 … 2026-10
        await credit.PublishAndWaitAsync(Opened(customer, e, "2026-11-05")); // after the period graded

        var kept = await credit.QueryAsync(db => db.Complaints.AsNoTracking().SingleAsync(x => x.Id == c));
        Assert.Equal(("quality", "method", At("2026-08-01"), "包装破损 damaged packaging"), (kept.Category, kept.RootCause, kept.OpenedAt, kept.Subject));

        using var manager = credit.As("sam-cg", "cg", "sales-admin-manager");
        var summary = await manager.RunGrading("2026-10");
        Assert.Equal("v2", summary.String("modelVersion"));

        // No sales → 0; nothing fell due → 40; scorecard 80 → 24. Complaints a, b, c: 1 + 2 quality × 2 = 5 → 5 × 2.5 = 12.50 off.
        var grade = (await (await manager.GetAsync($"/api/credit/grades/{customer}")).JsonAsync(HttpStatusCode.OK)).GetProperty("current");
        var explanation = grade.GetProperty("explanation").EnumerateArray().ToList();
        Assert.Equal(["salesTrend", "onTimeRate", "scorecard", "complaints"], explanation.Select(i => i.String("input")));
        var complaints = explanation[3];
        Assert.Equal((5m, -12.50m), (complaints.Decimal("value"), complaints.Decimal("points")));
        Assert.Contains("3, of which 2 quality", complaints.String("note"));
        Assert.Equal(51.50m, grade.Decimal("score"));
        Assert.Equal(grade.Decimal("score"), explanation.Sum(i => i.Decimal("points")));
        Assert.Equal(("E", "v2"), (grade.String("grade"), grade.String("modelVersion")));
    }
}
