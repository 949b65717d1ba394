namespace Crm.Web.Api;

// POST /api/customers/import: the report of a dry run (every row's problems) or of a real run (the files opened).

public sealed record ImportRowProblem(int Row, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<DuplicateCandidate> Duplicates);

public sealed record ImportedCustomerRow(int Row, Guid Id, string Code);

public sealed record ImportReport(
    bool DryRun, int Rows, int Valid, int Invalid, int Imported, IReadOnlyList<ImportRowProblem> Problems,
    IReadOnlyList<ImportedCustomerRow> Customers, IReadOnlyList<string> IgnoredColumns);
