using System.Globalization;
using System.Linq.Expressions;
using System.Text;

namespace Crm.AfterSales.Services;

public sealed record GroupCount(string Key, string Label, int Opened, int Closed);

public sealed record ServiceLevelFigures(int Closed, int ClosedWithinServiceLevel, decimal? ClosedWithinRate, int FirstResponses, int FirstResponsesOnTime, decimal? FirstResponseRate);

public sealed record ReturnFigures(string Kind, int Count, decimal Quantity, decimal Amount);

/// <summary>月度客诉统计: the month's complaint figures for the caller's branch (every branch for group roles).</summary>
public sealed record MonthlyStatisticsView(
    string Month, string? BranchId, DateTimeOffset From, DateTimeOffset To, int Opened, int Closed, int StillOpen,
    IReadOnlyList<GroupCount> ByCategory, IReadOnlyList<GroupCount> ByRootCause, IReadOnlyList<GroupCount> ByProduct,
    IReadOnlyList<GroupCount> ByRegion, IReadOnlyList<GroupCount> ByCustomer, IReadOnlyList<GroupCount> ByBranch,
    ServiceLevelFigures ServiceLevels, double? AverageHoursToFirstResponse, double? AverageHoursToClose,
    IReadOnlyList<ReturnFigures> Returns, int ReturnsCount, decimal ReturnsAmount);

/// <summary>
/// Computes the monthly statistics in SQL, set-based: counts and averages per dimension over the complaints opened or
/// closed in the month (by the branches' calendar), never loading the complaints themselves.
/// </summary>
public sealed class MonthlyStatistics(AfterSalesDbContext db, BusinessCalendar calendar, ICurrentUser user)
{
    public const int MaxCustomers = 200;

    public async Task<MonthlyStatisticsView> ForMonthAsync(YearMonth month, CancellationToken ct)
    {
        var (from, to) = calendar.Bounds(month);
        var complaints = db.Complaints.AsNoTracking();
        var inMonth = complaints.Where(c => (c.OpenedAt >= from && c.OpenedAt < to) || (c.ClosedAt >= from && c.ClosedAt < to));

        var opened = await complaints.CountAsync(c => c.OpenedAt >= from && c.OpenedAt < to, ct);
        var closed = await complaints.CountAsync(c => c.ClosedAt >= from && c.ClosedAt < to, ct);
        var stillOpen = await complaints.CountAsync(c => c.OpenedAt < to && (c.ClosedAt == null || c.ClosedAt >= to), ct);

        var byCategory = await GroupAsync(inMonth, c => c.Category, from, to, ct);
        var byRootCause = await GroupAsync(inMonth.Where(c => c.RootCause != null), c => c.RootCause, from, to, ct);
        var byProduct = await GroupAsync(inMonth, c => c.Product ?? "", from, to, ct);
        var byRegion = await GroupAsync(inMonth, c => c.Region, from, to, ct);
        var byBranch = await GroupAsync(inMonth, c => c.BranchId, from, to, ct);
        var byCustomerRows = await inMonth.GroupBy(c => c.CustomerId)
            .Select(g => new
            {
                g.Key,
                Opened = g.Count(c => c.OpenedAt >= from && c.OpenedAt < to),
                Closed = g.Count(c => c.ClosedAt >= from && c.ClosedAt < to),
            })
            .OrderByDescending(g => g.Opened).ThenByDescending(g => g.Closed).ThenBy(g => g.Key)
            .Take(MaxCustomers)
            .ToListAsync(ct);
        var customerIds = byCustomerRows.Select(r => r.Key).ToList();
        var names = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Code, c.Name }).ToDictionaryAsync(c => c.Id, ct);

        var closedFigures = await complaints.Where(c => c.ClosedAt >= from && c.ClosedAt < to)
            .GroupBy(c => 1)
            .Select(g => new { Met = g.Count(c => c.ServiceLevelMet == true), Hours = g.Average(c => (double?)c.ResolutionSeconds) })
            .ToListAsync(ct) is [var closedRow] ? closedRow : null;
        var answered = await complaints.Where(c => c.FirstRespondedAt >= from && c.FirstRespondedAt < to)
            .GroupBy(c => 1)
            .Select(g => new
            {
                Count = g.Count(),
                OnTime = g.Count(c => !c.FirstResponseBreached && c.FirstRespondedAt <= c.FirstResponseDue),
                Seconds = g.Average(c => (double?)c.FirstResponseSeconds),
            })
            .ToListAsync(ct) is [var answeredRow] ? answeredRow : null;

        var returns = await db.Returns.AsNoTracking().Where(r => r.ApprovedAt >= from && r.ApprovedAt < to)
            .GroupBy(r => r.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count(), Quantity = g.Sum(r => r.Quantity), Amount = g.Sum(r => r.Amount) })
            .ToListAsync(ct);

        var returnFigures = returns.OrderBy(r => r.Kind).Select(r => new ReturnFigures(ApiNames.Of(r.Kind), r.Count, r.Quantity, r.Amount)).ToList();
        return new MonthlyStatisticsView(
            month.ToString(), user.SeesAllBranches ? null : user.BranchId, from, to, opened, closed, stillOpen,
            Labelled(byCategory, key => key is { } category ? Category(category) : ("unassessed", "未判断 unassessed")),
            Labelled(byRootCause, key => RootCauseLabel(key!.Value)),
            Labelled(byProduct, key => (key, key.Length == 0 ? "未注明 not given" : key)),
            Labelled(byRegion, key => (key, key.Length == 0 ? "未注明 not given" : key)),
            byCustomerRows.Select(r => new GroupCount(r.Key.ToString(),
                names.TryGetValue(r.Key, out var n) ? $"{n.Code} {n.Name}" : r.Key.ToString(), r.Opened, r.Closed)).ToList(),
            Labelled(byBranch, key => (key, key)),
            new ServiceLevelFigures(closed, closedFigures?.Met ?? 0, Rate(closedFigures?.Met ?? 0, closed),
                answered?.Count ?? 0, answered?.OnTime ?? 0, Rate(answered?.OnTime ?? 0, answered?.Count ?? 0)),
            Hours(answered?.Seconds), Hours(closedFigures?.Hours),
            returnFigures, returnFigures.Sum(r => r.Count), returnFigures.Sum(r => r.Amount));
    }

    private static async Task<List<(TKey Key, int Opened, int Closed)>> GroupAsync<TKey>(
        IQueryable<Complaint> complaints, Expression<Func<Complaint, TKey>> key, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        (await complaints.GroupBy(key)
            .Select(g => new
            {
                g.Key,
                Opened = g.Count(c => c.OpenedAt >= from && c.OpenedAt < to),
                Closed = g.Count(c => c.ClosedAt >= from && c.ClosedAt < to),
            })
            .ToListAsync(ct))
        .Select(g => (g.Key, g.Opened, g.Closed))
        .ToList();

    private static List<GroupCount> Labelled<TKey>(List<(TKey Key, int Opened, int Closed)> rows, Func<TKey, (string Key, string Label)> label) =>
        rows.Select(r => (Label: label(r.Key), r.Opened, r.Closed))
            .OrderByDescending(r => r.Opened).ThenByDescending(r => r.Closed).ThenBy(r => r.Label.Key, StringComparer.Ordinal)
            .Select(r => new GroupCount(r.Label.Key, r.Label.Label, r.Opened, r.Closed))
            .ToList();

    private static (string, string) Category(ComplaintCategory category) => category switch
    {
        ComplaintCategory.Quality => ("quality", "质量问题 quality"),
        _ => ("non-quality", "非质量问题 non-quality"),
    };

    private static (string, string) RootCauseLabel(RootCause cause)
    {
        var chinese = cause switch
        {
            RootCause.People => "人",
            RootCause.Machine => "机",
            RootCause.Material => "料",
            RootCause.Method => "法",
            RootCause.Environment => "环",
            _ => "测",
        };
        return (ApiNames.Of(cause), $"{chinese} {ApiNames.Of(cause)}");
    }

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);

    private static double? Hours(double? seconds) => seconds is { } s ? Math.Round(s / 3600, 2) : null;

    /// <summary>The statistics as one long table (section, key, label, measure, value), cells neutralised against formula injection (<see cref="CsvCells"/>).</summary>
    public static string ToCsv(MonthlyStatisticsView s)
    {
        var csv = new StringBuilder();
        void Row(string section, string key, string label, string measure, string value) =>
            csv.Append(CsvCells.Field(section)).Append(',').Append(CsvCells.Field(key)).Append(',').Append(CsvCells.Field(label)).Append(',')
               .Append(CsvCells.Field(measure)).Append(',').Append(CsvCells.Field(value)).Append("\r\n");
        static string N(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
        static string D(double? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

        Row("统计项 section", "键 key", "名称 label", "指标 measure", "值 value");
        Row("summary", s.Month, "新增 opened", "count", s.Opened.ToString(CultureInfo.InvariantCulture));
        Row("summary", s.Month, "结案 closed", "count", s.Closed.ToString(CultureInfo.InvariantCulture));
        Row("summary", s.Month, "未结 still open", "count", s.StillOpen.ToString(CultureInfo.InvariantCulture));
        foreach (var (section, rows) in new[]
        {
            ("by-category", s.ByCategory), ("by-root-cause", s.ByRootCause), ("by-product", s.ByProduct),
            ("by-region", s.ByRegion), ("by-customer", s.ByCustomer), ("by-branch", s.ByBranch),
        })
        {
            foreach (var row in rows)
            {
                Row(section, row.Key, row.Label, "opened", row.Opened.ToString(CultureInfo.InvariantCulture));
                Row(section, row.Key, row.Label, "closed", row.Closed.ToString(CultureInfo.InvariantCulture));
            }
        }
        Row("service-levels", "closed", "结案 closed", "count", s.ServiceLevels.Closed.ToString(CultureInfo.InvariantCulture));
        Row("service-levels", "closed-within", "按时结案 closed within the service level", "count", s.ServiceLevels.ClosedWithinServiceLevel.ToString(CultureInfo.InvariantCulture));
        Row("service-levels", "closed-within", "按时结案率 rate", "rate", N(s.ServiceLevels.ClosedWithinRate));
        Row("service-levels", "first-responses", "首次答复 first responses", "count", s.ServiceLevels.FirstResponses.ToString(CultureInfo.InvariantCulture));
        Row("service-levels", "first-responses-on-time", "按时答复 first responses on time", "count", s.ServiceLevels.FirstResponsesOnTime.ToString(CultureInfo.InvariantCulture));
        Row("service-levels", "first-responses-on-time", "按时答复率 rate", "rate", N(s.ServiceLevels.FirstResponseRate));
        Row("times", "first-response", "平均首次答复时间 average time to first response", "hours", D(s.AverageHoursToFirstResponse));
        Row("times", "close", "平均结案时间 average time to close", "hours", D(s.AverageHoursToClose));
        foreach (var r in s.Returns)
        {
            Row("returns", r.Kind, "退换货 returns", "count", r.Count.ToString(CultureInfo.InvariantCulture));
            Row("returns", r.Kind, "退换货 returns", "quantity", N(r.Quantity));
            Row("returns", r.Kind, "退换货 returns", "amount", N(r.Amount));
        }
        Row("returns", "total", "合计 total", "amount", N(s.ReturnsAmount));
        return csv.ToString();
    }
}
