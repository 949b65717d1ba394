namespace Crm.Customers.Services;

/// <summary>A row of the import, as it is built up cell by cell: the card (a draft, checked once the row is read) and the rest.</summary>
public sealed record ImportRow(CustomerProfile Card, ContactInput Contact, bool HasContact)
{
    /// <summary>Whether the row gave a kind that could be read (the card's other required fields are texts, checked as such).</summary>
    public bool KindGiven { get; init; }
    /// <summary>The row's code in the file (an export's): not the new file's code, but what another row's parentCode may name.</summary>
    public string? Code { get; init; }
    /// <summary>上级客户编码: the parent's code, of a file of the branch or of a row of the same CSV.</summary>
    public string? ParentCode { get; init; }
    public string? OwnerId { get; init; }
    public string? OwnerName { get; init; }
    /// <summary>Open the file although a possible duplicate exists; <see cref="Reason"/> says why.</summary>
    public bool ConfirmNotDuplicate { get; init; }
    public string? Reason { get; init; }
}

/// <summary>What an exported row is made of: the customer, its card and its primary contact.</summary>
public sealed record ExportRow(Customer Customer, CustomerProfile Card, Contact? PrimaryContact, bool SeesSensitive, bool ChineseLabels, string? ParentCode = null);

/// <summary>
/// One CSV column: its English header (the API's field name), its Chinese header and other accepted spellings, how an
/// export writes it, and how an import reads it (null for columns the export writes and the import ignores).
/// </summary>
public sealed record CsvColumn(
    string Key, string Chinese, string[] Aliases, Func<ExportRow, string?> Export, Func<ImportRow, string, ValidationErrors, ImportRow>? Import)
{
    public IEnumerable<string> Headers => [Key, Chinese, .. Aliases];
}

/// <summary>The columns of the customer CSV (import and export); headers in English or Chinese, in any order.</summary>
public static class CustomerCsv
{
    /// <summary>
    /// The file's code, the card's fields in the card's order (<see cref="CustomerCard"/>: headers, labels, masking), then
    /// the owner, the primary contact, what only the export writes, and the import's confirmation.
    /// </summary>
    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("code", "客户编号", ["编号", "客户编码"], r => r.Customer.Code, (row, v, _) => row with { Code = v }),
        .. CustomerCard.Fields.Select(CardColumn),
        new("ownerId", "业务员", ["负责人", "业务员编号"], r => r.Customer.OwnerId, (row, v, _) => row with { OwnerId = v }),
        new("ownerName", "业务员姓名", ["负责人姓名"], r => r.Customer.OwnerName, (row, v, _) => row with { OwnerName = v }),
        new("contactName", "联系人", ["联系人姓名"], r => r.PrimaryContact?.Name, (row, v, _) => Contact(row, row.Contact with { Name = v })),
        new("contactDepartment", "联系人部门", ["部门"], r => r.PrimaryContact?.Department, (row, v, _) => Contact(row, row.Contact with { Department = v })),
        new("contactTitle", "联系人职务", ["职务"], r => r.PrimaryContact?.Title, (row, v, _) => Contact(row, row.Contact with { Title = v })),
        new("contactPhone", "联系电话", ["电话"], r => r.PrimaryContact?.Phone, (row, v, _) => Contact(row, row.Contact with { Phone = v })),
        new("contactMobile", "手机", ["联系人手机"], r => r.PrimaryContact?.Mobile, (row, v, _) => Contact(row, row.Contact with { Mobile = v })),
        new("contactFax", "传真", [], r => r.PrimaryContact?.Fax, (row, v, _) => Contact(row, row.Contact with { Fax = v })),
        new("contactEmail", "邮箱", ["电子邮件", "email"], r => r.PrimaryContact?.Email, (row, v, _) => Contact(row, row.Contact with { Email = v })),
        new("status", "状态", [], r => Label(r, r.Customer.Status), null),
        new("grade", "等级", ["客户等级"], r => r.Customer.Grade, null),
        new("entryDate", "建档日期", ["录入日期"], r => CustomerProfile.Text(r.Customer.EntryDate), null),
        new("branchId", "分公司", [], r => r.Customer.BranchId, null),
        new("confirmNotDuplicate", "确认非重复", [], _ => null,
            (row, v, e) => row with { ConfirmNotDuplicate = Bool(v, "confirmNotDuplicate", e) }),
        new("reason", "原因", ["说明"], _ => null, (row, v, _) => row with { Reason = v }),
    ];

    /// <summary>The columns the export writes (the import's own confirmation columns are left out).</summary>
    public static IReadOnlyList<CsvColumn> ExportColumns { get; } =
        Columns.Where(c => c.Key is not ("confirmNotDuplicate" or "reason")).ToList();

    public static IReadOnlyList<string> RequiredColumns { get; } = CustomerCard.Fields.Where(f => f.Required).Select(f => f.CsvKey).ToList();

    private static readonly Dictionary<string, CsvColumn> ByHeader = Columns
        .SelectMany(c => c.Headers.Select(h => (Header: Normalize(h), Column: c)))
        .ToDictionary(x => x.Header, x => x.Column, StringComparer.Ordinal);

    /// <summary>The column a header names, in English (any case) or Chinese, ignoring spaces, '*' marks and width.</summary>
    public static CsvColumn? ColumnOf(string header) => ByHeader.GetValueOrDefault(Normalize(header));

    private static string Normalize(string header) =>
        string.Concat(header.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c is not ('*' or '_' or '-' or '\uFEFF')))
            .ToLowerInvariant();

    /// <summary>
    /// A field of the card: written as its descriptor renders it (masked for a caller not entitled; enumerations as the
    /// headers are, kebab-case with English headers and the users' labels with Chinese ones), read by its descriptor.
    /// The parent travels as its code, which the import resolves.
    /// </summary>
    private static CsvColumn CardColumn(CardField field) => field.IsReference
        ? new(field.CsvKey, field.CsvChinese, [.. field.CsvAliases], r => r.ParentCode, (row, v, _) => row with { ParentCode = v })
        : new(field.CsvKey, field.CsvChinese, [.. field.CsvAliases],
            r => field.Sensitive && !r.SeesSensitive ? field.Mask(field.Export(r.Card, r.ChineseLabels)) : field.Export(r.Card, r.ChineseLabels),
            (row, v, e) => field.Parse(row.Card, v, e) is { } card
                ? row with { Card = card, KindGiven = row.KindGiven || field == CustomerCard.Kind }
                : row);

    private static ImportRow Contact(ImportRow row, ContactInput contact) => row with { Contact = contact, HasContact = true };

    private static string Label<TEnum>(ExportRow row, TEnum value) where TEnum : struct, Enum =>
        row.ChineseLabels ? CustomerLabels.Chinese(value) : ApiNames.Of(value);

    private static bool Bool(string text, string field, ValidationErrors errors)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "y" or "1" or "是": return true;
            case "false" or "no" or "n" or "0" or "否": return false;
            default:
                errors.Add(field, $"'{text}' is not yes or no: write true or false (是/否).");
                return false;
        }
    }
}
