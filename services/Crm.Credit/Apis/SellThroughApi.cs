namespace Crm.Credit.Apis;

/// <summary>Sell-through (分销数据) and distribution targets (分销目标): DOMAIN.md §6.</summary>
public static class SellThroughApi
{
    public static readonly string[] Reporters = [CrmRoles.InsideSales, CrmRoles.SalesRep];

    public static RouteGroupBuilder MapSellThroughApi(this RouteGroupBuilder api)
    {
        var sellThrough = api.MapGroup("/sell-through").WithTags("Sell-through 分销数据");

        sellThrough.Post("/", ReportSellThrough, "A distributor's sales to its outlets (分销商出货报告) by outlet and product; idempotent per reference; ?dryRun=true checks every line without recording", 400, 403, 404, 409, 422).ForRoles(Reporters);

        sellThrough.Post("/import", ImportSellThrough, "The same report as CSV (UTF-8; 门店编号/outletCode, 日期/date, 产品/product, 数量/quantity, 金额/amount) with ?distributorId=&reference=; ?dryRun=true reports per row", 400, 403, 404, 409, 422).ForRoles(Reporters)
            .Accepts<string>("text/csv", "multipart/form-data", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream");

        sellThrough.Get("/", GetSellThrough, "A distributor's sell-through in a month: totals, by outlet, by product, and the lines (paged)", 400, 404);

        var targets = api.MapGroup("/distribution-targets/{customerId:guid}/{month}").WithTags("Sell-through 分销数据");

        targets.Put("/", SetDistributionTarget, "Set a distributor's distribution target for a month (分销目标): outlets to open, sell-through amount", 400, 403, 404, 409, 422).ForRoles(CrmRoles.Managers.Append(CrmRoles.SalesRep));

        targets.Get("/", GetDistributionTarget, "The month's target and progress: new outlets and sell-through against it and against the same month last year", 400, 404);

        return api;
    }

    public static async Task<Results<Created<SellThroughResult>, Ok<SellThroughResult>>> ReportSellThrough(
        SellThroughRequest request, bool? dryRun, SellThroughService sellThrough, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Required("distributorId", request.DistributorId)
            .Required("reference", request.Reference, SellThroughReport.ReferenceMaxLength)
            .When(request.Lines is not { Count: > 0 }, "lines", "lines 必填：至少一行 {outletId|outletCode, date, product, quantity, amount}。")
            .When(request.Lines is { Count: > SellThroughReport.MaxLines }, "lines", $"一份报告最多 {SellThroughReport.MaxLines} 行。A report holds at most {SellThroughReport.MaxLines} lines.");
        errors.ThrowIfAny();
        var rows = request.Lines!.Select((line, i) => new SellThroughRow(i + 1, line ?? new SellThroughLineRequest(null, null, null, null, null, null), new ValidationErrors())).ToList();
        return Respond(await sellThrough.ReportAsync(request.DistributorId!.Value, request.Reference!.Trim(), "json", rows, dryRun ?? false, cancellationToken));
    }

    public static async Task<Results<Created<SellThroughResult>, Ok<SellThroughResult>>> ImportSellThrough(
        HttpRequest http, Guid? distributorId, string? reference, bool? dryRun, SellThroughService sellThrough, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Required("distributorId", distributorId)
            .Required("reference", reference, SellThroughReport.ReferenceMaxLength)
            .ThrowIfAny();
        List<SellThroughRow> rows;
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(cancellationToken);
            var file = form.Files.FirstOrDefault() ?? throw new RequestValidationException("file", "表单中没有文件：请以字段 file 上传 CSV。The form holds no file.");
            await using var upload = file.OpenReadStream();
            rows = await SellThroughCsv.ReadAsync(upload, SellThroughReport.MaxLines, cancellationToken);
        }
        else rows = await SellThroughCsv.ReadAsync(http.Body, SellThroughReport.MaxLines, cancellationToken);
        return Respond(await sellThrough.ReportAsync(distributorId!.Value, reference!.Trim(), "csv", rows, dryRun ?? false, cancellationToken));
    }

    private static Results<Created<SellThroughResult>, Ok<SellThroughResult>> Respond(SellThroughResult result) =>
        result.DryRun || result.Replayed
            ? TypedResults.Ok(result)
            : TypedResults.Created($"/api/credit/sell-through?distributorId={result.Report!.DistributorId}&month={result.Report.Months.FirstOrDefault()}", result);

    public static async Task<Ok<SellThroughMonthView>> GetSellThrough(
        Guid? distributorId, string? month, int? page, int? pageSize, SellThroughService sellThrough, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("distributorId", distributorId).ThrowIfAny();
        var only = GradingApi.ParseMonth("month", month, required: true)!.Value;
        return TypedResults.Ok(await sellThrough.MonthAsync(distributorId!.Value, only, PageRequest.From(page, pageSize), cancellationToken));
    }

    public static async Task<Ok<DistributionTargetView>> SetDistributionTarget(
        Guid customerId, string month, SetDistributionTargetRequest request, HttpRequest http, DistributionTargets targets, CancellationToken cancellationToken)
    {
        var targetMonth = GradingApi.ParseMonth("month", month, required: true)!.Value;
        new ValidationErrors()
            .Required("outletsToOpen", request.OutletsToOpen)
            .When(request.OutletsToOpen is < 0 or > 100_000, "outletsToOpen", "outletsToOpen（开发网点数）在 0 到 100000 之间。")
            .Amount("sellThroughAmount", request.SellThroughAmount, allowZero: true)
            .MaxLength("note", request.Note, DistributionTarget.NoteMaxLength)
            .ThrowIfAny();
        return TypedResults.Ok(await targets.SetAsync(customerId, targetMonth, request, () => ExpectedVersion.FromOptional(http, request.Version), cancellationToken));
    }

    public static async Task<Ok<DistributionTargetView>> GetDistributionTarget(Guid customerId, string month, DistributionTargets targets, CancellationToken cancellationToken) =>
        TypedResults.Ok(await targets.GetAsync(customerId, GradingApi.ParseMonth("month", month, required: true)!.Value, cancellationToken));
}

public sealed record SellThroughLineRequest(Guid? OutletId, string? OutletCode, DateOnly? Date, string? Product, decimal? Quantity, decimal? Amount);

public sealed record SellThroughRequest(Guid? DistributorId, string? Reference, IReadOnlyList<SellThroughLineRequest?>? Lines);

public sealed record SellThroughRowProblems(int Row, IDictionary<string, string[]> Errors);

public sealed record SellThroughReportView(
    Guid Id, Guid DistributorId, string Reference, string Source, int LineCount, decimal TotalQuantity, decimal TotalAmount,
    IReadOnlyList<string> Months, DateTimeOffset ReportedAt, string ReportedBy)
{
    public static SellThroughReportView From(SellThroughReport r) => new(
        r.Id, r.DistributorId, r.Reference, r.Source, r.LineCount, r.TotalQuantity, r.TotalAmount,
        r.Lines.Select(l => l.Month).Distinct().Order(StringComparer.Ordinal).ToList(), r.ReportedAt, r.ReportedBy);
}

/// <summary>The outcome of a report: in a dry run every row's problems; <c>replayed</c> when the same report was already on file.</summary>
public sealed record SellThroughResult(
    bool DryRun, bool Replayed, int Rows, int Valid, int Invalid, IReadOnlyList<SellThroughRowProblems> Problems, SellThroughReportView? Report);

public sealed record SellThroughOutletRow(Guid OutletId, string? Code, string? Name, string? Tier, string? Region, decimal Quantity, decimal Amount, int Lines);

public sealed record SellThroughProductRow(string Product, decimal Quantity, decimal Amount);

public sealed record SellThroughLineView(Guid ReportId, int Line, Guid OutletId, DateOnly Date, string Product, decimal Quantity, decimal Amount);

public sealed record SellThroughTierRow(string? Tier, int Outlets, decimal Quantity, decimal Amount);

/// <summary>A distributor's month of sell-through, beside what it bought from us (net ledger sales) in the same month.</summary>
public sealed record SellThroughMonthView(
    Guid DistributorId, string Month, decimal TotalAmount, decimal TotalQuantity, int OutletsReached, decimal PurchasedFromUs,
    IReadOnlyList<SellThroughOutletRow> ByOutlet, IReadOnlyList<SellThroughTierRow> ByTier, IReadOnlyList<SellThroughProductRow> ByProduct,
    Paged<SellThroughLineView> Lines);

public sealed record SetDistributionTargetRequest(int? OutletsToOpen, decimal? SellThroughAmount, string? Note, long? Version);

public sealed record DistributionFigures(int NewOutlets, decimal SellThrough, decimal SellThroughQuantity, int OutletsReached, decimal PurchasedFromUs);

public sealed record DistributionTargetView(
    Guid CustomerId, string Month, long Version, int? OutletsToOpen, decimal? SellThroughAmount, string? Note, DateTimeOffset? SetAt, string? SetBy,
    DistributionFigures Actual, decimal? OutletCompletion, decimal? SellThroughCompletion,
    string LastYearMonth, DistributionFigures LastYear, decimal? SellThroughGrowthOnLastYear, int NewOutletsChangeOnLastYear,
    IReadOnlyList<Guid> NewOutletIds);
