namespace Crm.Credit.Tests;

/// <summary>The versioned scoring model over HTTP, and the grade bands at their edges end to end.</summary>
public sealed class GradingModelApiTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    private static object ScorecardOnly(long version, string? note = null) => new
    {
        version,
        note,
        model = new
        {
            windowMonths = 12,
            salesTrend = new { maxPoints = 0, zeroAtRatio = 0.6, fullAtRatio = 1.1, ratioWithoutHistory = 1.0 },
            onTime = new { maxPoints = 0, rateWhenNothingDue = 1.0 },
            scorecard = new { maxPoints = 100, scoreWhenMissing = 0 },
            complaints = new { enabled = false, pointsPerComplaint = 5, maxDeduction = 20 },
            bands = new { a = 90, b = 80, c = 70, d = 60 },
            coefficients = new { a = 1.5, b = 1.2, c = 1.0, d = 0.5, e = 0 },
        },
    };

    [Fact]
    public async Task Grades_fall_in_their_bands_at_the_edges_and_name_the_model_that_gave_them()
    {
        using var groupGm = credit.As("ggm", "hq", "group-gm");
        var current = await (await groupGm.GetAsync("/api/credit/grading/model")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("v2", current.String("name")); // v1 without complaints, v2 the built-in model with them
        Assert.Equal(40m, current.GetProperty("model").GetProperty("onTime").Decimal("maxPoints"));
        Assert.True(current.GetProperty("model").GetProperty("complaints").GetProperty("enabled").GetBoolean());

        // A model where the scorecard alone decides, so that a scorecard of 59.99 scores exactly 59.99.
        var saved = await (await groupGm.Put("/api/credit/grading/model", ScorecardOnly(2, "band edge check"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("v3", saved.String("name"));

        var edges = new Dictionary<decimal, string>
        {
            [59.99m] = "E", [60m] = "D", [69.99m] = "D", [70m] = "C", [79.99m] = "C", [80m] = "B", [89.99m] = "B", [90m] = "A", [100m] = "A",
        };
        var customers = new Dictionary<Guid, decimal>();
        foreach (var score in edges.Keys)
        {
            var customer = await credit.RegisterCustomerAsync("edge");
            await credit.PublishAndWaitAsync(Clerk.Scorecard(customer, "edge", score, CreditSystem.Now.AddDays(-3)));
            customers[customer] = score;
        }
        using var manager = credit.As("sam-edge", "edge", "sales-admin-manager");
        var summary = await manager.RunGrading("2026-10");
        Assert.Equal("v3", summary.String("modelVersion"));

        foreach (var (customer, score) in customers)
        {
            var grade = (await (await manager.GetAsync($"/api/credit/grades/{customer}")).JsonAsync(HttpStatusCode.OK)).GetProperty("current");
            Assert.Equal(score, grade.Decimal("score"));
            Assert.True(edges[score] == grade.String("grade"), $"{score} graded {grade.String("grade")}, expected {edges[score]}");
            Assert.Equal("v3", grade.String("modelVersion"));
        }
    }

    [Fact]
    public async Task A_model_is_changed_only_by_the_group_from_the_current_version_and_only_when_valid()
    {
        using var groupGm = credit.As("ggm", "hq", "group-gm");
        var current = (await (await groupGm.GetAsync("/api/credit/grading/model")).JsonAsync(HttpStatusCode.OK)).GetProperty("version").GetInt32();

        using var manager = credit.As("sam-1", "sh", "sales-admin-manager");
        await (await manager.Put("/api/credit/grading/model", ScorecardOnly(current))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await groupGm.Put("/api/credit/grading/model", ScorecardOnly(current - 1 + 100))).ProblemAsync(HttpStatusCode.Conflict);
        var invalid = await (await groupGm.Put("/api/credit/grading/model", new
        {
            version = current,
            model = new { windowMonths = 30, bands = new { a = 50, b = 80, c = 70, d = 60 } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = invalid.GetProperty("errors");
        Assert.True(errors.TryGetProperty("windowMonths", out _));
        Assert.True(errors.TryGetProperty("bands", out _));
        await (await groupGm.Put("/api/credit/grading/model", new { version = current })).ProblemAsync(HttpStatusCode.BadRequest);

        var versions = await (await manager.GetAsync("/api/credit/grading/models")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(current, versions.GetArrayLength());
        var first = await (await manager.GetAsync("/api/credit/grading/models/1")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("system", first.String("createdBy"));
        await (await manager.GetAsync("/api/credit/grading/models/99")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
