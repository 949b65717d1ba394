namespace Crm.Credit.Services;

/// <summary>One line of the grade summary table (客户等级管理汇总表).</summary>
public sealed record GradeSummaryRow(
    Guid CustomerId, string BranchId, string Code, string Name, string OwnerId, string? OwnerName,
    decimal Score, decimal Coefficient, decimal MonthlyAverageSales, decimal? OnTimeRate, string Grade, string? PreviousGrade,
    decimal CreditLimit, decimal ProposedLimit, string Remarks, string ModelVersion, DateTimeOffset GradedAt);

/// <summary>The table for one period, paged, with who prepared it.</summary>
public sealed record GradeSummaryPage(
    string? Period, string? PreparedBy, DateTimeOffset? PreparedAt, IReadOnlyDictionary<string, int> ByGrade,
    IReadOnlyList<GradeSummaryRow> Items, int Total, int Page, int PageSize);

public sealed record GradeDetail(
    string Period, string ModelVersion, decimal Score, string Grade, decimal Coefficient, decimal MonthlyAverageSales,
    decimal PreviousMonthlyAverageSales, decimal? OnTimeRate, decimal ProposedLimit, string? PreviousGrade, decimal? PreviousScore,
    DateTimeOffset GradedAt, string GradedBy, IReadOnlyList<GradeInput> Explanation);

public sealed record GradeHistoryItem(string Period, string Grade, decimal Score, string ModelVersion, DateTimeOffset GradedAt);

/// <summary>A customer's current grade (that of its latest graded period) with its explanation, and the earlier ones.</summary>
public sealed record CustomerGradeView(Guid CustomerId, string Code, string Name, decimal CreditLimit, GradeDetail? Current, IReadOnlyList<GradeHistoryItem> History);

/// <summary>Reads grades back: the summary table and a customer's explained grade.</summary>
public sealed class GradeReports(CreditDbContext db, CustomerDirectory customers)
{
    /// <summary>The latest period graded among the branches the caller sees.</summary>
    public Task<string?> LatestPeriodAsync(string? branchId, CancellationToken cancellationToken) => db.GradingRuns
        .Where(r => branchId == null || r.BranchId == branchId)
        .OrderByDescending(r => r.Period)
        .Select(r => r.Period)
        .FirstOrDefaultAsync(cancellationToken);

    public async Task<GradeSummaryPage> SummaryAsync(
        YearMonth? period, string? branchId, Grade? grade, PageRequest? page, CancellationToken cancellationToken)
    {
        var periodText = period?.ToString() ?? await LatestPeriodAsync(branchId, cancellationToken);
        if (periodText is null) return new GradeSummaryPage(null, null, null, new Dictionary<string, int>(), [], 0, page?.Page ?? 1, page?.PageSize ?? 0);

        var grades = db.Grades.AsNoTracking().Where(g => g.Period == periodText && (branchId == null || g.BranchId == branchId));
        var byGrade = (await grades.GroupBy(g => g.Grade).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(g => g.Key.ToString(), g => g.Count);
        if (grade is { } only) grades = grades.Where(g => g.Grade == only);

        var rows =
            from g in grades
            join c in db.Customers on g.CustomerId equals c.Id
            from a in db.Accounts.Where(a => a.CustomerId == g.CustomerId).DefaultIfEmpty()
            from r in db.LimitRequests.Where(r => r.OpenForCustomerId == g.CustomerId).DefaultIfEmpty()
            orderby g.Score descending, c.Code
            select new
            {
                Grade = g,
                c.Code,
                c.Name,
                c.OwnerId,
                c.OwnerName,
                Limit = a == null ? 0 : a.CreditLimit,
                PendingProposal = r == null ? (decimal?)null : r.ProposedLimit,
                r.AwaitingRole,
            };
        var total = await grades.CountAsync(cancellationToken);
        if (page is { } paging) rows = rows.Skip(paging.Skip).Take(paging.PageSize);
        var items = (await rows.ToListAsync(cancellationToken)).Select(r => new GradeSummaryRow(
                r.Grade.CustomerId, r.Grade.BranchId, r.Code, r.Name, r.OwnerId, r.OwnerName, r.Grade.Score, r.Grade.Coefficient,
                r.Grade.MonthlyAverageSales, r.Grade.OnTimeRate, r.Grade.Grade.ToString(), r.Grade.PreviousGrade?.ToString(), r.Limit,
                r.Grade.ProposedLimit, Remarks(r.Grade, r.Limit, r.PendingProposal, r.AwaitingRole),
                GradingModelVersion.NameOf(r.Grade.ModelVersion), r.Grade.GradedAt))
            .ToList();

        var run = await db.GradingRuns.AsNoTracking()
            .Where(x => x.Period == periodText && (branchId == null || x.BranchId == branchId))
            .OrderByDescending(x => x.RunAt)
            .FirstOrDefaultAsync(cancellationToken);
        return new GradeSummaryPage(periodText, run?.RunBy, run?.RunAt, byGrade, items, total, page?.Page ?? 1, page?.PageSize ?? total);
    }

    /// <summary>备注: what a reviewer should notice about the line.</summary>
    private static string Remarks(CustomerGrade grade, decimal limit, decimal? pendingProposal, string? awaitingRole)
    {
        var remarks = new List<string>();
        if (grade.Grade == Grade.D) remarks.Add("关注客户 watch");
        if (grade.Grade == Grade.E) remarks.Add("淘汰客户 to be dropped");
        if (grade.PreviousGrade is { } previous && previous != grade.Grade)
            remarks.Add($"等级 {previous} → {grade.Grade}");
        if (grade.OnTimeRate is null) remarks.Add("nothing fell due in the period");
        if (grade.Inputs.FirstOrDefault(i => i.Input == GradingModel.ScorecardInput)?.Note?.Contains("no scorecard", StringComparison.Ordinal) == true)
            remarks.Add("no scorecard");
        if (pendingProposal is { } proposal)
            remarks.Add($"额度申请 {proposal:N2} awaiting {awaitingRole}");
        else if (grade.ProposedLimit != limit)
            remarks.Add($"proposed limit differs from the current {limit:N2}");
        return string.Join("; ", remarks);
    }

    public async Task<CustomerGradeView> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await customers.ForReadAsync(customerId, cancellationToken);
        var grades = await db.Grades.AsNoTracking()
            .Where(g => g.CustomerId == customerId)
            .OrderByDescending(g => g.Period)
            .ToListAsync(cancellationToken);
        var limit = await db.Accounts.Where(a => a.CustomerId == customerId).Select(a => a.CreditLimit).FirstOrDefaultAsync(cancellationToken);
        var current = grades.FirstOrDefault();
        return new CustomerGradeView(customer.Id, customer.Code, customer.Name, limit,
            current is null ? null : new GradeDetail(
                current.Period, GradingModelVersion.NameOf(current.ModelVersion), current.Score, current.Grade.ToString(), current.Coefficient,
                current.MonthlyAverageSales, current.PreviousMonthlyAverageSales, current.OnTimeRate, current.ProposedLimit,
                current.PreviousGrade?.ToString(), current.PreviousScore, current.GradedAt, current.GradedBy, current.Inputs),
            grades.Select(g => new GradeHistoryItem(g.Period, g.Grade.ToString(), g.Score, GradingModelVersion.NameOf(g.ModelVersion), g.GradedAt)).ToList());
    }
}
