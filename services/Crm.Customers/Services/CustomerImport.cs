using System.Globalization;
using System.Text;
using Crm.Customers.Apis;
using Crm.Customers.Infrastructure;
using Crm.Customers.Model;
using Crm.ServiceDefaults;
using Crm.ServiceDefaults.Identity;
using Crm.ServiceDefaults.Problems;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Services;

/// <summary>The problems of one row: field errors and possible duplicates.</summary>
public sealed record ImportRowProblems(int Row, IDictionary<string, string[]> Errors, IReadOnlyList<DuplicateCandidate> Duplicates);

public sealed record ImportedCustomer(int Row, Guid Id, string Code);

/// <summary>The outcome of an import: in a dry run every row's problems; in a real run the files it opened.</summary>
public sealed record ImportReport(
    bool DryRun, int Rows, int Valid, int Invalid, int Imported, IReadOnlyList<ImportRowProblems> Problems,
    IReadOnlyList<ImportedCustomer> Customers, IReadOnlyList<string> IgnoredColumns);

/// <summary>
/// CSV import (UTF-8, English or Chinese headers). Every row is validated like a registration, and checked for
/// duplicates against the files on record and against the rows above it. A dry run reports every row's problems and
/// writes nothing; a real run opens every file or, if any row has a problem, none.
/// </summary>
public sealed class CustomerImport(
    CustomersDbContext db, ICurrentUser user, CustomerAccess access, CustomerRegistration registration, BusinessCalendar calendar,
    DuplicateDetector duplicates, CustomersMetrics metrics, IOptions<CustomersOptions> options)
{
    public const string RowLimitRule = "import-row-limit";

    public async Task<ImportReport> ImportAsync(Stream csv, bool dryRun, CancellationToken cancellationToken)
    {
        var (rows, ignored) = await ReadAsync(csv, cancellationToken);
        var today = calendar.Today;
        var problems = new Dictionary<int, (ValidationErrors Errors, List<DuplicateCandidate> Duplicates)>();
        var files = new List<(int Row, NewCustomerFile File, RegisterCustomerRequest Card)>();

        foreach (var (rowNumber, row, cellErrors) in rows)
        {
            var errors = cellErrors;
            var profile = row.Card.ToProfile(errors, today);
            var contacts = row.HasContact ? ContactInput.ToNewContacts([row.Contact with { IsPrimary = true }], errors, today) : [];
            errors
                .MaxLength("ownerId", row.Card.OwnerId, 100)
                .MaxLength("ownerName", row.Card.OwnerName, 100)
                .When(row.Card.ConfirmNotDuplicate && string.IsNullOrWhiteSpace(row.Card.Reason), "reason",
                    "reason is required with confirmNotDuplicate: say why this is a different customer.");
            problems[rowNumber] = (errors, []);
            if (profile is null || !errors.IsEmpty) continue;
            var ownerId = CustomerCardFields.Clean(row.Card.OwnerId) ?? user.Id;
            var ownerName = CustomerCardFields.Clean(row.Card.OwnerName) ?? (ownerId == user.Id ? user.Name : null);
            files.Add((rowNumber, new NewCustomerFile(user.BranchId, profile, contacts, ownerId, ownerName, access.Actor, CustomerRegistration.SourceImport), row.Card));
        }

        // A real run checks and writes in one registration transaction, so that nothing registered meanwhile slips
        // between them; a dry run writes nothing and keeps nobody waiting.
        await using var transaction = dryRun ? null : await db.BeginRegistrationTransactionAsync(cancellationToken);
        var confirmedDuplicates = await FindDuplicatesAsync(files, problems, cancellationToken);

        var invalid = problems.Count(p => !p.Value.Errors.IsEmpty || p.Value.Duplicates.Count > 0);
        var report = Report(dryRun, rows.Count, invalid, problems, [], ignored);
        if (dryRun)
        {
            metrics.ImportRows("dry-run", rows.Count);
            return report;
        }
        if (invalid > 0)
        {
            metrics.ImportRows("rejected", rows.Count);
            throw Rejection(report);
        }

        var opened = new List<ImportedCustomer>();
        foreach (var (rowNumber, file, card) in files)
        {
            var note = confirmedDuplicates.TryGetValue(rowNumber, out var confirmed)
                ? "Imported from CSV. " + DuplicateDetector.ConfirmationNote(confirmed, card.Reason!.Trim())
                : "Imported from CSV";
            var customer = await registration.OpenAsync(file, access.Actor, note, cancellationToken);
            opened.Add(new ImportedCustomer(rowNumber, customer.Id, customer.Code));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction!.CommitAsync(cancellationToken);
        metrics.ImportRows("imported", rows.Count);
        metrics.Registered(CustomerRegistration.SourceImport, opened.Count);
        return report with { Imported = opened.Count, Customers = opened };
    }

    /// <summary>Flags rows that match a file on record (unless confirmed) or a row above; returns the confirmed matches by row.</summary>
    private async Task<Dictionary<int, IReadOnlyList<DuplicateCandidate>>> FindDuplicatesAsync(
        List<(int Row, NewCustomerFile File, RegisterCustomerRequest Card)> files,
        Dictionary<int, (ValidationErrors Errors, List<DuplicateCandidate> Duplicates)> problems,
        CancellationToken cancellationToken)
    {
        var confirmedDuplicates = new Dictionary<int, IReadOnlyList<DuplicateCandidate>>();
        var firstByTaxNumber = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstByName = new Dictionary<(string, string), int>();
        var onRecord = await duplicates.FindCustomersAsync(files.Select(f => f.File.Profile).ToList(), cancellationToken);
        foreach (var ((row, file, card), found) in files.Zip(onRecord))
        {
            if (found.Count > 0)
            {
                foreach (var matched in found.SelectMany(c => c.MatchedOn).Distinct()) metrics.DuplicateFlagged(matched);
                if (card.ConfirmNotDuplicate && !string.IsNullOrWhiteSpace(card.Reason)) confirmedDuplicates[row] = found;
                else problems[row].Duplicates.AddRange(found);
            }

            // The same customer twice in one file is a mistake a confirmation cannot explain away.
            var nameKey = (NameKey.ForRegion(file.Profile.Region), NameKey.ForName(file.Profile.Name));
            var sameTaxNumber = file.Profile.TaxNumber is { } taxNumber && !firstByTaxNumber.TryAdd(taxNumber, row);
            var sameName = !firstByName.TryAdd(nameKey, row);
            if (sameTaxNumber) problems[row].Errors.Add("taxNumber", $"Row {firstByTaxNumber[file.Profile.TaxNumber!]} has the same tax number.");
            if (sameName) problems[row].Errors.Add("name", $"Row {firstByName[nameKey]} has a near-identical name in the same region.");
        }
        return confirmedDuplicates;
    }

    private static ImportReport Report(
        bool dryRun, int rows, int invalid, Dictionary<int, (ValidationErrors Errors, List<DuplicateCandidate> Duplicates)> problems,
        IReadOnlyList<ImportedCustomer> customers, IReadOnlyList<string> ignored) =>
        new(dryRun, rows, rows - invalid, invalid, 0,
            problems.Where(p => !p.Value.Errors.IsEmpty || p.Value.Duplicates.Count > 0)
                .OrderBy(p => p.Key)
                .Select(p => new ImportRowProblems(p.Key, p.Value.Errors.ToDictionary(), p.Value.Duplicates))
                .ToList(),
            customers, ignored);

    // 400 when any row is invalid (the duplicates are listed too); 409 when duplicates are the only problem.
    private static CrmProblemException Rejection(ImportReport report)
    {
        var onlyDuplicates = report.Problems.All(p => p.Errors.Count == 0);
        var detail = $"{report.Invalid} of {report.Rows} rows have problems; nothing was imported. Correct them (see 'rows') and import the file again; " +
            "a dry run (?dryRun=true) lists every row's problems without importing.";
        CrmProblemException problem = onlyDuplicates
            ? new ConflictException(detail, "Possible duplicates.")
            : new RequestValidationException(
                report.Problems.SelectMany(p => p.Errors.Select(e => (Key: $"rows[{p.Row}].{e.Key}", e.Value))
                        .Concat(p.Duplicates.Count > 0 ? [($"rows[{p.Row}].name", new[] { "Possible duplicate of a customer on file (see 'rows')." })] : []))
                    .ToDictionary(x => x.Key, x => x.Item2),
                detail);
        problem.Extensions["rows"] = report.Problems;
        return problem;
    }

    private async Task<(List<(int Row, ImportRow Values, ValidationErrors Errors)> Rows, IReadOnlyList<string> Ignored)> ReadAsync(
        Stream body, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            using var reader = new StreamReader(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
                detectEncodingFromByteOrderMarks: false);
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            throw new RequestValidationException("file",
                "The file is not UTF-8. In Excel, save it as 'CSV UTF-8 (逗号分隔)'; in WPS choose UTF-8 encoding.");
        }
        text = text.TrimStart('\uFEFF');

        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            IgnoreBlankLines = true,
        };
        using var csv = new CsvReader(new StringReader(text), configuration);
        try
        {
            if (!await csv.ReadAsync())
                throw new RequestValidationException("file", "The file is empty: it needs a header row and at least one customer.");
            var headers = csv.Parser.Record ?? [];
            var columns = MapHeaders(headers, out var ignored);

            var rows = new List<(int, ImportRow, ValidationErrors)>();
            while (await csv.ReadAsync())
            {
                var record = csv.Parser.Record ?? [];
                if (record.All(string.IsNullOrWhiteSpace)) continue;
                if (rows.Count == options.Value.ImportMaxRows)
                    throw new BusinessRuleException(RowLimitRule, $"An import holds at most {options.Value.ImportMaxRows} rows; split the file");

                var errors = new ValidationErrors();
                var row = new ImportRow(new RegisterCustomerRequest(), new ContactInput(), false);
                // A cell the export neutralised against formulas ('=...) is read back as it was (CsvCells.Restore).
                for (var i = 0; i < columns.Count && i < record.Length; i++)
                {
                    if (columns[i]?.Import is { } import && !string.IsNullOrWhiteSpace(record[i])) row = import(row, CsvCells.Restore(record[i].Trim()), errors);
                }
                if (record.Length > headers.Length)
                    errors.Add("row", $"The row has {record.Length} cells but the header names {headers.Length} columns.");
                rows.Add((csv.Parser.Row, row, errors));
            }
            if (rows.Count == 0) throw new RequestValidationException("file", "The file has a header row but no customers.");
            return (rows, ignored);
        }
        catch (CsvHelperException e)
        {
            throw new RequestValidationException("file", $"The CSV cannot be read near row {e.Context?.Parser?.Row}: check its quotes and separators.");
        }
    }

    private static List<CsvColumn?> MapHeaders(string[] headers, out IReadOnlyList<string> ignored)
    {
        var errors = new ValidationErrors();
        var columns = new List<CsvColumn?>();
        var ignoredColumns = new List<string>();
        foreach (var header in headers)
        {
            var column = CustomerCsv.ColumnOf(header);
            if (column is null)
            {
                errors.Add("file", $"Unknown column '{header}'. Known columns: {string.Join(", ", CustomerCsv.Columns.Select(c => $"{c.Key} ({c.Chinese})"))}.");
            }
            else if (columns.Contains(column))
            {
                errors.Add("file", $"The column '{header}' appears twice.");
            }
            else if (column.Import is null)
            {
                ignoredColumns.Add(column.Key);
            }
            columns.Add(column);
        }
        foreach (var required in CustomerCsv.RequiredColumns.Where(r => !columns.Any(c => c?.Key == r)))
        {
            var column = CustomerCsv.Columns.Single(c => c.Key == required);
            errors.Add("file", $"The column {column.Key} ({column.Chinese}) is required.");
        }
        errors.ThrowIfAny();
        ignored = ignoredColumns;
        return columns;
    }
}
