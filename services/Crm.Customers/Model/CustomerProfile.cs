using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;
using Crm.ServiceDefaults;
using Crm.ServiceDefaults.Problems;

namespace Crm.Customers.Model;

/// <summary>A competitor present at the customer, and how the customer rates it (竞争对手及客户评价).</summary>
public sealed record Competitor(string Name, string? Assessment);

/// <summary>
/// Everything on the archive card (客户档案表) that an edit may change. Status, owner, code, branch and grade have
/// their own routes and rules. Values are already trimmed; <see cref="Validate"/> checks every bound and format.
/// </summary>
public sealed record CustomerProfile
{
    public const int NameMaxLength = 200;
    public const int RegionMaxLength = 100;
    public const int RouteMaxLength = 50;
    public const int ShortTextMaxLength = 100;
    public const int AddressMaxLength = 300;
    public const int MediumTextMaxLength = 500;
    public const int LongTextMaxLength = 1000;
    public const int MaxCompetitors = 20;
    public const decimal MaxMoney = 1_000_000_000_000m;

    public required string Name { get; init; }
    public required CustomerKind Kind { get; init; }
    public required string Region { get; init; }
    /// <summary>路序: the order of visits and deliveries.</summary>
    public string? Route { get; init; }
    public string? Industry { get; init; }
    public Ownership? Ownership { get; init; }
    public BusinessFormat? BusinessFormat { get; init; }
    public string? LegalRepresentative { get; init; }
    public decimal? RegisteredCapital { get; init; }
    public DateOnly? FoundedOn { get; init; }
    public EnterpriseSize? Size { get; init; }
    public string? Address { get; init; }
    public string? Website { get; init; }
    public string? MarketCoverage { get; init; }
    public string? ProductsCarried { get; init; }
    public string? BusinessScope { get; init; }
    public BankCreditRating? BankCreditRating { get; init; }
    public decimal? AnnualSales { get; init; }
    public decimal? OffSeasonSales { get; init; }
    public decimal? PeakSeasonSales { get; init; }
    public decimal? MonthlyPurchasingPower { get; init; }
    public IReadOnlyList<Competitor> Competitors { get; init; } = [];
    /// <summary>税号 (统一社会信用代码), normalised by <see cref="Model.TaxNumber.Normalize"/>. Sensitive.</summary>
    public string? TaxNumber { get; init; }
    /// <summary>开户行. Sensitive.</summary>
    public string? InvoiceBank { get; init; }
    /// <summary>账号. Sensitive.</summary>
    public string? InvoiceAccount { get; init; }
    /// <summary>Invoicing phone. Sensitive.</summary>
    public string? InvoicePhone { get; init; }
    /// <summary>Special invoicing requirements. Sensitive.</summary>
    public string? InvoiceRequirements { get; init; }
    public CustomerCategory Category { get; init; } = CustomerCategory.General;
    public IncomeGroup? IncomeGroup { get; init; }
    public LocationType? LocationType { get; init; }
    /// <summary>有效期: the file is to be reviewed by this date.</summary>
    public DateOnly? ValidUntil { get; init; }
    public string? Remarks { get; init; }
    /// <summary>The distributor this outlet hangs under in the channel tree (渠道, 上级客户); null for a top-level customer.</summary>
    public Guid? ParentId { get; init; }
    /// <summary>An outlet's tier (网点层级): 二批 wholesaler, 零售终端 retail, other; set exactly when <see cref="ParentId"/> is.</summary>
    public OutletTier? OutletTier { get; init; }

    /// <summary>Checks every bound and format; field names are the API's, after <paramref name="prefix"/>.</summary>
    public void Validate(ValidationErrors errors, DateOnly today, string prefix = "")
    {
        string F(string field) => prefix + field;
        errors
            .Required(F("name"), Name, NameMaxLength)
            .Required(F("region"), Region, RegionMaxLength)
            .MaxLength(F("route"), Route, RouteMaxLength)
            .MaxLength(F("industry"), Industry, ShortTextMaxLength)
            .MaxLength(F("legalRepresentative"), LegalRepresentative, ShortTextMaxLength)
            .MaxLength(F("address"), Address, AddressMaxLength)
            .MaxLength(F("website"), Website, 200)
            .MaxLength(F("marketCoverage"), MarketCoverage, MediumTextMaxLength)
            .MaxLength(F("productsCarried"), ProductsCarried, LongTextMaxLength)
            .MaxLength(F("businessScope"), BusinessScope, LongTextMaxLength)
            .MaxLength(F("invoiceBank"), InvoiceBank, ShortTextMaxLength)
            .MaxLength(F("invoiceRequirements"), InvoiceRequirements, MediumTextMaxLength)
            .MaxLength(F("remarks"), Remarks, LongTextMaxLength)
            .When(FoundedOn > today, F("foundedOn"), "foundedOn cannot be in the future.")
            .When(Website is not null && !Formats.IsWebsite(Website), F("website"), "website must be a web address such as https://www.example.com.")
            .When(TaxNumber is not null && !Model.TaxNumber.IsValid(TaxNumber), F("taxNumber"), Model.TaxNumber.FormatHint)
            .When(InvoiceAccount is not null && !Formats.IsBankAccount(InvoiceAccount), F("invoiceAccount"),
                "invoiceAccount must be 6 to 40 digits or letters (spaces and hyphens allowed).")
            .When(InvoicePhone is not null && !Formats.IsPhone(InvoicePhone), F("invoicePhone"), Formats.PhoneHint)
            .When(OutletTier is not null && ParentId is null, F("outletTier"),
                "outletTier is for an outlet (网点): give its parentId (上级客户) too, or leave outletTier out.");
        Money(errors, F("registeredCapital"), RegisteredCapital);
        Money(errors, F("annualSales"), AnnualSales);
        Money(errors, F("offSeasonSales"), OffSeasonSales);
        Money(errors, F("peakSeasonSales"), PeakSeasonSales);
        Money(errors, F("monthlyPurchasingPower"), MonthlyPurchasingPower);

        errors.When(Competitors.Count > MaxCompetitors, F("competitors"), $"At most {MaxCompetitors} competitors.");
        for (var i = 0; i < Competitors.Count; i++)
        {
            errors
                .Required(F($"competitors[{i}].name"), Competitors[i].Name, ShortTextMaxLength)
                .MaxLength(F($"competitors[{i}].assessment"), Competitors[i].Assessment, MediumTextMaxLength);
        }
    }

    private static void Money(ValidationErrors errors, string field, decimal? value) => errors
        .When(value is < 0 or > MaxMoney, field, $"{field} must be between 0 and {MaxMoney:#,0}.")
        .When(value is { } v && v.Scale > 2 && decimal.Round(v, 2) != v, field, $"{field} has at most two decimal places.");

    /// <summary>The card's fields as the history and the events show them: invariant text, enumerations in kebab-case.</summary>
    public static IReadOnlyList<ProfileField> Fields { get; } =
    [
        new("name", p => p.Name),
        new("kind", p => ApiNames.Of(p.Kind)),
        new("region", p => p.Region),
        new("route", p => p.Route),
        new("industry", p => p.Industry),
        new("ownership", p => Text(p.Ownership)),
        new("businessFormat", p => Text(p.BusinessFormat)),
        new("legalRepresentative", p => p.LegalRepresentative),
        new("registeredCapital", p => Text(p.RegisteredCapital)),
        new("foundedOn", p => Text(p.FoundedOn)),
        new("size", p => Text(p.Size)),
        new("address", p => p.Address),
        new("website", p => p.Website),
        new("marketCoverage", p => p.MarketCoverage),
        new("productsCarried", p => p.ProductsCarried),
        new("businessScope", p => p.BusinessScope),
        new("bankCreditRating", p => Text(p.BankCreditRating)),
        new("annualSales", p => Text(p.AnnualSales)),
        new("offSeasonSales", p => Text(p.OffSeasonSales)),
        new("peakSeasonSales", p => Text(p.PeakSeasonSales)),
        new("monthlyPurchasingPower", p => Text(p.MonthlyPurchasingPower)),
        new("competitors", p => p.Competitors.Count == 0 ? null : JsonSerializer.Serialize(p.Competitors, CompactJson)),
        new("taxNumber", p => p.TaxNumber, Sensitive: true),
        new("invoiceBank", p => p.InvoiceBank, Sensitive: true),
        new("invoiceAccount", p => p.InvoiceAccount, Sensitive: true),
        new("invoicePhone", p => p.InvoicePhone, Sensitive: true),
        new("invoiceRequirements", p => p.InvoiceRequirements, Sensitive: true),
        new("category", p => ApiNames.Of(p.Category)),
        new("incomeGroup", p => Text(p.IncomeGroup)),
        new("locationType", p => Text(p.LocationType)),
        new("validUntil", p => Text(p.ValidUntil)),
        new("remarks", p => p.Remarks),
        new("parentId", p => p.ParentId?.ToString()),
        new("outletTier", p => Text(p.OutletTier)),
    ];

    /// <summary>Every field whose value differs, in the card's order.</summary>
    public IReadOnlyList<ChangedField> ChangesTo(CustomerProfile updated) =>
        Fields.Select(f => (f, From: f.Render(this), To: f.Render(updated)))
            .Where(x => !string.Equals(x.From, x.To, StringComparison.Ordinal))
            .Select(x => new ChangedField(x.f.Name, x.From, x.To))
            .ToList();

    /// <summary>The initial values, as the registration's history entry records them.</summary>
    public IReadOnlyList<ChangedField> AsInitialValues() =>
        Fields.Select(f => new ChangedField(f.Name, null, f.Render(this))).Where(c => c.To is not null).ToList();

    internal static readonly JsonSerializerOptions CompactJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string? Text<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } v ? ApiNames.Of(v) : null;

    // At most six places are stored; trailing zeros are not a change (1000.5 and 1000.50 are the same amount).
    public static string? Text(decimal? value) => value?.ToString("0.######", CultureInfo.InvariantCulture);

    public static string? Text(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>One field of the card: its API name, how it is shown, and whether it is sensitive (shown only to those entitled).</summary>
public sealed record ProfileField(string Name, Func<CustomerProfile, string?> Render, bool Sensitive = false);

/// <summary>One changed field: old → new, as text.</summary>
public sealed record ChangedField(string Field, string? From, string? To);

/// <summary>Formats the card checks.</summary>
public static partial class Formats
{
    public const string PhoneHint = "must be a phone number: digits, spaces, '+', '-', parentheses, and an optional extension (转 123).";

    public static bool IsPhone(string value) => PhonePattern().IsMatch(value);

    public static bool IsEmail(string value) =>
        value.Length <= 200 && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    public static bool IsBankAccount(string value) => AccountPattern().IsMatch(value);

    public static bool IsWebsite(string value) =>
        Uri.TryCreate(value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https" && uri.Host.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex(@"^\+?[0-9() \-]{5,25}((转|ext\.?|x) ?[0-9]{1,6})?$", RegexOptions.IgnoreCase)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[0-9A-Z][0-9A-Z \-]{4,38}[0-9A-Z]$")]
    private static partial Regex AccountPattern();
}
