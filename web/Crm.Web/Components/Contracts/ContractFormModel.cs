namespace Crm.Web.Components.Contracts;

/// <summary>One subject line (标的) as typed.</summary>
public sealed class ContractLineModel
{
    public string? Product { get; set; }
    public string? Brand { get; set; }
    public string? Specification { get; set; }
    public string? Unit { get; set; }
    public decimal? Quantity { get; set; }
    public decimal? UnitPrice { get; set; }

    public decimal? Amount => Quantity is { } q && UnitPrice is { } p ? decimal.Round(q * p, 2, MidpointRounding.AwayFromZero) : null;
}

/// <summary>
/// A draft contract (or an amendment) as the form holds it: the title and the sections the business runs on (标的,
/// 结账方式, 订退货规定, 签约, 经营权限, 乙方名称). Sections the form does not edit, and fields of edited sections it does
/// not show, are kept from the contract as they were. Field names are the API's paths, so the service's errors land
/// next to the same fields as the form's own checks.
/// </summary>
public sealed class ContractFormModel
{
    public static readonly string[] SettlementTypes = ["prepay", "cash", "credit"];
    public static readonly string[] Levels = ["exclusive", "distribution", "retail"];
    public static readonly string[] EditedSections = ["lines", "settlement", "ordering", "signing", "distributionRights", "parties"];

    public string? Title { get; set; }
    public List<ContractLineModel> Lines { get; set; } = [new()];
    public string? SettlementType { get; set; }
    public int? PaymentTermDays { get; set; }
    public decimal? MinimumOrder { get; set; }
    public int? ReturnWindowDays { get; set; }
    public int? ExchangeWindowDays { get; set; }
    public DateTime? EffectiveOn { get; set; }
    public DateTime? ExpiresOn { get; set; }
    public string? Place { get; set; }
    public bool AutoRenew { get; set; }
    public int? NoticeDays { get; set; }
    public string? Level { get; set; }
    public string? Territories { get; set; }
    public string? ProductLines { get; set; }
    public string? CustomerLegalName { get; set; }

    /// <summary>The contract's sections as they were when the form opened (kept where the form does not edit).</summary>
    public JsonObject Original { get; private set; } = new();

    public decimal Total => Lines.Sum(l => l.Amount ?? 0m);

    public static ContractFormModel From(string? title, JsonObject sections)
    {
        var m = new ContractFormModel { Title = title, Original = (JsonObject)sections.DeepClone() };
        if (sections["lines"] is JsonArray lines && lines.Count > 0)
            m.Lines = lines.OfType<JsonObject>().Select(l => new ContractLineModel
            {
                Product = Str(l, "product"), Brand = Str(l, "brand"), Specification = Str(l, "specification"), Unit = Str(l, "unit"),
                Quantity = Dec(l, "quantity"), UnitPrice = Dec(l, "unitPrice"),
            }).ToList();
        if (sections["settlement"] is JsonObject s) { m.SettlementType = Str(s, "type"); m.PaymentTermDays = Int(s, "paymentTermDays"); }
        if (sections["ordering"] is JsonObject o)
        {
            m.MinimumOrder = Dec(o, "minimumOrder"); m.ReturnWindowDays = Int(o, "returnWindowDays"); m.ExchangeWindowDays = Int(o, "exchangeWindowDays");
        }
        if (sections["signing"] is JsonObject g)
        {
            m.EffectiveOn = Date(g, "effectiveOn"); m.ExpiresOn = Date(g, "expiresOn"); m.Place = Str(g, "place");
            m.AutoRenew = g["autoRenew"]?.GetValue<bool>() ?? false; m.NoticeDays = Int(g, "noticeDays");
        }
        if (sections["distributionRights"] is JsonObject d)
        {
            m.Level = Str(d, "level");
            m.Territories = d["territories"] is JsonArray t ? string.Join("、", t.Select(x => x?.ToString())) : null;
            m.ProductLines = d["productLines"] is JsonArray p ? string.Join("、", p.Select(x => x?.ToString())) : null;
        }
        m.CustomerLegalName = sections["parties"]?["customer"]?["legalName"]?.ToString();
        return m;
    }

    /// <summary>Everything typed in <paramref name="mine"/>, on top of this model's contract (a stale edit kept).</summary>
    public void CopyTypedFrom(ContractFormModel mine)
    {
        Title = mine.Title; Lines = mine.Lines; SettlementType = mine.SettlementType; PaymentTermDays = mine.PaymentTermDays;
        MinimumOrder = mine.MinimumOrder; ReturnWindowDays = mine.ReturnWindowDays; ExchangeWindowDays = mine.ExchangeWindowDays;
        EffectiveOn = mine.EffectiveOn; ExpiresOn = mine.ExpiresOn; Place = mine.Place; AutoRenew = mine.AutoRenew; NoticeDays = mine.NoticeDays;
        Level = mine.Level; Territories = mine.Territories; ProductLines = mine.ProductLines; CustomerLegalName = mine.CustomerLegalName;
    }

    /// <summary>The form's own checks, in the user's language, by the API's field paths (the service checks again).</summary>
    public Dictionary<string, string> Validate(Texts t, bool withTitle = true)
    {
        var errors = new Dictionary<string, string>();
        if (withTitle && string.IsNullOrWhiteSpace(Title)) errors["title"] = t["contract.error.required"];
        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (IsBlank(line) && Lines.Count > 1) continue;
            if (string.IsNullOrWhiteSpace(line.Product)) errors[$"lines[{i}].product"] = t["contract.error.required"];
            if (line.Quantity is not { } q || q <= 0) errors[$"lines[{i}].quantity"] = t["contract.error.positive"];
            if (line.UnitPrice is { } p && p < 0) errors[$"lines[{i}].unitPrice"] = t["contract.error.notNegative"];
        }
        Range(errors, t, "settlement.paymentTermDays", PaymentTermDays, 0, 365);
        Range(errors, t, "ordering.returnWindowDays", ReturnWindowDays, 0, 730);
        Range(errors, t, "ordering.exchangeWindowDays", ExchangeWindowDays, 0, 730);
        Range(errors, t, "signing.noticeDays", NoticeDays, 0, 730);
        if (MinimumOrder is < 0) errors["ordering.minimumOrder"] = t["contract.error.notNegative"];
        if (EffectiveOn is { } from && ExpiresOn is { } to && from > to) errors["signing.expiresOn"] = t["contract.error.expiresBeforeEffective"];
        if (Level == "exclusive" && Split(Territories).Count == 0) errors["distributionRights.territories"] = t["contract.error.exclusiveNeedsTerritory"];
        if (Level == "exclusive" && Split(ProductLines).Count == 0) errors["distributionRights.productLines"] = t["contract.error.exclusiveNeedsProductLine"];
        return errors;
    }

    private static void Range(Dictionary<string, string> errors, Texts t, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max)) errors[field] = t["contract.error.range", min, max];
    }

    private static bool IsBlank(ContractLineModel l) =>
        string.IsNullOrWhiteSpace(l.Product) && l.Quantity is null && l.UnitPrice is null && string.IsNullOrWhiteSpace(l.Brand) && string.IsNullOrWhiteSpace(l.Specification);

    /// <summary>The edited sections, each merged over what the contract held (fields the form does not show are kept).</summary>
    public JsonObject Sections()
    {
        var sections = new JsonObject
        {
            ["lines"] = new JsonArray(Lines.Where(l => !IsBlank(l)).Select(l => (JsonNode)new JsonObject
            {
                ["product"] = Clean(l.Product), ["brand"] = Clean(l.Brand), ["specification"] = Clean(l.Specification), ["unit"] = Clean(l.Unit),
                ["quantity"] = l.Quantity, ["unitPrice"] = l.UnitPrice,
            }).ToArray()),
            ["settlement"] = Merge("settlement", new() { ["type"] = SettlementType, ["paymentTermDays"] = PaymentTermDays }),
            ["ordering"] = Merge("ordering", new() { ["minimumOrder"] = MinimumOrder, ["returnWindowDays"] = ReturnWindowDays, ["exchangeWindowDays"] = ExchangeWindowDays }),
            ["signing"] = Merge("signing", new()
            {
                ["effectiveOn"] = IsoDate(EffectiveOn), ["expiresOn"] = IsoDate(ExpiresOn), ["place"] = Clean(Place), ["autoRenew"] = AutoRenew, ["noticeDays"] = NoticeDays,
            }),
        };
        if (Level is not null)
            sections["distributionRights"] = Merge("distributionRights", new()
            {
                ["level"] = Level,
                ["territories"] = new JsonArray(Split(Territories).Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
                ["productLines"] = new JsonArray(Split(ProductLines).Select(x => (JsonNode)JsonValue.Create(x)!).ToArray()),
            });
        var customer = Original["parties"]?["customer"] is JsonObject c ? (JsonObject)c.DeepClone() : new JsonObject();
        customer["legalName"] = Clean(CustomerLegalName);
        sections["parties"] = new JsonObject { ["customer"] = customer };
        return sections;
    }

    /// <summary>The draft as POST /api/contracts takes it.</summary>
    public JsonObject CreateBody(Guid customerId)
    {
        var body = Sections();
        body["customerId"] = customerId.ToString();
        body["title"] = Clean(Title);
        return body;
    }

    /// <summary>The draft as PUT /api/contracts/{id} takes it, with the version the edit started from.</summary>
    public JsonObject UpdateBody(long version)
    {
        var body = Sections();
        body["title"] = Clean(Title);
        body["version"] = version;
        return body;
    }

    /// <summary>An amendment: only the sections that differ from the contract's, its effective date and reason.</summary>
    public JsonObject AmendBody(DateTime? effectiveOn, string? reason)
    {
        var body = new JsonObject();
        foreach (var (name, section) in Sections())
        {
            if (name == "parties") continue; // parties are not amended here
            if (!JsonNode.DeepEquals(Normalize(Reparse(section)), Normalize(Reparse(Original[name])))) body[name] = section?.DeepClone();
        }
        body["effectiveOn"] = IsoDate(effectiveOn);
        body["reason"] = Clean(reason);
        return body;
    }

    // Amounts the service computed, nulls it leaves out: compared without them.
    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not null && p.Key != "amount").Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalize).ToArray()),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.TryGetValue<decimal>(out var d) => JsonValue.Create(d.ToString("G29", CultureInfo.InvariantCulture)),
        _ => node?.DeepClone(),
    };

    private static JsonNode? Reparse(JsonNode? node) => node is null ? null : JsonNode.Parse(node.ToJsonString());

    private JsonObject Merge(string section, JsonObject values)
    {
        var merged = Original[section] is JsonObject o ? (JsonObject)o.DeepClone() : new JsonObject();
        foreach (var (key, value) in values) merged[key] = value?.DeepClone();
        return merged;
    }

    public static List<string> Split(string? text) =>
        (text ?? "").Split([',', '，', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    private static string? IsoDate(DateTime? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string? Str(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    private static decimal? Dec(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;
    private static int? Int(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    private static DateTime? Date(JsonObject o, string name) =>
        Str(o, name) is { } s && DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
