using System.Globalization;
using System.Text;
using CsvHelper;

namespace Crm.Customers.Services;

public sealed record DevelopedCustomer(Guid ApplicationId, Guid? CustomerId, string? Code, string Name, DateOnly ApprovedOn);

/// <summary>A rep's development target for a month and the progress against it (开发进度).</summary>
public sealed record DevelopmentTargetResponse(
    string OwnerId, string Month, int? Target, int Developed, int Filed, int Pending, int Rejected, decimal? ProgressPercent,
    string? Note, string? SetBy, DateTimeOffset? SetAt, long Version, IReadOnlyList<DevelopedCustomer> Customers);

/// <summary>One rep's line of the monthly development report (客户开发月报).</summary>
public sealed record DevelopmentReportRow(
    string BranchId, string OwnerId, int? Target, int Filed, int Approved, int Rejected, int Pending, decimal? ProgressPercent,
    int VisitsPlanned, int VisitsDone, int VisitsMissed);

public sealed record DevelopmentReport(string Month, string? BranchId, IReadOnlyList<DevelopmentReportRow> Reps, DevelopmentReportRow Totals);

/// <summary>
/// Development targets per rep and month (客户开发目标), set by managers; progress counts the development applications
/// the rep filed that a manager approved within the month (by the branch's calendar), and the monthly report to the
/// marketing manager (定期报告) lines up each rep's target, applications and visits.
/// </summary>
public sealed class DevelopmentTargets(CustomersDbContext db, CustomerAccess access, BusinessCalendar calendar, TimeProvider clock, FieldWorkMetrics metrics)
{
    public async Task<DevelopmentTargetResponse> SetAsync(string ownerId, string month, DevelopmentTargetRequest request, long? version, CancellationToken cancellationToken)
    {
        var parsed = ParseMonth(month);
        var owner = ownerId.Trim();
        new ValidationErrors()
            .When(owner.Length is 0 or > 100, "ownerId", "ownerId is a user id of 1 to 100 characters.")
            .Required("newCustomers", request.NewCustomers)
            .When(request.NewCustomers is < 0 or > DevelopmentTarget.MaxNewCustomers, "newCustomers", $"newCustomers is between 0 and {DevelopmentTarget.MaxNewCustomers}.")
            .MaxLength("note", request.Note, DevelopmentTarget.NoteMaxLength)
            .ThrowIfAny();
        var branch = access.User.BranchId;
        if (branch.Length == 0) throw new ForbiddenException("Your token names no branch; a development target belongs to a branch.");
        var key = parsed.ToString();
        var target = await db.DevelopmentTargets.FirstOrDefaultAsync(t => t.BranchId == branch && t.OwnerId == owner && t.Month == key, cancellationToken);
        var now = clock.GetUtcNow();
        if (target is null)
        {
            if (version is { } v) ExpectedVersion.Check("development target", 0, v);
            db.DevelopmentTargets.Add(target = DevelopmentTarget.Set(branch, owner, parsed, request.NewCustomers!.Value, CustomerCardFields.Clean(request.Note), access.Actor, now));
        }
        else
        {
            if (version is null)
                throw new RequestValidationException("version", "version is required to change an existing target: send the version you read (or If-Match).");
            target.Change(request.NewCustomers!.Value, CustomerCardFields.Clean(request.Note), version.Value, access.Actor, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        metrics.TargetSet();
        return await ProgressAsync(branch, owner, parsed, target, cancellationToken);
    }

    public async Task<DevelopmentTargetResponse> GetAsync(string ownerId, string month, CancellationToken cancellationToken)
    {
        var parsed = ParseMonth(month);
        var owner = ownerId.Trim();
        var user = access.User;
        if (owner != user.Id && !access.IsManager && !user.IsInRole(CrmRoles.InsideSales))
            throw new ForbiddenException("A sales rep sees their own development targets only.");
        var branch = user.BranchId;
        var key = parsed.ToString();
        var target = await db.DevelopmentTargets.AsNoTracking()
            .FirstOrDefaultAsync(t => t.BranchId == branch && t.OwnerId == owner && t.Month == key, cancellationToken);
        return await ProgressAsync(branch, owner, parsed, target, cancellationToken);
    }

    private async Task<DevelopmentTargetResponse> ProgressAsync(
        string branch, string owner, YearMonth month, DevelopmentTarget? target, CancellationToken cancellationToken)
    {
        var applications = await ApplicationsAsync(branch, month, owner, cancellationToken);
        var approved = applications.Where(a => a.State == ApplicationState.Approved && InMonth(a.DecidedAt, month)).ToList();
        return new DevelopmentTargetResponse(
            owner, month.ToString(), target?.NewCustomers, approved.Count,
            applications.Count(a => InMonth(a.FiledAt, month)),
            applications.Count(a => a.State == ApplicationState.Pending && InMonth(a.FiledAt, month)),
            applications.Count(a => a.State == ApplicationState.Rejected && InMonth(a.DecidedAt, month)),
            Percent(approved.Count, target?.NewCustomers), target?.Note, target?.SetBy, target?.SetAt, target?.Version ?? 0,
            approved.OrderBy(a => a.DecidedAt).Select(a => new DevelopedCustomer(a.Id, a.CustomerId, a.CustomerCode, a.Name, calendar.DateOf(a.DecidedAt!.Value))).ToList());
    }

    /// <summary>The month's report, one line per rep with a target, an application or a planned visit in the month.</summary>
    public async Task<DevelopmentReport> ReportAsync(string? month, string? branchRequested, CancellationToken cancellationToken)
    {
        var parsed = month is null ? YearMonth.Of(calendar.Today) : ParseMonth(month);
        var branch = access.User.BranchFilter(branchRequested);
        var key = parsed.ToString();
        var targets = await db.DevelopmentTargets.AsNoTracking().Where(t => t.Month == key && (branch == null || t.BranchId == branch))
            .ToListAsync(cancellationToken);
        var applications = await ApplicationsAsync(branch, parsed, null, cancellationToken);
        var (first, last) = (parsed.FirstDay, parsed.LastDay);
        var today = calendar.Today;
        var plans = await db.VisitPlans.AsNoTracking()
            .Where(p => p.PlannedOn >= first && p.PlannedOn <= last && (branch == null || p.BranchId == branch))
            .Select(p => new { p.BranchId, p.VisitorId, p.State, p.PlannedOn })
            .ToListAsync(cancellationToken);

        var reps = targets.Select(t => (t.BranchId, t.OwnerId))
            .Concat(applications.Where(a => InMonth(a.FiledAt, parsed) || InMonth(a.DecidedAt, parsed)).Select(a => (a.BranchId, OwnerId: a.FiledBy)))
            .Concat(plans.Select(p => (p.BranchId, OwnerId: p.VisitorId)))
            .Distinct()
            .OrderBy(r => r.BranchId, StringComparer.Ordinal).ThenBy(r => r.OwnerId, StringComparer.Ordinal)
            .ToList();
        var rows = reps.Select(rep =>
        {
            var mine = applications.Where(a => a.BranchId == rep.BranchId && a.FiledBy == rep.OwnerId).ToList();
            var myPlans = plans.Where(p => p.BranchId == rep.BranchId && p.VisitorId == rep.OwnerId).ToList();
            var target = targets.FirstOrDefault(t => t.BranchId == rep.BranchId && t.OwnerId == rep.OwnerId)?.NewCustomers;
            var approved = mine.Count(a => a.State == ApplicationState.Approved && InMonth(a.DecidedAt, parsed));
            return new DevelopmentReportRow(
                rep.BranchId, rep.OwnerId, target,
                mine.Count(a => InMonth(a.FiledAt, parsed)), approved,
                mine.Count(a => a.State == ApplicationState.Rejected && InMonth(a.DecidedAt, parsed)),
                mine.Count(a => a.State == ApplicationState.Pending && InMonth(a.FiledAt, parsed)),
                Percent(approved, target),
                myPlans.Count,
                myPlans.Count(p => p.State == VisitPlanState.Done),
                myPlans.Count(p => p.State == VisitPlanState.Missed || (p.State == VisitPlanState.Planned && p.PlannedOn < today)));
        }).ToList();
        var totalTarget = rows.Any(r => r.Target is not null) ? rows.Sum(r => r.Target ?? 0) : (int?)null;
        var totals = new DevelopmentReportRow(branch ?? "*", "合计 total", totalTarget, rows.Sum(r => r.Filed), rows.Sum(r => r.Approved),
            rows.Sum(r => r.Rejected), rows.Sum(r => r.Pending), Percent(rows.Sum(r => r.Approved), totalTarget),
            rows.Sum(r => r.VisitsPlanned), rows.Sum(r => r.VisitsDone), rows.Sum(r => r.VisitsMissed));
        return new DevelopmentReport(key, branch, rows, totals);
    }

    public static byte[] Csv(DevelopmentReport report)
    {
        using var buffer = new MemoryStream();
        buffer.Write([0xEF, 0xBB, 0xBF]);
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[]
                     {
                         "月份 month", "分公司 branchId", "业务员 ownerId", "开发目标 target", "申请 filed", "批准 approved", "驳回 rejected",
                         "待批 pending", "完成率% progressPercent", "计划拜访 visitsPlanned", "已拜访 visitsDone", "未拜访 visitsMissed",
                     })
                csv.WriteField(header);
            csv.NextRecord();
            foreach (var row in report.Reps.Append(report.Totals))
            {
                csv.WriteField(report.Month);
                csv.WriteField(row.BranchId);
                csv.WriteField(row.OwnerId);
                csv.WriteField(row.Target?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(row.Filed);
                csv.WriteField(row.Approved);
                csv.WriteField(row.Rejected);
                csv.WriteField(row.Pending);
                csv.WriteField(row.ProgressPercent?.ToString("0.#", CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(row.VisitsPlanned);
                csv.WriteField(row.VisitsDone);
                csv.WriteField(row.VisitsMissed);
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    private sealed record ApplicationRow(
        Guid Id, string BranchId, string FiledBy, string Name, ApplicationState State, DateTimeOffset FiledAt, DateTimeOffset? DecidedAt,
        Guid? CustomerId, string? CustomerCode);

    /// <summary>Applications filed or decided around the month (a day's margin either side for the time zone), narrowed by the calendar after.</summary>
    private async Task<List<ApplicationRow>> ApplicationsAsync(string? branch, YearMonth month, string? filedBy, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(month.FirstDay.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(month.LastDay.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var query = db.DevelopmentApplications.AsNoTracking()
            .Where(a => (a.FiledAt >= from && a.FiledAt < to) || (a.DecidedAt != null && a.DecidedAt >= from && a.DecidedAt < to));
        if (branch is not null) query = query.Where(a => a.BranchId == branch);
        if (filedBy is not null) query = query.Where(a => a.FiledBy == filedBy);
        return await query
            .Select(a => new ApplicationRow(a.Id, a.BranchId, a.FiledBy, a.Name, a.State, a.FiledAt, a.DecidedAt, a.CustomerId, a.CustomerCode))
            .ToListAsync(cancellationToken);
    }

    private bool InMonth(DateTimeOffset? instant, YearMonth month) => instant is { } at && month.Contains(calendar.DateOf(at));

    private static decimal? Percent(int done, int? target) =>
        target is > 0 ? Math.Round(done * 100m / target.Value, 1) : null;

    private static YearMonth ParseMonth(string text) =>
        YearMonth.TryParse(text.Trim(), out var month) ? month : throw new RequestValidationException("month", "month is written yyyy-MM, e.g. 2026-11.");
}
