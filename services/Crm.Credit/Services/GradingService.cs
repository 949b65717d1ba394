using System.Diagnostics;
using System.Globalization;
using Crm.Credit.Infrastructure;
using Crm.Credit.Model;
using Crm.Credit.Model.Grading;
using Crm.Events;
using Crm.Messaging.Outbox;
using Crm.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Crm.ServiceDefaults;

namespace Crm.Credit.Services;

/// <summary>What a grading run did.</summary>
public sealed record GradingRunSummary(
    string BranchId, string Period, string ModelVersion, DateOnly WindowFrom, DateOnly WindowTo,
    int Customers, int Graded, int SkippedLost, int Changed, int Unchanged, int GradesPublished, int LimitRequestsFiled,
    IReadOnlyDictionary<string, int> ByGrade, DateTimeOffset RunAt, string RunBy);

/// <summary>
/// Grades every customer of a branch for a period (客户等级评估). Set-based: a handful of queries for the whole branch
/// (the customers, their limits, one ordered pass over the ledger, the existing grades, the open requests), then the
/// model in memory, then the writes for what changed, in one transaction and in chunks. A run is idempotent: a customer
/// whose result equals the stored one is left alone, so a second run with the same inputs writes and publishes
/// nothing. <c>crm.customer-graded</c> goes out only when the grade or the score changes.
/// </summary>
public sealed class GradingService(CreditDbContext db, GradingModels models, TimeProvider clock, BusinessCalendar calendar, CreditTelemetry telemetry, OutboxSignal? outboxSignal = null)
{
    /// <summary>Customers written per transaction: about a tenth of a second of write lock each on SQLite.</summary>
    private const int ChunkSize = 2000;

    /// <summary>The pause between chunks on SQLite, in which a writer waiting for the lock can take it.</summary>
    private static readonly TimeSpan WriterGap = TimeSpan.FromMilliseconds(20);

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
        RunInputs inputs;
        using (CreditTelemetry.ActivitySource.StartActivity("grading gather"))
            inputs = await GatherAsync(branchId, period, model, windows, today, cancellationToken);

        // Pass 1, in memory: what changes. Only the changed customers keep their result, so an idempotent run holds none.
        var plan = new List<PlannedChange>();
        var byGrade = Enum.GetValues<Grade>().ToDictionary(g => g.ToString(), _ => 0);
        using (CreditTelemetry.ActivitySource.StartActivity("grading assess"))
        {
            foreach (var customer in inputs.Customers)
            {
                var result = Assess(model, inputs, customer, windows);
                byGrade[result.Grade.ToString()]++;
                var change = Plan(model, version.Version, result, customer, inputs, period);
                if (change is not null) plan.Add(change);
            }
        }

        // Customers whose result is already stored are done; the changed ones are done as their chunk commits.
        var done = inputs.Customers.Count + inputs.SkippedLost - plan.Count;
        progress?.Invoke(done, inputs.Customers.Count + inputs.SkippedLost);
        var summary = new GradingRunSummary(
            branchId, period.ToString(), version.Name, windows.Current.From, windows.Current.To,
            inputs.Customers.Count + inputs.SkippedLost, inputs.Customers.Count, inputs.SkippedLost,
            plan.Count(c => c.WritesGrade), inputs.Customers.Count - plan.Count(c => c.WritesGrade),
            plan.Count(c => c.Publishes), 0, byGrade, now, runBy);

        if (plan.Count > 0)
        {
            using var writing = CreditTelemetry.ActivitySource.StartActivity("grading write");
            summary = summary with
            {
                LimitRequestsFiled = await WriteAsync(plan, version.Version, inputs, period, summary, runByName,
                    written => progress?.Invoke(done += written, summary.Customers), cancellationToken),
            };
        }

        telemetry.GradingRun(plan.Count > 0, summary.Graded, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("crm.grading.graded", summary.Graded);
        activity?.SetTag("crm.grading.changed", summary.Changed);
        return summary;
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

    private sealed record CustomerRow(Guid Id, string Code, string Name, string OwnerId, decimal? ScorecardScore, DateTimeOffset? ScorecardAt);

    private sealed record ComplaintCount(int All, int Quality);

    private sealed record StoredGrade(string Fingerprint, Grade Grade, decimal Score);

    private sealed record LedgerFigures(decimal WindowSales, decimal PreviousWindowSales, OnTimeFigures OnTime);

    private sealed class RunInputs
    {
        public required List<CustomerRow> Customers { get; init; }
        public required int SkippedLost { get; init; }
        public required Dictionary<Guid, decimal> Limits { get; init; }
        public required Dictionary<Guid, LedgerFigures> Ledger { get; init; }
        public required Dictionary<Guid, ComplaintCount> Complaints { get; init; }
        public required Dictionary<Guid, StoredGrade> ThisPeriod { get; init; }
        public required Dictionary<Guid, StoredGrade> Earlier { get; init; }
        public required HashSet<Guid> OpenRequests { get; init; }
        public required HashSet<(Guid, decimal)> FiledThisPeriod { get; init; }
    }

    private static readonly OnTimeFigures NothingDue = new(0, 0, 0);
    private static readonly LedgerFigures NoBusiness = new(0, 0, NothingDue);

    private async Task<RunInputs> GatherAsync(
        string branchId, YearMonth period, GradingModel model, GradingWindows windows, DateOnly today, CancellationToken cancellationToken)
    {
        var all = await db.Customers.AsNoTracking()
            .Where(c => c.BranchId == branchId && c.RegisteredAt != null)
            .OrderBy(c => c.Code)
            .Select(c => new { Row = new CustomerRow(c.Id, c.Code, c.Name, c.OwnerId, c.ScorecardScore, c.ScorecardAt), c.Status })
            .ToListAsync(cancellationToken);
        var customers = all.Where(c => c.Status != "lost").Select(c => c.Row).ToList();

        var limits = await db.Accounts.AsNoTracking()
            .Where(a => a.BranchId == branchId)
            .Select(a => new { a.CustomerId, a.CreditLimit })
            .ToDictionaryAsync(a => a.CustomerId, a => a.CreditLimit, cancellationToken);

        Dictionary<Guid, LedgerFigures> ledger;
        using (CreditTelemetry.ActivitySource.StartActivity("grading gather ledger"))
            ledger = await ReplayLedgerAsync(branchId, windows, today, cancellationToken);

        var complaints = new Dictionary<Guid, ComplaintCount>();
        if (model.Complaints.Enabled)
        {
            var since = new DateTimeOffset(windows.Current.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var until = new DateTimeOffset(windows.Current.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var inWindow = model.Complaints.Counting == ComplaintsRule.Window;
            complaints = await (
                    from complaint in db.Complaints
                    join customer in db.Customers on complaint.CustomerId equals customer.Id
                    where complaint.BranchId == branchId && complaint.OpenedAt < until
                        && (inWindow ? complaint.OpenedAt >= since : complaint.OpenedAt > (customer.ScorecardAt ?? since))
                    group complaint by complaint.CustomerId into byCustomer
                    select new { CustomerId = byCustomer.Key, Count = byCustomer.Count(), Quality = byCustomer.Count(c => c.Category == Complaint.Quality) })
                .ToDictionaryAsync(c => c.CustomerId, c => new ComplaintCount(c.Count, c.Quality), cancellationToken);
        }

        var periodText = period.ToString();
        var thisPeriod = await db.Grades.AsNoTracking()
            .Where(g => g.BranchId == branchId && g.Period == periodText)
            .Select(g => new { g.CustomerId, Stored = new StoredGrade(g.Fingerprint, g.Grade, g.Score) })
            .ToDictionaryAsync(g => g.CustomerId, g => g.Stored, cancellationToken);
        // The latest earlier grade of each customer: no grade of the same customer lies between it and the period.
        var earlier = await db.Grades.AsNoTracking()
            .Where(g => g.BranchId == branchId && string.Compare(g.Period, periodText) < 0
                && !db.Grades.Any(x => x.CustomerId == g.CustomerId && string.Compare(x.Period, periodText) < 0 && string.Compare(x.Period, g.Period) > 0))
            .Select(g => new { g.CustomerId, Stored = new StoredGrade(g.Fingerprint, g.Grade, g.Score) })
            .ToDictionaryAsync(g => g.CustomerId, g => g.Stored, cancellationToken);

        var openRequests = (await db.LimitRequests.AsNoTracking()
            .Where(r => r.BranchId == branchId && r.State == LimitRequestState.Pending)
            .Select(r => r.CustomerId)
            .ToListAsync(cancellationToken)).ToHashSet();
        var filed = (await db.LimitRequests.AsNoTracking()
            .Where(r => r.BranchId == branchId && r.Source == LimitRequestSource.Grading && r.GradingPeriod == periodText)
            .Select(r => new { r.CustomerId, r.ProposedLimit })
            .ToListAsync(cancellationToken)).Select(r => (r.CustomerId, r.ProposedLimit)).ToHashSet();

        return new RunInputs
        {
            Customers = customers,
            SkippedLost = all.Count - customers.Count,
            Limits = limits,
            Ledger = ledger,
            Complaints = complaints,
            ThisPeriod = thisPeriod,
            Earlier = earlier,
            OpenRequests = openRequests,
            FiledThisPeriod = filed,
        };
    }

    /// <summary>
    /// One pass over the branch's ledger up to the period's end, in customer order, through a plain data reader on the
    /// covering index <c>IX_LedgerEntries_Settlement</c> (no entity materialisation, amounts read as the store's
    /// millionths): each customer's rows are settled in integer arithmetic (<see cref="LedgerSettlement"/>, held to
    /// <see cref="LedgerReplay"/> by a property test) as soon as the next customer's begin, so memory holds one
    /// customer's rows at a time.
    /// </summary>
    private async Task<Dictionary<Guid, LedgerFigures>> ReplayLedgerAsync(
        string branchId, GradingWindows windows, DateOnly today, CancellationToken cancellationToken)
    {
        var figures = new Dictionary<Guid, LedgerFigures>();
        var sqlite = db.Database.IsSqlite();
        var settlement = new LedgerSettlement();
        var rows = new List<SettlementRow>(64);
        Guid current = default;
        string? currentText = null;
        var any = false;

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            // Dates come back as day numbers (DateOnly.DayNumber), missing references as None: no parsing, no nulls per row.
            var (day, dueDay) = sqlite
                ? ("CAST(julianday(Date) - 1721425.5 AS INTEGER)", "CAST(julianday(COALESCE(DueDate, Date)) - 1721425.5 AS INTEGER)")
                : ("DATEDIFF(day, '0001-01-01', Date)", "DATEDIFF(day, '0001-01-01', COALESCE(DueDate, Date))");
            command.CommandText =
                $"SELECT CustomerId, CASE Kind WHEN 'sale' THEN 0 WHEN 'payment' THEN 1 ELSE 2 END, Number, {day}, {dueDay}, Amount, " +
                $"COALESCE(ReversesNumber, {LedgerSettlement.None}), COALESCE(CreditsNumber, {LedgerSettlement.None}) " +
                "FROM LedgerEntries WHERE BranchId = @branch AND Date <= @end ORDER BY CustomerId, Date";
            Parameter(command, "@branch", branchId);
            Parameter(command, "@end", sqlite ? windows.Current.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : windows.Current.To);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                Guid customer;
                if (sqlite)
                {
                    var text = reader.GetString(0);
                    customer = string.Equals(text, currentText, StringComparison.Ordinal) ? current : Guid.Parse(text);
                    currentText = text;
                }
                else customer = reader.GetGuid(0);
                if (!any || customer != current)
                {
                    if (any) figures[current] = Figures(settlement, rows, windows, today);
                    current = customer;
                    any = true;
                    rows.Clear();
                }
                rows.Add(new SettlementRow(
                    (LedgerEntryKind)reader.GetInt32(1),
                    reader.GetInt32(2),
                    reader.GetInt32(3),
                    reader.GetInt32(4),
                    sqlite ? reader.GetInt64(5) : (long)(reader.GetDecimal(5) * 1_000_000m),
                    reader.GetInt32(6),
                    reader.GetInt32(7)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        if (any) figures[current] = Figures(settlement, rows, windows, today);
        return figures;
    }

    private static void Parameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static LedgerFigures Figures(LedgerSettlement settlement, List<SettlementRow> rows, GradingWindows windows, DateOnly today)
    {
        var figures = settlement.Settle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows), windows.Current, windows.Previous, today);
        return new LedgerFigures(SettlementFigures.Yuan(figures.WindowSales), SettlementFigures.Yuan(figures.PreviousWindowSales), figures.OnTime);
    }

    private static GradeResult Assess(GradingModel model, RunInputs inputs, CustomerRow customer, GradingWindows windows)
    {
        var ledger = inputs.Ledger.GetValueOrDefault(customer.Id, NoBusiness);
        return model.Assess(
            new GradingInputs(ledger.WindowSales, ledger.PreviousWindowSales, ledger.OnTime, customer.ScorecardScore, customer.ScorecardAt,
                inputs.Complaints.GetValueOrDefault(customer.Id)?.All ?? 0, inputs.Complaints.GetValueOrDefault(customer.Id)?.Quality ?? 0),
            windows.Current, windows.Previous);
    }

    /// <summary>A customer whose grade or request changes, with the result assessed once (in pass 1) and written as it is.</summary>
    private sealed record PlannedChange(CustomerRow Customer, GradeResult Result, bool WritesGrade, bool Publishes, bool FilesRequest);

    private static PlannedChange? Plan(GradingModel model, int modelVersion, GradeResult result, CustomerRow customer, RunInputs inputs, YearMonth period)
    {
        var stored = inputs.ThisPeriod.GetValueOrDefault(customer.Id);
        var writesGrade = stored is null || stored.Fingerprint != CustomerGrade.FingerprintOf(modelVersion, result);
        var before = stored ?? inputs.Earlier.GetValueOrDefault(customer.Id);
        var publishes = writesGrade && (before is null || before.Grade != result.Grade || before.Score != result.Score);
        var limit = inputs.Limits.GetValueOrDefault(customer.Id);
        var filesRequest = model.WarrantsRequest(limit, result.ProposedLimit)
            && !inputs.OpenRequests.Contains(customer.Id)
            && !inputs.FiledThisPeriod.Contains((customer.Id, result.ProposedLimit));
        return writesGrade || filesRequest ? new PlannedChange(customer, result, writesGrade, publishes, filesRequest) : null;
    }

    /// <summary>
    /// Pass 2: the writes, one short transaction per chunk of customers. Everything that costs CPU (the grade rows with
    /// their explanation, the events' bodies) is built before the chunk's transaction begins, so the write lock is held
    /// only for the inserts themselves: new grades and their outbox rows go in as plain prepared (SQLite) or multi-row
    /// (SQL Server) inserts, in customer order, so the outbox keeps each customer's events in order; a changed grade of
    /// the same period and a limit request go through their entities (version checked). On SQLite the run then leaves
    /// the lock free for a moment, so a sale that waited for the chunk is written before the next one. A run cut short
    /// leaves whole chunks: running it again finds those grades unchanged (same fingerprint) and writes and publishes
    /// only the rest, so nothing is doubled. Returns the number of limit requests filed.
    /// </summary>
    private async Task<int> WriteAsync(
        List<PlannedChange> plan, int modelVersion, RunInputs inputs, YearMonth period,
        GradingRunSummary summary, string runByName, Action<int> written, CancellationToken cancellationToken)
    {
        var periodText = period.ToString();
        var modelName = GradingModelVersion.NameOf(modelVersion);
        var filed = 0;
        var grades = new BulkInserter<CustomerGrade>(db);
        var outbox = new BulkInserter<OutboxMessage>(db);
        var sqlite = db.Database.IsSqlite();
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var chunk in plan.Chunk(ChunkSize))
            {
                // Outside the lock: the new grades and their events.
                var newGrades = new List<CustomerGrade>(chunk.Length);
                var newEvents = new List<OutboxMessage>(chunk.Length);
                using (CreditTelemetry.ActivitySource.StartActivity("grading write prepare"))
                    foreach (var change in chunk)
                    {
                        if (!change.WritesGrade || inputs.ThisPeriod.ContainsKey(change.Customer.Id)) continue;
                        var earlier = inputs.Earlier.GetValueOrDefault(change.Customer.Id);
                        var grade = CustomerGrade.Create(change.Customer.Id, summary.BranchId, period, modelVersion, change.Result,
                            earlier?.Grade, earlier?.Score, summary.RunAt, summary.RunBy);
                        newGrades.Add(grade);
                        if (change.Publishes) newEvents.Add(OutboxMessage.For(GradedEvent(grade, modelName, change.Result), clock.GetUtcNow()));
                    }

                db.ChangeTracker.Clear();
                using (CreditTelemetry.ActivitySource.StartActivity("grading write chunk"))
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var regraded = chunk.Where(c => c.WritesGrade && inputs.ThisPeriod.ContainsKey(c.Customer.Id)).Select(c => c.Customer.Id).ToList();
                    var existing = regraded.Count == 0
                        ? []
                        : await db.Grades.Where(g => g.Period == periodText && regraded.Contains(g.CustomerId)).ToDictionaryAsync(g => g.CustomerId, cancellationToken);
                    // Re-read inside the transaction: a request opened since the first pass keeps this run from filing another.
                    var filing = chunk.Where(c => c.FilesRequest).Select(c => c.Customer.Id).ToList();
                    var openNow = filing.Count == 0
                        ? []
                        : (await db.LimitRequests.AsNoTracking()
                            .Where(r => r.State == LimitRequestState.Pending && filing.Contains(r.CustomerId))
                            .Select(r => r.CustomerId)
                            .ToListAsync(cancellationToken)).ToHashSet();

                    await grades.InsertAsync(newGrades, cancellationToken);
                    await outbox.InsertAsync(newEvents, cancellationToken);
                    foreach (var change in chunk)
                    {
                        var customer = change.Customer;
                        var result = change.Result;
                        if (change.WritesGrade)
                        {
                            if (existing.TryGetValue(customer.Id, out var stored))
                            {
                                stored.Regrade(modelVersion, result, summary.RunAt, summary.RunBy);
                                if (change.Publishes) db.AddIntegrationEvent(GradedEvent(stored, modelName, result), clock);
                            }
                            if (change.Publishes) telemetry.GradeChanged(result.Grade);
                        }
                        if (change.FilesRequest && !openNow.Contains(customer.Id))
                        {
                            var limit = inputs.Limits.GetValueOrDefault(customer.Id);
                            db.LimitRequests.Add(LimitRequest.Open(customer.Id, summary.BranchId, limit, result.ProposedLimit,
                                ProposalReason(period, modelName, result), LimitRequestSource.Grading, period, result.Grade,
                                summary.RunBy, runByName, summary.RunAt));
                            telemetry.LimitRequestOpened(LimitRequestSource.Grading);
                            filed++;
                        }
                    }
                    db.ChangeTracker.DetectChanges();
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                if (newEvents.Count > 0) outboxSignal?.Notify();
                written(chunk.Length);
                // SQLite has one writer at a time, and a writer that found the lock taken sleeps before it tries again:
                // leave it a moment to get in, so a sale recorded during the run waits for one chunk, not for the run.
                if (sqlite) await Task.Delay(WriterGap, cancellationToken);
            }

            db.ChangeTracker.Clear();
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                var run = await db.GradingRuns.FirstOrDefaultAsync(r => r.BranchId == summary.BranchId && r.Period == periodText, cancellationToken);
                if (run is null) db.GradingRuns.Add(run = GradingRun.Start(summary.BranchId, period));
                run.Record(modelVersion, summary.Graded, summary.Changed, summary.RunAt, summary.RunBy);
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            return filed;
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(
                $"Another grading of branch {summary.BranchId} for {period} was saved while this run worked; run it again.",
                "Grading run collided.");
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }
    }

    private static CustomerGraded GradedEvent(CustomerGrade grade, string modelName, GradeResult result) => new()
    {
        OccurredAt = grade.GradedAt,
        BranchId = grade.BranchId,
        CustomerId = grade.CustomerId,
        Period = grade.Period,
        ModelVersion = modelName,
        Score = result.Score,
        Grade = result.Grade.ToString(),
        PreviousGrade = grade.PreviousGrade?.ToString(),
        PreviousScore = grade.PreviousScore,
        Coefficient = result.Coefficient,
        MonthlyAverageSales = result.MonthlyAverageSales,
        OnTimeRate = result.Explanation.First(i => i.Input == GradingModel.OnTimeRateInput).Value,
        OnTimeRateMeasured = result.OnTimeRate is not null,
        ProposedLimit = result.ProposedLimit,
        Explanation = result.Explanation,
    };

    private static string ProposalReason(YearMonth period, string modelName, GradeResult result) => string.Create(CultureInfo.InvariantCulture,
        $"客户等级评估 grading {period} (model {modelName}): grade {result.Grade}, score {result.Score:0.00}; 月均销售额 monthly average sales {result.MonthlyAverageSales:N2} × 等级系数 {result.Coefficient} = {result.ProposedLimit:N2}.");
}
