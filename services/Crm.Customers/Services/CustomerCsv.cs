using System.Globalization;
using Crm.Customers.Apis;
using Crm.Customers.Model;
using Crm.ServiceDefaults;
using Crm.ServiceDefaults.Problems;

namespace Crm.Customers.Services;

/// <summary>A row of the import, as it is built up cell by cell.</summary>
public sealed record ImportRow(RegisterCustomerRequest Card, ContactInput Contact, bool HasContact)
{
    /// <summary>The row's code in the file (an export's): not the new file's code, but what another row's parentCode may name.</summary>
    public string? Code { get; init; }
    /// <summary>上级客户编码: the parent's code, of a file of the branch or of a row of the same CSV.</summary>
    public string? ParentCode { get; init; }
}

/// <summary>What an exported row is made of: the customer and its primary contact.</summary>
public sealed record ExportRow(Customer Customer, Contact? PrimaryContact, bool SeesSensitive, bool ChineseLabels, string? ParentCode = null);

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
    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("code", "客户编号", ["编号", "客户编码"], r => r.Customer.Code, (row, v, _) => row with { Code = v }),
        new("name", "客户名称", ["名称", "客户名"], r => r.Customer.Name, (row, v, _) => row with { Card = row.Card with { Name = v } }),
        new("kind", "客户类型", ["类型"], r => Label(r, r.Customer.Kind), (row, v, e) => row with { Card = row.Card with { Kind = Enum<CustomerKind>(v, "kind", e) } }),
        new("region", "地区", ["区域"], r => r.Customer.Region, (row, v, _) => row with { Card = row.Card with { Region = v } }),
        new("route", "路序", ["线路"], r => r.Customer.Route, (row, v, _) => row with { Card = row.Card with { Route = v } }),
        new("industry", "行业", [], r => r.Customer.Industry, (row, v, _) => row with { Card = row.Card with { Industry = v } }),
        new("ownership", "所有制", ["所有制形式"], r => Label(r, r.Customer.Ownership),
            (row, v, e) => row with { Card = row.Card with { Ownership = Enum<Ownership>(v, "ownership", e) } }),
        new("businessFormat", "业态", ["经营业态"], r => Label(r, r.Customer.BusinessFormat),
            (row, v, e) => row with { Card = row.Card with { BusinessFormat = Enum<BusinessFormat>(v, "businessFormat", e) } }),
        new("legalRepresentative", "法人代表", ["法定代表人"], r => r.Customer.LegalRepresentative,
            (row, v, _) => row with { Card = row.Card with { LegalRepresentative = v } }),
        new("registeredCapital", "注册资本", [], r => Money(r.Customer.RegisteredCapital),
            (row, v, e) => row with { Card = row.Card with { RegisteredCapital = Money(v, "registeredCapital", e) } }),
        new("foundedOn", "成立日期", ["成立时间"], r => Date(r.Customer.FoundedOn),
            (row, v, e) => row with { Card = row.Card with { FoundedOn = Date(v, "foundedOn", e) } }),
        new("size", "规模", ["企业规模"], r => Label(r, r.Customer.Size), (row, v, e) => row with { Card = row.Card with { Size = Enum<EnterpriseSize>(v, "size", e) } }),
        new("address", "地址", ["详细地址"], r => r.Customer.Address, (row, v, _) => row with { Card = row.Card with { Address = v } }),
        new("website", "网址", ["网站"], r => r.Customer.Website, (row, v, _) => row with { Card = row.Card with { Website = v } }),
        new("marketCoverage", "市场覆盖", ["市场覆盖范围"], r => r.Customer.MarketCoverage, (row, v, _) => row with { Card = row.Card with { MarketCoverage = v } }),
        new("productsCarried", "经营产品", ["经营品牌"], r => r.Customer.ProductsCarried, (row, v, _) => row with { Card = row.Card with { ProductsCarried = v } }),
        new("businessScope", "经营范围", [], r => r.Customer.BusinessScope, (row, v, _) => row with { Card = row.Card with { BusinessScope = v } }),
        new("bankCreditRating", "银行资信等级", ["资信等级"], r => Label(r, r.Customer.BankCreditRating),
            (row, v, e) => row with { Card = row.Card with { BankCreditRating = Enum<BankCreditRating>(v, "bankCreditRating", e) } }),
        new("annualSales", "年销售额", [], r => Money(r.Customer.AnnualSales),
            (row, v, e) => row with { Card = row.Card with { AnnualSales = Money(v, "annualSales", e) } }),
        new("offSeasonSales", "淡季销售额", [], r => Money(r.Customer.OffSeasonSales),
            (row, v, e) => row with { Card = row.Card with { OffSeasonSales = Money(v, "offSeasonSales", e) } }),
        new("peakSeasonSales", "旺季销售额", [], r => Money(r.Customer.PeakSeasonSales),
            (row, v, e) => row with { Card = row.Card with { PeakSeasonSales = Money(v, "peakSeasonSales", e) } }),
        new("monthlyPurchasingPower", "月进货能力", ["月进货额"], r => Money(r.Customer.MonthlyPurchasingPower),
            (row, v, e) => row with { Card = row.Card with { MonthlyPurchasingPower = Money(v, "monthlyPurchasingPower", e) } }),
        new("competitors", "竞争对手", ["竞品"], r => string.Join("; ", r.Customer.Competitors.Select(c => c.Assessment is null ? c.Name : $"{c.Name}: {c.Assessment}")),
            (row, v, _) => row with { Card = row.Card with { Competitors = Competitors(v) } }),
        new("taxNumber", "税号", ["统一社会信用代码", "纳税人识别号"], r => Sensitive(r, "taxNumber", r.Customer.TaxNumber),
            (row, v, _) => row with { Card = row.Card with { TaxNumber = v } }),
        new("invoiceBank", "开户行", ["开户银行"], r => Sensitive(r, "invoiceBank", r.Customer.InvoiceBank),
            (row, v, _) => row with { Card = row.Card with { InvoiceBank = v } }),
        new("invoiceAccount", "账号", ["银行账号"], r => Sensitive(r, "invoiceAccount", r.Customer.InvoiceAccount),
            (row, v, _) => row with { Card = row.Card with { InvoiceAccount = v } }),
        new("invoicePhone", "开票电话", [], r => Sensitive(r, "invoicePhone", r.Customer.InvoicePhone),
            (row, v, _) => row with { Card = row.Card with { InvoicePhone = v } }),
        new("invoiceRequirements", "开票要求", ["特殊要求"], r => Sensitive(r, "invoiceRequirements", r.Customer.InvoiceRequirements),
            (row, v, _) => row with { Card = row.Card with { InvoiceRequirements = v } }),
        new("category", "客户分类", ["分类"], r => Label(r, r.Customer.Category),
            (row, v, e) => row with { Card = row.Card with { Category = Enum<CustomerCategory>(v, "category", e) } }),
        new("incomeGroup", "收入群体", [], r => Label(r, r.Customer.IncomeGroup),
            (row, v, e) => row with { Card = row.Card with { IncomeGroup = Enum<IncomeGroup>(v, "incomeGroup", e) } }),
        new("locationType", "地段类型", ["地段"], r => Label(r, r.Customer.LocationType),
            (row, v, e) => row with { Card = row.Card with { LocationType = Enum<LocationType>(v, "locationType", e) } }),
        new("validUntil", "有效期", ["有效日期"], r => Date(r.Customer.ValidUntil),
            (row, v, e) => row with { Card = row.Card with { ValidUntil = Date(v, "validUntil", e) } }),
        new("remarks", "备注", [], r => r.Customer.Remarks, (row, v, _) => row with { Card = row.Card with { Remarks = v } }),
        new("parentCode", "上级客户编码", ["上级客户编号", "上级编码", "所属经销商编码", "parent"], r => r.ParentCode,
            (row, v, _) => row with { ParentCode = v }),
        new("outletTier", "网点层级", ["渠道层级", "网点类型"], r => Label(r, r.Customer.OutletTier),
            (row, v, e) => row with { Card = row.Card with { OutletTier = Enum<OutletTier>(v, "outletTier", e) } }),
        new("ownerId", "业务员", ["负责人", "业务员编号"], r => r.Customer.OwnerId, (row, v, _) => row with { Card = row.Card with { OwnerId = v } }),
        new("ownerName", "业务员姓名", ["负责人姓名"], r => r.Customer.OwnerName, (row, v, _) => row with { Card = row.Card with { OwnerName = v } }),
        new("contactName", "联系人", ["联系人姓名"], r => r.PrimaryContact?.Name, (row, v, _) => Contact(row, row.Contact with { Name = v })),
        new("contactDepartment", "联系人部门", ["部门"], r => r.PrimaryContact?.Department, (row, v, _) => Contact(row, row.Contact with { Department = v })),
        new("contactTitle", "联系人职务", ["职务"], r => r.PrimaryContact?.Title, (row, v, _) => Contact(row, row.Contact with { Title = v })),
        new("contactPhone", "联系电话", ["电话"], r => r.PrimaryContact?.Phone, (row, v, _) => Contact(row, row.Contact with { Phone = v })),
        new("contactMobile", "手机", ["联系人手机"], r => r.PrimaryContact?.Mobile, (row, v, _) => Contact(row, row.Contact with { Mobile = v })),
        new("contactFax", "传真", [], r => r.PrimaryContact?.Fax, (row, v, _) => Contact(row, row.Contact with { Fax = v })),
        new("contactEmail", "邮箱", ["电子邮件", "email"], r => r.PrimaryContact?.Email, (row, v, _) => Contact(row, row.Contact with { Email = v })),
        new("status", "状态", [], r => Label(r, r.Customer.Status), null),
        new("grade", "等级", ["客户等级"], r => r.Customer.Grade, null),
        new("entryDate", "建档日期", ["录入日期"], r => Date(r.Customer.EntryDate), null),
        new("branchId", "分公司", [], r => r.Customer.BranchId, null),
        new("confirmNotDuplicate", "确认非重复", [], _ => null,
            (row, v, e) => row with { Card = row.Card with { ConfirmNotDuplicate = Bool(v, "confirmNotDuplicate", e) } }),
        new("reason", "原因", ["说明"], _ => null, (row, v, _) => row with { Card = row.Card with { Reason = v } }),
    ];

    /// <summary>The columns the export writes (the import's own confirmation columns are left out).</summary>
    public static IReadOnlyList<CsvColumn> ExportColumns { get; } =
        Columns.Where(c => c.Key is not ("confirmNotDuplicate" or "reason")).ToList();

    public static IReadOnlyList<string> RequiredColumns { get; } = ["name", "kind", "region"];

    private static readonly Dictionary<string, CsvColumn> ByHeader = Columns
        .SelectMany(c => c.Headers.Select(h => (Header: Normalize(h), Column: c)))
        .ToDictionary(x => x.Header, x => x.Column, StringComparer.Ordinal);

    /// <summary>The column a header names, in English (any case) or Chinese, ignoring spaces, '*' marks and width.</summary>
    public static CsvColumn? ColumnOf(string header) => ByHeader.GetValueOrDefault(Normalize(header));

    private static string Normalize(string header) =>
        string.Concat(header.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c is not ('*' or '_' or '-' or '\uFEFF')))
            .ToLowerInvariant();

    private static ImportRow Contact(ImportRow row, ContactInput contact) => row with { Contact = contact, HasContact = true };

    // Enumerations as the headers are: kebab-case names with English headers, the users' labels with Chinese ones.
    private static string? Label<TEnum>(ExportRow row, TEnum? value) where TEnum : struct, Enum =>
        value is { } v ? Label(row, v) : null;

    private static string Label<TEnum>(ExportRow row, TEnum value) where TEnum : struct, Enum =>
        row.ChineseLabels ? CustomerLabels.Chinese(value) : ApiNames.Of(value);

    private static string? Money(decimal? value) => CustomerProfile.Text(value);

    private static string? Date(DateOnly? value) => CustomerProfile.Text(value);

    private static string? Sensitive(ExportRow row, string field, string? value) => row.SeesSensitive ? value : Masking.Mask(field, value);

    private static TEnum? Enum<TEnum>(string text, string field, ValidationErrors errors) where TEnum : struct, Enum
    {
        if (CustomerLabels.TryParse<TEnum>(text, out var value)) return value;
        errors.Add(field, $"'{text}' is not a {field}: use one of {CustomerLabels.Allowed<TEnum>()}.");
        return null;
    }

    private static decimal? Money(string text, string field, ValidationErrors errors)
    {
        var cleaned = text.Replace("¥", "", StringComparison.Ordinal).Replace("￥", "", StringComparison.Ordinal).Trim();
        if (decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(field, $"'{text}' is not an amount: write it like 1234567.89.");
        return null;
    }

    private static DateOnly? Date(string text, string field, ValidationErrors errors)
    {
        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            if (BusinessDates.InRange(value)) return value;
            errors.Add(field, BusinessDates.OutOfRange(field));
            return null;
        }
        errors.Add(field, $"'{text}' is not a date: write it as 2026-11-23.");
        return null;
    }

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

    // "name: assessment; name2" — separators in either width.
    private static IReadOnlyList<CompetitorInput> Competitors(string text) =>
        text.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split([':', '：'], 2, StringSplitOptions.TrimEntries) is [var name, var assessment]
                ? new CompetitorInput(name, assessment)
                : new CompetitorInput(entry, null))
            .ToList();
}
