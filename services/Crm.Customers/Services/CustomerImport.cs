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
        var files = new List<(int Row, NewCustomerFile File, ImportRow Values)>();

        foreach (var (rowNumber, row, cellErrors) in rows)
        {
            var errors = cellErrors;
            // The parent is resolved from its code below; a placeholder until then lets the tier be checked with it.
            var draft = row.ParentCode is null ? row.Card : row.Card with { ParentId = Guid.Empty };
            var profile = CustomerProfile.Complete(draft, row.KindGiven, errors, today);
            var contacts = row.HasContact ? ContactInput.ToNewContacts([row.Contact with { IsPrimary = true }], errors, today) : [];
            errors
                .MaxLength("ownerId", row.OwnerId, 100)
                .MaxLength("ownerName", row.OwnerName, 100)
                .When(row.ConfirmNotDuplicate && string.IsNullOrWhiteSpace(row.Reason), "reason",
                    "reason is required with confirmNotDuplicate: say why this is a different customer.");
            problems[rowNumber] = (errors, []);
            if (profile is null || !errors.IsEmpty) continue;
            var ownerId = CustomerProfile.Clean(row.OwnerId) ?? user.Id;
            var ownerName = CustomerProfile.Clean(row.OwnerName) ?? (ownerId == user.Id ? user.Name : null);
            files.Add((rowNumber, new NewCustomerFile(user.BranchId, profile, contacts, ownerId, ownerName, access.Actor, CustomerRegistration.SourceImport), row));
        }
        var parents = await ResolveParentsAsync(rows, problems, cancellationToken);

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
        var idOfRow = new Dictionary<int, Guid>();
        // Parents before their outlets, so that an outlet under a row of the same file knows its parent's id.
        foreach (var (rowNumber, file, values) in ChannelOrder(files, parents))
        {
            var note = confirmedDuplicates.TryGetValue(rowNumber, out var confirmed)
                ? "Imported from CSV. " + DuplicateDetector.ConfirmationNote(confirmed, values.Reason!.Trim())
                : "Imported from CSV";
            var parentId = parents.TryGetValue(rowNumber, out var parent) ? parent.ExistingId ?? idOfRow[parent.Row!.Value] : (Guid?)null;
            var customer = await registration.OpenAsync(
                file with { Profile = file.Profile with { ParentId = parentId } }, access.Actor, note, cancellationToken, parentChecked: true);
            idOfRow[rowNumber] = customer.Id;
            opened.Add(new ImportedCustomer(rowNumber, customer.Id, customer.Code));
        }
        opened.Sort((a, b) => a.Row.CompareTo(b.Row));
        await db.SaveChangesAsync(cancellationToken);
        await transaction!.CommitAsync(cancellationToken);
        metrics.ImportRows("imported", rows.Count);
        metrics.Registered(CustomerRegistration.SourceImport, opened.Count);
        return report with { Imported = opened.Count, Customers = opened };
    }

    /// <summary>A row's parent: a file of the branch on record, or another row of the same file.</summary>
    private sealed record ImportParent(Guid? ExistingId, int? Row);

    /// <summary>
    /// Resolves each row's parentCode (上级客户编码): first a row of the same file whose code column holds it (an exported
    /// channel imported elsewhere keeps its shape), else a file of the caller's branch with that code. Anything else, or
    /// rows whose parents form a loop, is a problem of the row.
    /// </summary>
    private async Task<Dictionary<int, ImportParent>> ResolveParentsAsync(
        List<(int Row, ImportRow Values, ValidationErrors Errors)> rows,
        Dictionary<int, (ValidationErrors Errors, List<DuplicateCandidate> Duplicates)> problems,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, ImportParent>();
        var withParent = rows.Where(r => r.Values.ParentCode is not null).ToList();
        if (withParent.Count == 0) return result;

        var rowOfCode = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, values, _) in rows.Where(r => r.Values.Code is not null))
        {
            if (!rowOfCode.TryAdd(values.Code!, row))
                problems[row].Errors.Add("code", $"Row {rowOfCode[values.Code!]} has the same code {values.Code}: a parentCode could not tell them apart.");
        }
        var branch = user.BranchId;
        var wanted = withParent.Select(r => r.Values.ParentCode!).Where(c => !rowOfCode.ContainsKey(c)).Distinct().ToList();
        var onRecord = wanted.Count == 0
            ? new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase)
            : (await db.Customers.AsNoTracking().Where(c => c.BranchId == branch && wanted.Contains(c.Code))
                .Select(c => new { c.Code, c.Id }).ToListAsync(cancellationToken))
                .ToDictionary(c => c.Code, c => c.Id, StringComparer.OrdinalIgnoreCase);

        foreach (var (row, values, _) in withParent)
        {
            var code = values.ParentCode!;
            if (rowOfCode.TryGetValue(code, out var parentRow))
                result[row] = new ImportParent(null, parentRow);
            else if (onRecord.TryGetValue(code, out var id))
                result[row] = new ImportParent(id, null);
            else
                problems[row].Errors.Add("parentCode",
                    $"上级客户编码 {code} 既不在本分公司的客户档案中, 也不在本文件中 / No customer of your branch and no row of this file has the code {code} ({ChannelTree.SameBranchRule}).");
        }

        // Rows whose chain of parents within the file comes back to themselves.
        foreach (var start in result.Keys.ToList())
        {
            var seen = new HashSet<int> { start };
            for (var at = start; result.TryGetValue(at, out var parent) && parent.Row is { } next; at = next)
            {
                if (!seen.Add(next))
                {
                    if (next == start) problems[start].Errors.Add("parentCode", $"渠道不能成环 / The parent codes of this file make a cycle through row {start} ({ChannelTree.NoCycleRule}).");
                    break;
                }
            }
        }
        return result;
    }

    /// <summary>The files with every in-file parent before its outlets (rows of a valid import form no loop).</summary>
    private static IEnumerable<(int Row, NewCustomerFile File, ImportRow Values)> ChannelOrder(
        List<(int Row, NewCustomerFile File, ImportRow Values)> files, Dictionary<int, ImportParent> parents)
    {
        var byRow = files.ToDictionary(f => f.Row);
        var done = new HashSet<int>();
        var ordered = new List<(int, NewCustomerFile, ImportRow)>();
        foreach (var file in files)
        {
            var chain = new Stack<int>();
            for (var at = file.Row; !done.Contains(at) && !chain.Contains(at); )
            {
                chain.Push(at);
                if (parents.TryGetValue(at, out var parent) && parent.Row is { } next && byRow.ContainsKey(next)) at = next;
                else break;
            }
            while (chain.Count > 0)
            {
                var row = chain.Pop();
                if (done.Add(row)) ordered.Add(byRow[row]);
            }
        }
        return ordered;
    }

    /// <summary>Flags rows that match a file on record (unless confirmed) or a row above; returns the confirmed matches by row.</summary>
    private async Task<Dictionary<int, IReadOnlyList<DuplicateCandidate>>> FindDuplicatesAsync(
        List<(int Row, NewCustomerFile File, ImportRow Values)> files,
        Dictionary<int, (ValidationErrors Errors, List<DuplicateCandidate> Duplicates)> problems,
        CancellationToken cancellationToken)
    {
        var confirmedDuplicates = new Dictionary<int, IReadOnlyList<DuplicateCandidate>>();
        var firstByTaxNumber = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstByName = new Dictionary<(string, string), int>();
        var onRecord = await duplicates.FindCustomersAsync(files.Select(f => f.File.Profile).ToList(), cancellationToken);
        foreach (var ((row, file, values), found) in files.Zip(onRecord))
        {
            if (found.Count > 0)
            {
                foreach (var matched in found.SelectMany(c => c.MatchedOn).Distinct()) metrics.DuplicateFlagged(matched);
                if (values.ConfirmNotDuplicate && !string.IsNullOrWhiteSpace(values.Reason)) confirmedDuplicates[row] = found;
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

    private static readonly CsvUploadMessages Messages = new(
        NotUtf8: "The file is not UTF-8. In Excel, save it as 'CSV UTF-8 (逗号分隔)'; in WPS choose UTF-8 encoding.",
        Empty: "The file is empty: it needs a header row and at least one customer.",
        NoRows: "The file has a header row but no customers.",
        Unreadable: row => $"The CSV cannot be read near row {row}: check its quotes and separators.");

    private async Task<(List<(int Row, ImportRow Values, ValidationErrors Errors)> Rows, IReadOnlyList<string> Ignored)> ReadAsync(
        Stream body, CancellationToken cancellationToken)
    {
        var headers = Array.Empty<string>();
        var columns = new List<CsvColumn?>();
        IReadOnlyList<string> ignored = [];
        var rows = new List<(int, ImportRow, ValidationErrors)>();
        void Header(string[] header)
        {
            headers = header;
            columns = MapHeaders(header, out ignored);
        }
        await CsvUpload.ReadAsync(body, Messages, Header, (line, record) =>
        {
            if (rows.Count == options.Value.ImportMaxRows)
                throw new BusinessRuleException(RowLimitRule, $"An import holds at most {options.Value.ImportMaxRows} rows; split the file");

            var errors = new ValidationErrors();
            var row = new ImportRow(CustomerProfile.Empty, new ContactInput(), false);
            // A cell the export neutralised against formulas ('=...) is read back as it was (CsvCells.Restore).
            for (var i = 0; i < columns.Count && i < record.Length; i++)
            {
                if (columns[i]?.Import is { } import && !string.IsNullOrWhiteSpace(record[i])) row = import(row, CsvCells.Restore(record[i].Trim()), errors);
            }
            if (record.Length > headers.Length)
                errors.Add("row", $"The row has {record.Length} cells but the header names {headers.Length} columns.");
            rows.Add((line, row, errors));
        }, cancellationToken);
        return (rows, ignored);
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
