namespace Crm.Credit.Services;

/// <summary>
/// Sell-through (分销数据): a distributor's sales to its own outlets, reported by outlet and product, as JSON or CSV. Every
/// row is checked (the outlet must hang under the distributor in the channel tree, money to the cent); a dry run reports
/// every row's problems and writes nothing, a real run records all rows or none. A report is idempotent per its
/// reference: the same report again is answered with the one on file, a different one under the same reference is 409.
/// </summary>
public sealed class SellThroughService(CreditDbContext db, CustomerDirectory customers, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, FieldWorkTelemetry telemetry)
{
    public async Task<SellThroughResult> ReportAsync(
        Guid distributorId, string reference, string source, IReadOnlyList<SellThroughRow> rows, bool dryRun, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = calendar.DateOf(now);
        var result = await db.WriteAsync(async ct =>
        {
            var distributor = await customers.ForWriteAsync(distributorId, ct);
            customers.EnsureOwnerIfRep(distributor);
            var lines = await CheckAsync(distributor, rows, today, ct);
            var problems = rows.Where(r => !r.Errors.IsEmpty)
                .Select(r => new SellThroughRowProblems(r.Row, r.Errors.ToDictionary())).ToList();
            var existing = await db.SellThroughReports.AsNoTracking().Include(r => r.Lines)
                .FirstOrDefaultAsync(r => r.DistributorId == distributorId && r.Reference == reference, ct);
            if (dryRun)
                return new SellThroughResult(true, false, rows.Count, rows.Count - problems.Count, problems.Count, problems,
                    existing is null ? null : SellThroughReportView.From(existing));
            if (problems.Count > 0) throw Rejection(rows.Count, problems);

            if (existing is not null)
            {
                if (existing.ContentHash != SellThroughReport.HashOf(lines))
                    throw new ConflictException(
                        $"报告编号“{reference}”已用于 {existing.ReportedAt:yyyy-MM-dd} 的另一份报告（{existing.LineCount} 行，金额 {existing.TotalAmount:0.00}）。" +
                        "The reference was already used for a different report; a correction is a new report under a new reference.",
                        "Reference already used.");
                return new SellThroughResult(false, true, rows.Count, rows.Count, 0, [], SellThroughReportView.From(existing));
            }

            var report = SellThroughReport.Create(distributor, reference, source, lines, now, user.Id);
            db.SellThroughReports.Add(report);
            await db.SaveChangesAsync(ct);
            return new SellThroughResult(false, false, rows.Count, rows.Count, 0, [], SellThroughReportView.From(report));
        }, cancellationToken, WriteConflicts.ConcurrencyAndUniqueKeys);
        if (!result.DryRun && !result.Replayed) telemetry.SellThroughRecorded(result.Report!.LineCount, source);
        return result;
    }

    /// <summary>Validates every row, resolving outlets by id or code among the distributor's outlets; returns the good lines.</summary>
    private async Task<List<SellThroughLineInput>> CheckAsync(Customer distributor, IReadOnlyList<SellThroughRow> rows, DateOnly today, CancellationToken cancellationToken)
    {
        var ids = rows.Where(r => r.Line.OutletId is not null).Select(r => r.Line.OutletId!.Value).Distinct().ToList();
        var codes = rows.Where(r => r.Line.OutletId is null && !string.IsNullOrWhiteSpace(r.Line.OutletCode))
            .Select(r => r.Line.OutletCode!.Trim()).Distinct().ToList();
        // Only the caller's branch is visible here: another branch's outlet is as unknown as one that does not exist.
        var outlets = await db.Customers.AsNoTracking()
            .Where(c => ids.Contains(c.Id) || codes.Contains(c.Code))
            .Select(c => new { c.Id, c.Code, c.Name, c.ParentId })
            .ToListAsync(cancellationToken);
        var byId = outlets.ToDictionary(o => o.Id);
        var byCode = outlets.GroupBy(o => o.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var lines = new List<SellThroughLineInput>(rows.Count);
        foreach (var (_, line, errors) in rows)
        {
            Guid? outletId = null;
            if (line.OutletId is null && string.IsNullOrWhiteSpace(line.OutletCode))
                errors.Add("outlet", "门店必填：outletId 或 outletCode。The outlet is required (outletId or outletCode).");
            else
            {
                var outlet = line.OutletId is { } id ? byId.GetValueOrDefault(id) : byCode.GetValueOrDefault(line.OutletCode!.Trim());
                var named = line.OutletId?.ToString() ?? line.OutletCode!.Trim();
                if (outlet is null)
                    errors.Add("outlet", $"未知门店“{named}”。No customer file {named} in your branch: register the outlet under its distributor first.");
                else if (outlet.ParentId != distributor.Id)
                    errors.Add("outlet", $"门店 {outlet.Code} {outlet.Name} 不在分销商 {distributor.Code} 名下。The outlet does not hang under this distributor in the channel tree.");
                else outletId = outlet.Id;
            }
            errors.Required("date", line.Date)
                .When(line.Date > today, "date", "日期不能晚于今天。date cannot be in the future.")
                .When(line.Date < BusinessDates.FirstBookingDay, "date", "日期不能早于 2000-01-01。date cannot be before 2000-01-01.")
                .Required("product", line.Product, Sale.ProductMaxLength)
                .Quantity("quantity", line.Quantity)
                .Amount("amount", line.Amount, allowZero: true);
            if (errors.IsEmpty && outletId is { } resolved)
                lines.Add(new SellThroughLineInput(resolved, line.Date!.Value, line.Product!.Trim(), line.Quantity!.Value, line.Amount!.Value));
        }
        return lines;
    }

    private static RequestValidationException Rejection(int rows, IReadOnlyList<SellThroughRowProblems> problems)
    {
        var exception = new RequestValidationException(
            problems.SelectMany(p => p.Errors.Select(e => (Key: $"rows[{p.Row}].{e.Key}", e.Value))).ToDictionary(x => x.Key, x => x.Value),
            $"{rows} 行中有 {problems.Count} 行有问题，未记录任何数据。{problems.Count} of {rows} rows have problems; nothing was recorded. " +
            "Correct them (see 'rows'); ?dryRun=true lists every row's problems without recording.");
        exception.Extensions["rows"] = problems;
        return exception;
    }

    /// <summary>A distributor's sell-through in a month: totals, by outlet and by product, and the lines (paged).</summary>
    public async Task<SellThroughMonthView> MonthAsync(Guid distributorId, YearMonth month, PageRequest page, CancellationToken cancellationToken)
    {
        await customers.ForReadAsync(distributorId, cancellationToken);
        var text = month.ToString();
        var lines = db.SellThroughLines.AsNoTracking().Where(l => l.DistributorId == distributorId && l.Month == text);
        var byOutlet = await (
                from l in lines
                group l by l.OutletId into g
                select new { OutletId = g.Key, Quantity = g.Sum(l => l.Quantity), Amount = g.Sum(l => l.Amount), Lines = g.Count() })
            .ToListAsync(cancellationToken);
        var byProduct = await lines.GroupBy(l => l.Product)
            .Select(g => new { Product = g.Key, Quantity = g.Sum(l => l.Quantity), Amount = g.Sum(l => l.Amount) })
            .ToListAsync(cancellationToken);
        var outletIds = byOutlet.Select(o => o.OutletId).ToList();
        var names = await db.Customers.AsNoTracking().Where(c => outletIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new { c.Code, c.Name, c.OutletTier, c.Region }, cancellationToken);
        var total = await lines.CountAsync(cancellationToken);
        var page_ = await lines.OrderBy(l => l.Date).ThenBy(l => l.ReportId).ThenBy(l => l.Line).Skip(page.Skip).Take(page.PageSize)
            .ToListAsync(cancellationToken);

        var purchased = await db.Sales.AsNoTracking()
            .Where(x => x.CustomerId == distributorId && x.Date >= month.FirstDay && x.Date <= month.LastDay)
            .SumAsync(x => x.Amount, cancellationToken);
        var outletRows = byOutlet.OrderByDescending(o => o.Amount).ThenBy(o => names.GetValueOrDefault(o.OutletId)?.Code, StringComparer.Ordinal)
            .Select(o => new SellThroughOutletRow(o.OutletId, names.GetValueOrDefault(o.OutletId)?.Code, names.GetValueOrDefault(o.OutletId)?.Name,
                names.GetValueOrDefault(o.OutletId)?.OutletTier, names.GetValueOrDefault(o.OutletId)?.Region, o.Quantity, o.Amount, o.Lines))
            .ToList();

        return new SellThroughMonthView(
            distributorId, text, byOutlet.Sum(o => o.Amount), byOutlet.Sum(o => o.Quantity), byOutlet.Count, purchased,
            outletRows,
            outletRows.GroupBy(o => o.Tier).Select(g => new SellThroughTierRow(g.Key, g.Count(), g.Sum(o => o.Quantity), g.Sum(o => o.Amount)))
                .OrderByDescending(t => t.Amount).ThenBy(t => t.Tier, StringComparer.Ordinal).ToList(),
            byProduct.OrderByDescending(p => p.Amount).ThenBy(p => p.Product, StringComparer.Ordinal)
                .Select(p => new SellThroughProductRow(p.Product, p.Quantity, p.Amount)).ToList(),
            Paged<SellThroughLineView>.Of(page_.Select(l => new SellThroughLineView(l.ReportId, l.Line, l.OutletId, l.Date, l.Product, l.Quantity, l.Amount)).ToList(), total, page));
    }
}
