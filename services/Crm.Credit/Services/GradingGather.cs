using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Crm.Credit.Services;

/// <summary>One customer as a run grades it.</summary>
public sealed record GradedCustomer(Guid Id, string Code, decimal? ScorecardScore, DateTimeOffset? ScorecardAt);

/// <summary>Everything a grading run reads, gathered before it decides or writes anything.</summary>
public sealed class GradingRunInputs
{
    public required List<GradedCustomer> Customers { get; init; }
    public required int SkippedLost { get; init; }
    public required Dictionary<Guid, decimal> Limits { get; init; }
    public required Dictionary<Guid, SettlementFigures> Ledger { get; init; }
    public required Dictionary<Guid, (int All, int Quality)> Complaints { get; init; }
    public required Dictionary<Guid, StoredGrade> ThisPeriod { get; init; }
    public required Dictionary<Guid, StoredGrade> Earlier { get; init; }
    public required HashSet<Guid> OpenRequests { get; init; }
    public required HashSet<(Guid, decimal)> FiledThisPeriod { get; init; }

    public int All => Customers.Count + SkippedLost;

    /// <summary>What the model is given for <paramref name="customer"/>.</summary>
    public GradingInputs InputsOf(GradedCustomer customer)
    {
        var ledger = Ledger.GetValueOrDefault(customer.Id);
        var complaints = Complaints.GetValueOrDefault(customer.Id);
        return new GradingInputs(SettlementFigures.Yuan(ledger.WindowSales), SettlementFigures.Yuan(ledger.PreviousWindowSales), ledger.OnTime,
            customer.ScorecardScore, customer.ScorecardAt, complaints.All, complaints.Quality);
    }

    /// <summary>What is stored for <paramref name="customer"/> that the decision weighs.</summary>
    public GradeStanding StandingOf(GradedCustomer customer, decimal proposedLimit) => new(
        ThisPeriod.GetValueOrDefault(customer.Id), Earlier.GetValueOrDefault(customer.Id), Limits.GetValueOrDefault(customer.Id),
        OpenRequests.Contains(customer.Id), FiledThisPeriod.Contains((customer.Id, proposedLimit)));
}

/// <summary>
/// The read side of a grading run (客户等级评估): a handful of set-based queries for the whole branch (the customers,
/// their limits, the ledger's figures through <see cref="GradingLedgerReader"/>, complaints, the stored grades of this
/// period and the latest earlier ones, the requests), none of them materialising entities. Takes no write lock.
/// </summary>
public sealed class GradingGather(CreditDbContext db, IOptions<GradingOptions>? options = null)
{
    private readonly int _parallelism = Math.Max(1, options?.Value.Parallelism ?? new GradingOptions().Parallelism);

    /// <summary>The ledger reader's counts of the last gather (rows read, customers replayed whole).</summary>
    public GradingLedgerReader.Counts? LedgerCounts { get; private set; }

    public async Task<GradingRunInputs> GatherAsync(
        string branchId, YearMonth period, GradingModel model, GradingWindows windows, DateOnly today, CancellationToken cancellationToken)
    {
        var all = await db.Customers.AsNoTracking()
            .Where(c => c.BranchId == branchId && c.RegisteredAt != null)
            .OrderBy(c => c.Code)
            .Select(c => new { Row = new GradedCustomer(c.Id, c.Code, c.ScorecardScore, c.ScorecardAt), c.Status })
            .ToListAsync(cancellationToken);
        var customers = all.Where(c => c.Status != "lost").Select(c => c.Row).ToList();

        var limits = await db.Accounts.AsNoTracking()
            .Where(a => a.BranchId == branchId)
            .Select(a => new { a.CustomerId, a.CreditLimit })
            .ToDictionaryAsync(a => a.CustomerId, a => a.CreditLimit, cancellationToken);

        Dictionary<Guid, SettlementFigures> ledger;
        using (CreditTelemetry.ActivitySource.StartActivity("grading gather ledger"))
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                var reader = new GradingLedgerReader(db.Database.GetDbConnection(), transaction);
                // Inside a caller's transaction other connections would not see what it wrote: one range then.
                ledger = await reader.ReadAsync(branchId, windows, today, GradingLedgerReader.DefaultLongestTermDays, cancellationToken,
                    transaction is null ? _parallelism : 1);
                LedgerCounts = reader.Last;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        var complaints = new Dictionary<Guid, (int, int)>();
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
                .ToDictionaryAsync(c => c.CustomerId, c => (c.Count, c.Quality), cancellationToken);
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

        return new GradingRunInputs
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
}
