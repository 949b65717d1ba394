using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Credit.Apis;

public static class GradingApi
{
    public static RouteGroupBuilder MapGradingApi(this RouteGroupBuilder api)
    {
        var grading = api.MapGroup("").WithTags("Grading 客户等级评估");

        grading.Post("/grading/runs", RunGrading, "Start grading every customer of the branch for a period (客户等级评估) in the background; 202 with the run's Location; idempotent", 400, 403, 409, 422).ForRoles(CrmRoles.SalesAdminManager);

        grading.Get("/grading/runs/{id:guid}", GetGradingRun, "A grading run: state (queued, running, completed, failed), progress and, at the end, what it changed", 404, 422).ForRoles(CrmRoles.SalesAdminManager);

        grading.Get("/grades", GetGradeSummary, "The grade summary table (客户等级管理汇总表) of a period, paged", 400).ForRoles(CrmRoles.Managers);

        grading.Get("/grades/export", ExportGradeSummary, "The grade summary table (客户等级管理汇总表) of a period as CSV (UTF-8)", 400).ForRoles(CrmRoles.Managers);

        grading.Get("/grades/{customerId:guid}", GetCustomerGrade, "A customer's current grade (客户等级) with its explanation: each input, its value and its points", 404);

        grading.Get("/grading/model", GetGradingModel, "The scoring model in force (评分模型): inputs, points, bands and coefficients (等级系数)");

        grading.Get("/grading/models", GetGradingModels, "Every version of the scoring model, newest first");

        grading.Get("/grading/models/{version:int}", GetGradingModelVersion, "One version of the scoring model, to explain the grades it gave", 404);

        grading.Put("/grading/model", SaveGradingModel, "Save a new version of the group's scoring model (评分模型); send the current version", 400, 409).ForRoles(CrmRoles.GroupGm, CrmRoles.Admin);

        return api;
    }

    public static async Task<Accepted<GradingJobView>> RunGrading(
        RunGradingRequest request, GradingService grading, GradingJobs jobs, ICurrentUser user, CancellationToken cancellationToken)
    {
        var period = ParseMonth("period", request.Period, required: true)!.Value;
        if (string.IsNullOrEmpty(user.BranchId))
            throw new ForbiddenException("Your token names no branch; a grading run grades one branch.");
        await grading.CheckAsync(user.BranchId, period, cancellationToken);
        var run = jobs.Start(user.BranchId, period, user.Id, user.Name);
        return TypedResults.Accepted($"/api/credit/grading/runs/{run.Id}", run);
    }

    public static Ok<GradingJobView> GetGradingRun(Guid id, GradingJobs jobs, ICurrentUser user) =>
        TypedResults.Ok(jobs.Find(id, user.BranchId) ?? throw new NotFoundException("grading run", id));

    public static async Task<Ok<GradeSummaryPage>> GetGradeSummary(
        string? period, string? grade, string? branchId, int? page, int? pageSize, GradeReports reports, ICurrentUser user, CancellationToken cancellationToken)
    {
        var (month, only, branch) = ParseSummaryQuery(period, grade, branchId, user);
        return TypedResults.Ok(await reports.SummaryAsync(month, branch, only, PageRequest.From(page, pageSize), cancellationToken));
    }

    public static async Task<FileContentHttpResult> ExportGradeSummary(
        string? period, string? grade, string? branchId, GradeReports reports, ICurrentUser user, CancellationToken cancellationToken)
    {
        var (month, only, branch) = ParseSummaryQuery(period, grade, branchId, user);
        var summary = await reports.SummaryAsync(month, branch, only, page: null, cancellationToken);
        var csv = GradeSummaryCsv.Write(summary);
        return TypedResults.File(csv, "text/csv; charset=utf-8", $"grades-{summary.Period ?? "none"}.csv");
    }

    public static async Task<Ok<CustomerGradeView>> GetCustomerGrade(Guid customerId, GradeReports reports, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reports.ForCustomerAsync(customerId, cancellationToken));

    public static async Task<Ok<GradingModelView>> GetGradingModel(GradingModels models, CancellationToken cancellationToken) =>
        TypedResults.Ok(GradingModelView.From(await models.CurrentAsync(cancellationToken)));

    public static async Task<Ok<IReadOnlyList<GradingModelView>>> GetGradingModels(GradingModels models, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<GradingModelView>>((await models.AllAsync(cancellationToken)).Select(GradingModelView.From).ToList());

    public static async Task<Ok<GradingModelView>> GetGradingModelVersion(int version, GradingModels models, CancellationToken cancellationToken) =>
        TypedResults.Ok(GradingModelView.From(await models.VersionAsync(version, cancellationToken)));

    public static async Task<Ok<GradingModelView>> SaveGradingModel(
        SaveGradingModelRequest request, HttpRequest http, GradingModels models, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .When(request.Model is null, "model", "model is required: the whole scoring model (windowMonths, salesTrend, onTime, scorecard, complaints, bands, coefficients).")
            .MaxLength("note", request.Note, GradingModelVersion.NoteMaxLength)
            .ThrowIfAny();
        var expected = ExpectedVersion.From(http, request.Version);
        return TypedResults.Ok(GradingModelView.From(await models.SaveAsync(request.Model!, request.Note, expected, cancellationToken)));
    }

    private static (YearMonth? Period, Grade? Grade, string? Branch) ParseSummaryQuery(string? period, string? grade, string? branchId, ICurrentUser user)
    {
        var errors = new ValidationErrors();
        YearMonth? month = null;
        if (period is not null)
            month = TryParseMonth(period, out var parsed) ? parsed : null;
        errors.When(period is not null && month is null, "period", "period is a month written yyyy-MM, e.g. 2026-10.");
        Grade? only = null;
        if (grade is not null)
            only = Enum.TryParse<Grade>(grade, ignoreCase: true, out var g) && grade.Length == 1 ? g : null;
        errors.When(grade is not null && only is null, "grade", "grade is one of A, B, C, D, E.");
        errors.ThrowIfAny();
        // Group-wide roles may narrow to one branch; everyone else sees their own branch, whatever they ask.
        var branch = user.BranchFilter(branchId);
        return (month, only, branch);
    }

    // Credit keeps no figures before 2000, so an earlier month is a typing mistake.
    private static bool TryParseMonth(string? text, out YearMonth month) => YearMonth.TryParse(text, out month) && month.Year >= 2000;

    internal static YearMonth? ParseMonth(string field, string? text, bool required)
    {
        if (text is null)
        {
            if (required) throw new RequestValidationException(field, $"{field} is required: a month written yyyy-MM, e.g. 2026-10.");
            return null;
        }
        return TryParseMonth(text, out var month)
            ? month
            : throw new RequestValidationException(field, $"{field} is a month written yyyy-MM, e.g. 2026-10.");
    }
}

public sealed record RunGradingRequest(string? Period);

public sealed record SaveGradingModelRequest(long? Version, GradingModel? Model, string? Note);

public sealed record GradingModelView(int Version, string Name, GradingModel Model, string? Note, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static GradingModelView From(GradingModelVersion version) =>
        new(version.Version, version.Name, version.Model, version.Note, version.CreatedAt, version.CreatedBy);
}

/// <summary>The summary table as CSV, with the Chinese column names the users know beside the English ones; cells neutralised (<see cref="CsvCells"/>).</summary>
public static class GradeSummaryCsv
{
    public static byte[] Write(GradeSummaryPage summary)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture)))
        {
            foreach (var header in new[]
                     {
                         "分公司 Branch", "客户编号 Code", "客户名称 Customer", "业务员 Rep", "得分 Score", "等级系数 Coefficient",
                         "月均销售额 Monthly average sales", "履约率 On-time rate", "等级 Grade", "信用额度 Credit limit",
                         "建议额度 Proposed limit", "备注 Remarks", "模型 Model", "期间 Period",
                     })
                csv.WriteField(CsvCells.Neutralise(header));
            csv.NextRecord();
            foreach (var row in summary.Items)
            {
                csv.WriteField(CsvCells.Neutralise(row.BranchId));
                csv.WriteField(CsvCells.Neutralise(row.Code));
                csv.WriteField(CsvCells.Neutralise(row.Name));
                csv.WriteField(CsvCells.Neutralise(row.OwnerName ?? row.OwnerId));
                csv.WriteField(CsvCells.Neutralise(row.Score.ToString("0.00", CultureInfo.InvariantCulture)));
                csv.WriteField(CsvCells.Neutralise(row.Coefficient.ToString("0.0###", CultureInfo.InvariantCulture)));
                csv.WriteField(CsvCells.Neutralise(row.MonthlyAverageSales.ToString("0.00", CultureInfo.InvariantCulture)));
                csv.WriteField(CsvCells.Neutralise(row.OnTimeRate?.ToString("0.0000", CultureInfo.InvariantCulture) ?? ""));
                csv.WriteField(CsvCells.Neutralise(row.Grade));
                csv.WriteField(CsvCells.Neutralise(row.CreditLimit.ToString("0.00", CultureInfo.InvariantCulture)));
                csv.WriteField(CsvCells.Neutralise(row.ProposedLimit.ToString("0.00", CultureInfo.InvariantCulture)));
                csv.WriteField(CsvCells.Neutralise(row.Remarks));
                csv.WriteField(CsvCells.Neutralise(row.ModelVersion));
                csv.WriteField(CsvCells.Neutralise(summary.Period));
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }
}
