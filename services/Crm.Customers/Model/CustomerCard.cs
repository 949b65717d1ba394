using System.Globalization;
using System.Text.Json;

namespace Crm.Customers.Model;

/// <summary>
/// The one description of the archive card (客户档案表): each field once, in the card's order, with its labels, its CSV
/// headers, who may see it and whether a change needs a reason. The history, the masking of responses and exports, the
/// CSV import and export, <c>crm.customer-changed</c>, the entity's columns (<c>CustomerConfiguration</c>, <see cref="CardColumns"/>)
/// and the requests that carry the card (<c>CustomerCardFields</c>, read and described in OpenAPI by this list) all read it;
/// adding a field is one line here, plus its property on <see cref="CustomerProfile"/> and <see cref="Customer"/> (of the
/// same name, which the configuration and the copies find) and a migration.
/// See docs/decisions/customers-one-card-description.md.
/// </summary>
public static class CustomerCard
{
    private const string KindHint = "agent, factory, trading or other";

    /// <summary>类型: the one required field without a text value; an import tracks whether a row gave it.</summary>
    public static CardField Kind { get; } =
        CardField.Enum<CustomerKind>("kind", "客户类型", "Kind", ["类型"], p => p.Kind, (p, v) => p with { Kind = v }, required: true);

    /// <summary>上级客户: travels in a CSV as the parent's code (the import resolves it within the branch and the file).</summary>
    public static CardField Parent { get; } = CardField.Reference(
        "parentId", "上级客户", "Parent customer (distributor)", p => p.ParentId?.ToString(), (p, v) => p with { ParentId = v },
        csvKey: "parentCode", csvChinese: "上级客户编码", csvAliases: ["上级客户编号", "上级编码", "所属经销商编码", "parent"]);

    public static IReadOnlyList<CardField> Fields { get; } =
    [
        CardField.Text("name", "客户名称", "Customer name", ["名称", "客户名"], p => p.Name, (p, v) => p with { Name = v ?? "" }, CustomerProfile.NameMaxLength, required: true),
        Kind,
        CardField.Text("region", "地区", "Region", ["区域"], p => p.Region, (p, v) => p with { Region = v ?? "" }, CustomerProfile.RegionMaxLength, required: true),
        CardField.Text("route", "路序", "Route", ["线路"], p => p.Route, (p, v) => p with { Route = v }, CustomerProfile.RouteMaxLength),
        CardField.Text("industry", "行业", "Industry", [], p => p.Industry, (p, v) => p with { Industry = v }, CustomerProfile.ShortTextMaxLength),
        CardField.Enum<Ownership>("ownership", "所有制", "Ownership", ["所有制形式"], p => p.Ownership, (p, v) => p with { Ownership = v }),
        CardField.Enum<BusinessFormat>("businessFormat", "业态", "Business format", ["经营业态"], p => p.BusinessFormat, (p, v) => p with { BusinessFormat = v }),
        CardField.Text("legalRepresentative", "法人代表", "Legal representative", ["法定代表人"], p => p.LegalRepresentative, (p, v) => p with { LegalRepresentative = v }, CustomerProfile.ShortTextMaxLength),
        CardField.Money("registeredCapital", "注册资本", "Registered capital", [], p => p.RegisteredCapital, (p, v) => p with { RegisteredCapital = v }),
        CardField.Date("foundedOn", "成立日期", "Founded on", ["成立时间"], p => p.FoundedOn, (p, v) => p with { FoundedOn = v }),
        CardField.Enum<EnterpriseSize>("size", "规模", "Size", ["企业规模"], p => p.Size, (p, v) => p with { Size = v }),
        CardField.Text("address", "地址", "Address", ["详细地址"], p => p.Address, (p, v) => p with { Address = v }, CustomerProfile.AddressMaxLength),
        CardField.Text("website", "网址", "Website", ["网站"], p => p.Website, (p, v) => p with { Website = v }, CustomerProfile.WebsiteMaxLength),
        CardField.Text("marketCoverage", "市场覆盖", "Market coverage", ["市场覆盖范围"], p => p.MarketCoverage, (p, v) => p with { MarketCoverage = v }, CustomerProfile.MediumTextMaxLength),
        CardField.Text("productsCarried", "经营产品", "Products carried", ["经营品牌"], p => p.ProductsCarried, (p, v) => p with { ProductsCarried = v }, CustomerProfile.LongTextMaxLength),
        CardField.Text("businessScope", "经营范围", "Business scope", [], p => p.BusinessScope, (p, v) => p with { BusinessScope = v }, CustomerProfile.LongTextMaxLength),
        CardField.Enum<BankCreditRating>("bankCreditRating", "银行资信等级", "Bank credit rating", ["资信等级"], p => p.BankCreditRating, (p, v) => p with { BankCreditRating = v }, storedLength: 10),
        CardField.Money("annualSales", "年销售额", "Annual sales", [], p => p.AnnualSales, (p, v) => p with { AnnualSales = v }),
        CardField.Money("offSeasonSales", "淡季销售额", "Off-season sales", [], p => p.OffSeasonSales, (p, v) => p with { OffSeasonSales = v }),
        CardField.Money("peakSeasonSales", "旺季销售额", "Peak-season sales", [], p => p.PeakSeasonSales, (p, v) => p with { PeakSeasonSales = v }),
        CardField.Money("monthlyPurchasingPower", "月进货能力", "Monthly purchasing power", ["月进货额"], p => p.MonthlyPurchasingPower, (p, v) => p with { MonthlyPurchasingPower = v }),
        CardField.Competitors("competitors", "竞争对手", "Competitors", ["竞品"]),
        CardField.Text("taxNumber", "税号", "Tax number", ["统一社会信用代码", "纳税人识别号"], p => p.TaxNumber, (p, v) => p with { TaxNumber = v }, 30, mask: MaskStyle.LastFour),
        CardField.Text("invoiceBank", "开户行", "Invoicing bank", ["开户银行"], p => p.InvoiceBank, (p, v) => p with { InvoiceBank = v }, CustomerProfile.ShortTextMaxLength, mask: MaskStyle.Hidden),
        CardField.Text("invoiceAccount", "账号", "Bank account", ["银行账号"], p => p.InvoiceAccount, (p, v) => p with { InvoiceAccount = v }, 50, mask: MaskStyle.LastFour),
        CardField.Text("invoicePhone", "开票电话", "Invoicing phone", [], p => p.InvoicePhone, (p, v) => p with { InvoicePhone = v }, 40, mask: MaskStyle.Hidden),
        CardField.Text("invoiceRequirements", "开票要求", "Invoicing requirements", ["特殊要求"], p => p.InvoiceRequirements, (p, v) => p with { InvoiceRequirements = v }, CustomerProfile.MediumTextMaxLength, mask: MaskStyle.Hidden),
        CardField.Enum<CustomerCategory>("category", "客户分类", "Category", ["分类"], p => p.Category, (p, v) => p with { Category = v }),
        CardField.Enum<IncomeGroup>("incomeGroup", "收入群体", "Income group", [], p => p.IncomeGroup, (p, v) => p with { IncomeGroup = v }),
        CardField.Enum<LocationType>("locationType", "地段类型", "Location type", ["地段"], p => p.LocationType, (p, v) => p with { LocationType = v }),
        CardField.Date("validUntil", "有效期", "Valid until", ["有效日期"], p => p.ValidUntil, (p, v) => p with { ValidUntil = v }),
        CardField.Text("remarks", "备注", "Remarks", [], p => p.Remarks, (p, v) => p with { Remarks = v }, CustomerProfile.LongTextMaxLength),
        Parent,
        CardField.Enum<OutletTier>("outletTier", "网点层级", "Outlet tier", ["渠道层级", "网点类型"], p => p.OutletTier, (p, v) => p with { OutletTier = v }, storedLength: 20),
    ];

    /// <summary>The fields only those entitled see (使用范围按权限; who is entitled: <c>CustomerAccess.SeesSensitiveDataOf</c>).</summary>
    public static IReadOnlyList<CardField> SensitiveFields { get; } = Fields.Where(f => f.Sensitive).ToList();

    private static readonly Dictionary<string, CardField> ByName = Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The field of that API name, or null (status, owner, a contact's field…).</summary>
    public static CardField? Find(string name) => ByName.GetValueOrDefault(name);

    // A client's JSON names match as the API's JSON binding matches them: ignoring case.
    private static readonly Dictionary<string, CardField> BySentName = Fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The card as a client sent it, a map of field names to JSON values (other names are not the card's and are
    /// ignored, nulls are left out): a draft for <see cref="CustomerProfile.Complete"/>, and whether it gave the kind.
    /// A value of the wrong type throws <see cref="JsonException"/> with the field's path, as the body's binding does.
    /// </summary>
    public static (CustomerProfile Draft, bool KindGiven) Draft(IEnumerable<KeyValuePair<string, JsonElement>> sent, JsonSerializerOptions options)
    {
        var draft = CustomerProfile.Empty;
        var kindGiven = false;
        foreach (var (name, value) in sent)
        {
            if (value.ValueKind == JsonValueKind.Null || BySentName.GetValueOrDefault(name) is not { } field) continue;
            try
            {
                draft = field.Read(draft, value, options);
            }
            catch (JsonException e)
            {
                throw new JsonException(e.Message, "$." + field.Name + e.Path?[1..], e.LineNumber, e.BytePositionInLine, e);
            }
            kindGiven |= field == Kind;
        }
        return (draft, kindGiven);
    }

    /// <summary>The card as someone not entitled sees it: every sensitive field masked.</summary>
    public static CustomerProfile Masked(CustomerProfile card)
    {
        foreach (var field in SensitiveFields) card = field.WithText(card, field.Mask(field.Render(card)));
        return card;
    }

    /// <summary><paramref name="target"/> with the sensitive fields' values of <paramref name="source"/>.</summary>
    public static CustomerProfile WithSensitiveFrom(CustomerProfile target, CustomerProfile source)
    {
        foreach (var field in SensitiveFields) target = field.WithText(target, field.Render(source));
        return target;
    }

    /// <summary>
    /// For a caller not entitled to the sensitive fields: they may leave them out or send them back as they read them
    /// (masked, or as stored); anything else is a 403, since they cannot change what they cannot see.
    /// </summary>
    public static void EnsureSensitiveUnchanged(CustomerProfile sent, CustomerProfile stored)
    {
        foreach (var field in SensitiveFields)
        {
            var value = field.Render(sent);
            var kept = field.Render(stored);
            if (value is not null && value != field.Mask(kept) && value != kept)
                throw new ForbiddenException($"You are not entitled to the customer's invoicing data: leave {field.Name} out or send it back as you read it.");
        }
    }

    /// <summary>Every field whose value differs, in the card's order.</summary>
    public static IReadOnlyList<ChangedField> Changes(CustomerProfile before, CustomerProfile after)
    {
        var changes = new List<ChangedField>();
        foreach (var field in Fields)
        {
            var from = field.Render(before);
            var to = field.Render(after);
            if (!string.Equals(from, to, StringComparison.Ordinal)) changes.Add(new ChangedField(field.Name, from, to));
        }
        return changes;
    }

    /// <summary>The initial values, as the registration's history entry records them.</summary>
    public static IReadOnlyList<ChangedField> InitialValues(CustomerProfile card) =>
        Fields.Select(f => new ChangedField(f.Name, null, f.Render(card))).Where(c => c.To is not null).ToList();

    internal static readonly JsonSerializerOptions CompactJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>A competitor as a client sends it (竞争对手及客户评价).</summary>
public sealed record CompetitorInput(string? Name, string? Assessment);

/// <summary>Who may see a field of the card.</summary>
public enum CardAudience
{
    /// <summary>Everyone who may read the card.</summary>
    Everyone,
    /// <summary>Only those entitled to the customer's sensitive data (the owner rep, inside sales, sales administration manager and above).</summary>
    Entitled,
}

/// <summary>How a sensitive value looks to someone not entitled to it.</summary>
public enum MaskStyle
{
    /// <summary><c>***</c>.</summary>
    Hidden,
    /// <summary>Stars but the last four characters, so that a file can be told apart (<c>**************1X</c>).</summary>
    LastFour,
}

/// <summary>What a field of the card holds: how it is stored and how a client sends it.</summary>
public enum CardValue
{
    /// <summary>Trimmed text, blank as null, at most <see cref="CardField.MaxLength"/> characters.</summary>
    Text,
    /// <summary>An enumeration, kebab-case in the API, stored as its name.</summary>
    Enum,
    /// <summary>An amount (decimal).</summary>
    Money,
    /// <summary>A date of the business calendar.</summary>
    Date,
    /// <summary>The competitors list, stored as JSON.</summary>
    Competitors,
    /// <summary>Another customer's id.</summary>
    Reference,
}

/// <summary>
/// One field of the archive card. Its <see cref="Name"/> is the API's (JSON, history, events, the CSV's English header);
/// plain delegates read and write it on a <see cref="CustomerProfile"/>. Its <see cref="Property"/> is the property of
/// that name on <see cref="CustomerProfile"/> and the column of that name on <see cref="Customer"/>.
/// </summary>
public sealed class CardField
{
    private readonly Func<CustomerProfile, string?> _render;
    private readonly Func<CustomerProfile, bool, string?> _export;
    private readonly Func<CustomerProfile, string, ValidationErrors, CustomerProfile?>? _parse;
    private readonly Func<CustomerProfile, string?, CustomerProfile>? _withText;
    private readonly Func<CustomerProfile, JsonElement, JsonSerializerOptions, CustomerProfile> _read;

    private CardField(
        string name, CardValue value, Type valueType, string chinese, string english, string[] csvAliases, Func<CustomerProfile, string?> render,
        Func<CustomerProfile, JsonElement, JsonSerializerOptions, CustomerProfile> read, Func<CustomerProfile, bool, string?>? export, Func<CustomerProfile, string, ValidationErrors, CustomerProfile?>? parse,
        Func<CustomerProfile, string?, CustomerProfile>? withText = null, bool required = false, MaskStyle? mask = null,
        string? csvKey = null, string? csvChinese = null, bool reasonRequired = true, int? maxLength = null)
    {
        Name = name;
        Property = char.ToUpperInvariant(name[0]) + name[1..];
        Value = value;
        ValueType = valueType;
        MaxLength = maxLength;
        Chinese = chinese;
        English = english;
        CsvKey = csvKey ?? name;
        CsvChinese = csvChinese ?? chinese;
        CsvAliases = csvAliases;
        Required = required;
        ReasonRequired = reasonRequired;
        SeenBy = mask is null ? CardAudience.Everyone : CardAudience.Entitled;
        MaskStyle = mask ?? MaskStyle.Hidden;
        _render = render;
        _export = export ?? ((p, _) => render(p));
        _parse = parse;
        _withText = withText;
        _read = read;
    }

    /// <summary>The API's name: JSON property, history and event field, the CSV's English header.</summary>
    public string Name { get; }
    /// <summary>The property of <see cref="CustomerProfile"/> and the column of <see cref="Customer"/>: the name in PascalCase.</summary>
    public string Property { get; }
    public CardValue Value { get; }
    /// <summary>The type of the value a client sends (JSON): nullable, since every field may be left out.</summary>
    public Type ValueType { get; }
    /// <summary>The stored length of a text or an enumeration's name; null for other values.</summary>
    public int? MaxLength { get; }
    /// <summary>The label users know (DOMAIN.md), the CSV's Chinese header.</summary>
    public string Chinese { get; }
    public string English { get; }
    /// <summary>The CSV column's English header (the field's name, but for a field that travels by reference).</summary>
    public string CsvKey { get; }
    public string CsvChinese { get; }
    /// <summary>Other headers an import accepts for the column.</summary>
    public IReadOnlyList<string> CsvAliases { get; }
    /// <summary>Every card needs it (name, kind, region); an import file must have its column.</summary>
    public bool Required { get; }
    public CardAudience SeenBy { get; }
    public bool Sensitive => SeenBy == CardAudience.Entitled;
    public MaskStyle MaskStyle { get; }
    /// <summary>A change of it needs a written reason (修改原因) in the history (<c>Customer.Update</c>). Every field of the card does today.</summary>
    public bool ReasonRequired { get; }
    /// <summary>The value is another customer's id: a CSV carries that customer's code instead (see <c>CustomerCsv</c>).</summary>
    public bool IsReference => _parse is null;

    /// <summary>The value as the history and the events show it: invariant text, enumerations in kebab-case; null when empty.</summary>
    public string? Render(CustomerProfile card) => _render(card);

    /// <summary>The value as a CSV cell: enumerations as the users' labels when <paramref name="chineseLabels"/>, else as <see cref="Render"/>.</summary>
    public string? Export(CustomerProfile card, bool chineseLabels) => _export(card, chineseLabels);

    /// <summary>
    /// Reads the value a client sent (JSON, not null) into <paramref name="draft"/>: texts trimmed, blanks null, not yet
    /// normalised or checked (<see cref="CustomerProfile.Complete"/> does). A value of the wrong type throws <see cref="JsonException"/>.
    /// </summary>
    public CustomerProfile Read(CustomerProfile draft, JsonElement value, JsonSerializerOptions options) => _read(draft, value, options);

    /// <summary>Reads a (trimmed, non-blank) CSV cell into <paramref name="card"/>; null, with the error added, when it cannot be read.</summary>
    public CustomerProfile? Parse(CustomerProfile card, string cell, ValidationErrors errors) =>
        _parse is null ? throw new InvalidOperationException($"{Name} is read by reference, not by value.") : _parse(card, cell, errors);

    /// <summary>The value as someone not entitled sees it.</summary>
    public string? Mask(string? value) => value switch
    {
        null => null,
        _ when MaskStyle == MaskStyle.LastFour && value.Length > 4 => new string('*', value.Length - 4) + value[^4..],
        _ when MaskStyle == MaskStyle.LastFour => new string('*', value.Length),
        _ => "***",
    };

    internal CustomerProfile WithText(CustomerProfile card, string? value) =>
        _withText is null ? throw new InvalidOperationException($"{Name} is not a text field.") : _withText(card, value);

    internal static CardField Text(
        string name, string chinese, string english, string[] csvAliases, Func<CustomerProfile, string?> get,
        Func<CustomerProfile, string?, CustomerProfile> set, int maxLength, bool required = false, MaskStyle? mask = null, bool reasonRequired = true) =>
        new(name, CardValue.Text, typeof(string), chinese, english, csvAliases, get,
            (p, json, options) => set(p, CustomerProfile.Clean(json.Deserialize<string>(options))), null, (p, cell, _) => set(p, CustomerProfile.Clean(cell)), set, required, mask,
            reasonRequired: reasonRequired, maxLength: maxLength);

    internal static CardField Enum<TEnum>(
        string name, string chinese, string english, string[] csvAliases, Func<CustomerProfile, TEnum?> get,
        Func<CustomerProfile, TEnum, CustomerProfile> set, bool required = false, bool reasonRequired = true, int storedLength = 30)
        where TEnum : struct, System.Enum =>
        new(name, CardValue.Enum, typeof(TEnum?), chinese, english, csvAliases,
            p => CustomerProfile.Text(get(p)),
            (p, json, options) => json.Deserialize<TEnum?>(options) is { } value ? set(p, value) : p,
            (p, chineseLabels) => get(p) is { } v ? chineseLabels ? CustomerLabels.Chinese(v) : ApiNames.Of(v) : null,
            (p, cell, errors) =>
            {
                if (CustomerLabels.TryParse<TEnum>(cell, out var value)) return set(p, value);
                errors.Add(name, $"'{cell}' is not a {name}: use one of {CustomerLabels.Allowed<TEnum>()}.");
                return null;
            },
            required: required, reasonRequired: reasonRequired, maxLength: storedLength);

    internal static CardField Money(
        string name, string chinese, string english, string[] csvAliases, Func<CustomerProfile, decimal?> get, Func<CustomerProfile, decimal, CustomerProfile> set,
        bool reasonRequired = true) =>
        new(name, CardValue.Money, typeof(decimal?), chinese, english, csvAliases, p => CustomerProfile.Text(get(p)),
            (p, json, options) => json.Deserialize<decimal?>(options) is { } value ? set(p, value) : p, null, (p, cell, errors) =>
        {
            var cleaned = cell.Replace("¥", "", StringComparison.Ordinal).Replace("￥", "", StringComparison.Ordinal).Trim();
            if (decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return set(p, value);
            errors.Add(name, $"'{cell}' is not an amount: write it like 1234567.89.");
            return null;
        }, reasonRequired: reasonRequired);

    internal static CardField Date(
        string name, string chinese, string english, string[] csvAliases, Func<CustomerProfile, DateOnly?> get, Func<CustomerProfile, DateOnly, CustomerProfile> set,
        bool reasonRequired = true) =>
        new(name, CardValue.Date, typeof(DateOnly?), chinese, english, csvAliases, p => CustomerProfile.Text(get(p)),
            (p, json, options) => json.Deserialize<DateOnly?>(options) is { } value ? set(p, value) : p, null, (p, cell, errors) =>
        {
            if (DateOnly.TryParseExact(cell.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                if (BusinessDates.InRange(value)) return set(p, value);
                errors.Add(name, BusinessDates.OutOfRange(name));
                return null;
            }
            errors.Add(name, $"'{cell}' is not a date: write it as 2026-11-23.");
            return null;
        }, reasonRequired: reasonRequired);

    /// <summary>The competitors (竞争对手及客户评价): JSON in the history; <c>name: assessment; name2</c> in a CSV, separators in either width.</summary>
    internal static CardField Competitors(string name, string chinese, string english, string[] csvAliases) =>
        new(name, CardValue.Competitors, typeof(IReadOnlyList<CompetitorInput>), chinese, english, csvAliases,
            p => p.Competitors.Count == 0 ? null : JsonSerializer.Serialize(p.Competitors, CustomerCard.CompactJson),
            (p, json, options) => p with
            {
                Competitors = (json.Deserialize<IReadOnlyList<CompetitorInput?>>(options) ?? [])
                    .Select(c => new Competitor(c?.Name?.Trim() ?? "", CustomerProfile.Clean(c?.Assessment)))
                    .ToList(),
            },
            (p, _) => string.Join("; ", p.Competitors.Select(c => c.Assessment is null ? c.Name : $"{c.Name}: {c.Assessment}")),
            (p, cell, _) => p with
            {
                Competitors = cell.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(entry => entry.Split([':', '：'], 2, StringSplitOptions.TrimEntries) is [var n, var assessment]
                        ? new Competitor(n, CustomerProfile.Clean(assessment))
                        : new Competitor(entry, null))
                    .ToList(),
            });

    internal static CardField Reference(
        string name, string chinese, string english, Func<CustomerProfile, string?> render, Func<CustomerProfile, Guid?, CustomerProfile> set,
        string csvKey, string csvChinese, string[] csvAliases) =>
        new(name, CardValue.Reference, typeof(Guid?), chinese, english, csvAliases, render, (p, json, options) => set(p, json.Deserialize<Guid?>(options)),
            null, null, csvKey: csvKey, csvChinese: csvChinese);
}

/// <summary>How a sensitive value of the card or of a contact looks to someone not entitled to it.</summary>
public static class Masking
{
    /// <summary>A card field masks as its descriptor says; a contact's personal data reads <c>***</c>.</summary>
    public static string? Mask(string field, string? value) =>
        CustomerCard.Find(field) is { } card ? card.Mask(value) : value is null ? null : "***";

    /// <summary>A sensitive field of the card, or a contact's (<c>contacts[{id}].personalNotes</c>).</summary>
    public static bool IsSensitive(string field)
    {
        if (CustomerCard.Find(field) is { } card) return card.Sensitive;
        if (!field.StartsWith("contacts[", StringComparison.Ordinal)) return false;
        var name = FieldOf(field);
        return ContactDetails.Fields.Any(f => f.Sensitive && f.Name == name);
    }

    /// <summary>The field's own name: <c>contacts[{id}].mobile</c> → <c>mobile</c>.</summary>
    public static string FieldOf(string field) => field[(field.LastIndexOf('.') + 1)..];

    /// <summary>Every sensitive field as the card's <c>maskedFields</c> lists them: the card's, then the contacts'.</summary>
    public static IReadOnlyList<string> AllSensitiveFields { get; } =
        [.. CustomerCard.SensitiveFields.Select(f => f.Name), .. ContactDetails.Fields.Where(f => f.Sensitive).Select(f => "contacts." + f.Name)];
}
