namespace Crm.Web.Components.Shared;

/// <summary>The card fields the forms edit, checked first on the server of the web app (in the user's language), then by the API.</summary>
public sealed class CustomerFormModel
{
    public string? Name { get; set; }
    public string Kind { get; set; } = "agent";
    public string? Region { get; set; }
    public string? Route { get; set; }
    public string? TaxNumber { get; set; }
    public string? Address { get; set; }
    public string? Industry { get; set; }
    public string? LegalRepresentative { get; set; }
    public string Category { get; set; } = "general";
    public string? Remarks { get; set; }
    public string? ContactName { get; set; }
    public string? ContactMobile { get; set; }

    public static readonly string[] Kinds = ["agent", "factory", "trading", "other"];
    public static readonly string[] Categories = ["core", "important", "general"];

    /// <summary>The form's own checks: field (the API's camelCase name) → message.</summary>
    public Dictionary<string, string> Validate(Texts t, bool withContact)
    {
        var errors = new Dictionary<string, string>();
        void Required(string field, string? value, string label)
        {
            if (string.IsNullOrWhiteSpace(value)) errors[field] = $"{t[label]}：{t["required"]}";
        }
        void Max(string field, string? value, int max, string label)
        {
            if (value is not null && value.Trim().Length > max) errors[field] = Texts.IsEnglish ? $"{t[label]}: at most {max} characters" : $"{t[label]}：最多 {max} 个字符";
        }
        Required("name", Name, "field.name");
        Max("name", Name, 200, "field.name");
        Required("region", Region, "field.region");
        Max("region", Region, 100, "field.region");
        Max("address", Address, 500, "field.address");
        Max("remarks", Remarks, 2000, "field.remarks");
        if (withContact && !string.IsNullOrWhiteSpace(ContactMobile) && string.IsNullOrWhiteSpace(ContactName))
            errors["contacts[0].name"] = $"{t["field.contactName"]}：{t["required"]}";
        return errors;
    }

    /// <summary>The register request (API.md: name, kind, region, taxNumber?, card fields, contacts).</summary>
    public object ToRegisterRequest(bool confirmNotDuplicate, string? reason) => new
    {
        name = Name?.Trim(),
        kind = Kind,
        region = Region?.Trim(),
        route = Blank(Route),
        taxNumber = Blank(TaxNumber),
        address = Blank(Address),
        industry = Blank(Industry),
        legalRepresentative = Blank(LegalRepresentative),
        category = Category,
        remarks = Blank(Remarks),
        contacts = string.IsNullOrWhiteSpace(ContactName) ? null : new[] { new { name = ContactName.Trim(), mobile = Blank(ContactMobile), isPrimary = true } },
        confirmNotDuplicate = confirmNotDuplicate ? true : (bool?)null,
        reason = confirmNotDuplicate ? reason?.Trim() : null,
    };

    public static CustomerFormModel FromCard(JsonObject card) => new()
    {
        Name = (string?)card["name"],
        Kind = (string?)card["kind"] ?? "other",
        Region = (string?)card["region"],
        Route = (string?)card["route"],
        TaxNumber = (string?)card["taxNumber"],
        Address = (string?)card["address"],
        Industry = (string?)card["industry"],
        LegalRepresentative = (string?)card["legalRepresentative"],
        Category = (string?)card["category"] ?? "general",
        Remarks = (string?)card["remarks"],
    };

    /// <summary>The update: the card as read (every field, so nothing is cleared), with the edited fields, the version and the reason.</summary>
    public JsonObject ToUpdateRequest(JsonObject card, long version, string? changeReason)
    {
        var body = (JsonObject)card.DeepClone();
        body["name"] = Name?.Trim();
        body["kind"] = Kind;
        body["region"] = Region?.Trim();
        body["route"] = Blank(Route);
        body["taxNumber"] = Blank(TaxNumber);
        body["address"] = Blank(Address);
        body["industry"] = Blank(Industry);
        body["legalRepresentative"] = Blank(LegalRepresentative);
        body["category"] = Category;
        body["remarks"] = Blank(Remarks);
        body["version"] = version;
        body["changeReason"] = changeReason?.Trim();
        return body;
    }

    /// <summary>
    /// My edit moved onto a newer card: what I changed (against the card I started from) stays, every other field
    /// takes the newer card's value, so someone else's change is not undone by a form that merely showed the old value.
    /// </summary>
    public void RebaseOnto(CustomerFormModel started, CustomerFormModel latest)
    {
        foreach (var property in typeof(CustomerFormModel).GetProperties().Where(p => p.PropertyType == typeof(string) && p.CanWrite))
        {
            var mine = property.GetValue(this) as string;
            if (string.Equals(Blank(mine), Blank(property.GetValue(started) as string), StringComparison.Ordinal))
                property.SetValue(this, property.GetValue(latest));
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
