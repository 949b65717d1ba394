using System.Data.SqlTypes;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Crm.Credit.Services;

/// <summary>What a grading run did.</summary>
public sealed record GradingRunSummary(
    string BranchId, string Period, string ModelVersion, DateOnly WindowFrom, DateOnly WindowTo,
    int Customers, int Graded, int SkippedLost, int Changed, int Unchanged, int GradesPublished, int LimitRequestsFiled,
    IReadOnlyDictionary<string, int> ByGrade, DateTimeOffset RunAt, string RunBy);

/// <summary>
/// Grades every customer of a branch for a period (客户等级评估), in three steps: <see cref="GradingGather"/> reads what
/// the run needs set-based (no write lock); the model assesses each customer once and <see cref="GradeDecision"/>
/// decides what changes; <see cref="GradingWriter"/> writes the changes in short chunks. A run is idempotent: a customer
/// whose result equals the stored one is left alone, so a second run with the same inputs writes and publishes nothing,
/// and a run cut short is finished by running it again. <c>crm.customer-graded</c> goes out only when the grade or the
/// score changes.
/// </summary>
public sealed class GradingService(
    CreditDbContext db, GradingModels models, GradingGather gather, GradingWriter writer, TimeProvider clock, BusinessCalendar calendar, CreditTelemetry telemetry,
    IOptions<GradingOptions>? options = null)
{
    private readonly int _parallelism = Math.Max(1, options?.Value.Parallelism ?? new GradingOptions().Parallelism);

    /// <summary>The checks a run makes before it starts (the period has begun and is not closed), for a caller that runs it in the background.</summary>
    public Task CheckAsync(string branchId, YearMonth period, CancellationToken cancellationToken) =>
        EnsurePeriodIsOpenAsync(branchId, period, calendar.Today, cancellationToken);

    /// <summary>Grades the branch; <paramref name="progress"/> hears (customers done, customers in all) as the run moves on.</summary>
    public async Task<GradingRunSummary> RunAsync(string branchId, YearMonth period, string runBy, string runByName, CancellationToken cancellationToken,
        Action<int, int>? progress = null)
    {
        using var activity = CreditTelemetry.ActivitySource.StartActivity("grading run");
        activity?.SetTag("crm.branch", branchId);
        activity?.SetTag("crm.grading.period", period.ToString());
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var today = calendar.DateOf(now);
        await EnsurePeriodIsOpenAsync(branchId, period, today, cancellationToken);

        var version = await models.CurrentAsync(cancellationToken);
        var model = version.Model;
        var windows = GradingWindows.Ending(period, model.WindowMonths);
        GradingRunInputs inputs;
        using (var gathering = CreditTelemetry.ActivitySource.StartActivity("grading gather"))
        {
            inputs = await gather.GatherAsync(branchId, period, model, windows, today, cancellationToken);
            if (gather.LedgerCounts is { } counts)
            {
                gathering?.SetTag("crm.grading.ledger_rows", counts.TailRows + counts.ReplayedRows);
                gathering?.SetTag("crm.grading.replayed_whole", counts.ReplayedWhole);
            }
        }

        // Assess each customer once and decide what changes; only the changed customers are kept for the write.
        var decisions = Assess(inputs, model, version.Version, windows);
        var plan = new List<PlannedGrade>();
        var perGrade = new int[Enum.GetValues<Grade>().Length];
        int writesGrade = 0, publishes = 0;
        for (var i = 0; i < decisions.Length; i++)
        {
            var decision = decisions[i];
            perGrade[(int)decision.Result.Grade]++;
            if (!decision.ChangesAnything) continue;
            plan.Add(new PlannedGrade(inputs.Customers[i], decision));
            if (decision.WritesGrade) writesGrade++;
            if (decision.Publishes) publishes++;
        }
        var byGrade = Enum.GetValues<Grade>().ToDictionary(g => g.ToString(), g => perGrade[(int)g]);
        InKeyOrder(plan);

        // Customers whose result is already stored are done; the changed ones are done as their chunk commits.
        var done = inputs.All - plan.Count;
        progress?.Invoke(done, inputs.All);
        var summary = new GradingRunSummary(
            branchId, period.ToString(), version.Name, windows.Current.From, windows.Current.To,
            inputs.All, inputs.Customers.Count, inputs.SkippedLost, writesGrade, inputs.Customers.Count - writesGrade, publishes, 0, byGrade, now, runBy);

        if (plan.Count > 0)
        {
            using var writing = CreditTelemetry.ActivitySource.StartActivity("grading write");
            var run = new GradingWriter.RunContext(branchId, period, version.Version, summary.Graded, summary.Changed, now, runBy, runByName);
            summary = summary with
            {
                LimitRequestsFiled = await writer.WriteAsync(plan, inputs, run, written => progress?.Invoke(done += written, inputs.All), cancellationToken),
            };
        }

        telemetry.GradingRun(plan.Count > 0, summary.Graded, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("crm.grading.graded", summary.Graded);
        activity?.SetTag("crm.grading.changed", summary.Changed);
        return summary;
    }

    /// <summary>
    /// The assessment and decision of every customer, in the customers' order. Pure work on what the gather read (the
    /// model, the figures and the stored grades are only read), so the customers are cut into as many contiguous parts
    /// as the run may use cores, each assessed on its own thread.
    /// </summary>
    private GradeDecision[] Assess(GradingRunInputs inputs, GradingModel model, int modelVersion, GradingWindows windows)
    {
        using var _ = CreditTelemetry.ActivitySource.StartActivity("grading assess");
        var customers = inputs.Customers;
        var decisions = new GradeDecision[customers.Count];
        var parts = customers.Count >= 2_000 ? _parallelism : 1;
        void AssessPart(int part)
        {
            for (int i = customers.Count * part / parts, end = customers.Count * (part + 1) / parts; i < end; i++)
            {
                var customer = customers[i];
                var result = model.Assess(inputs.InputsOf(customer), windows.Current, windows.Previous);
                decisions[i] = GradeDecision.Decide(model, modelVersion, result, inputs.StandingOf(customer, result.ProposedLimit));
            }
        }
        if (parts == 1) AssessPart(0);
        else Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, AssessPart);
        return decisions;
    }

    /// <summary>
    /// Puts the plan in the order of the grades' key (the customer's id as the store orders it: upper-case text on
    /// SQLite, SQL Server's uniqueidentifier order there). A chunk's grades then land on neighbouring pages of the key's
    /// index rather than one page each all over it, so each commit writes a few pages instead of hundreds. Nothing
    /// depends on the order customers are written in (events are ordered per customer, and a customer has one).
    /// </summary>
    private void InKeyOrder(List<PlannedGrade> plan)
    {
        if (db.Database.IsSqlite())
        {
            var keys = plan.Select(p => p.Customer.Id.ToString().ToUpperInvariant()).ToArray();
            var planned = plan.ToArray();
            Array.Sort(keys, planned, StringComparer.Ordinal);
            plan.Clear();
            plan.AddRange(planned);
        }
        else plan.Sort(static (a, b) => new SqlGuid(a.Customer.Id).CompareTo(new SqlGuid(b.Customer.Id)));
    }

    /// <summary>Runs move forward: a period the branch has been graded beyond is closed; a month not yet begun cannot be graded.</summary>
    private async Task EnsurePeriodIsOpenAsync(string branchId, YearMonth period, DateOnly today, CancellationToken cancellationToken)
    {
        if (period > YearMonth.Of(today))
            throw new BusinessRuleException("grading-period-not-started", $"The period {period} has not begun; grade the current month or an earlier one.");
        var latest = await db.GradingRuns.IgnoreQueryFilters()
            .Where(r => r.BranchId == branchId)
            .OrderByDescending(r => r.Period)
            .Select(r => r.Period)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && string.CompareOrdinal(latest, period.ToString()) > 0)
            throw new BusinessRuleException("grading-period-superseded",
                $"Branch {branchId} has already been graded for {latest}; grades move forward, so {period} can no longer be graded.");
    }
}
