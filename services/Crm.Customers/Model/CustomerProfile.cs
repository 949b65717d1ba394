using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Crm.Customers.Model;

/// <summary>A competitor present at the customer, and how the customer rates it (竞争对手及客户评价).</summary>
public sealed record Competitor(string Name, string? Assessment);

/// <summary>
/// Everything on the archive card (客户档案表) that an edit may change. Status, owner, code, branch and grade have
/// their own routes and rules. Values are already trimmed; <see cref="Validate"/> checks every bound and format.
/// What each field is called, who sees it and how it travels is in <see cref="CustomerCard"/>. The card response
/// derives from it, so that the card's fields are declared once for the API too.
/// </summary>
public record CustomerProfile
{
    public const int NameMaxLength = 200;
    public const int RegionMaxLength = 100;
    public const int RouteMaxLength = 50;
    public const int ShortTextMaxLength = 100;
    public const int AddressMaxLength = 300;
    public const int WebsiteMaxLength = 200;
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
    /// <summary>Always present (empty when none): <c>required</c> in the API description, not in JSON read back from storage.</summary>
    [Required]
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
    [Required]
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
            .MaxLength(F("website"), Website, WebsiteMaxLength)
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

    /// <summary>Every field whose value differs, in the card's order.</summary>
    public IReadOnlyList<ChangedField> ChangesTo(CustomerProfile updated) => CustomerCard.Changes(this, updated);

    /// <summary>The initial values, as the registration's history entry records them.</summary>
    public IReadOnlyList<ChangedField> AsInitialValues() => CustomerCard.InitialValues(this);

    /// <summary>A card to fill from nothing (a CSV row): the required texts empty, the rest unset or at its default.</summary>
    public static CustomerProfile Empty { get; } = new() { Name = "", Kind = CustomerKind.Other, Region = "" };

    /// <summary>
    /// The card as the model keeps it, from a <paramref name="draft"/> whose texts are trimmed (blanks null): the tax
    /// number normalised, the bank account in upper case, an outlet's tier defaulting to other; with every field error
    /// collected under <paramref name="prefix"/>. Null when anything is wrong.
    /// </summary>
    public static CustomerProfile? Complete(CustomerProfile draft, bool kindGiven, ValidationErrors errors, DateOnly today, string prefix = "")
    {
        if (!kindGiven) errors.Required<CustomerKind>(prefix + "kind", null, "agent, factory, trading or other");
        var profile = draft with
        {
            TaxNumber = Model.TaxNumber.Normalize(draft.TaxNumber),
            InvoiceAccount = draft.InvoiceAccount?.ToUpperInvariant(),
            OutletTier = draft.ParentId is null ? draft.OutletTier : draft.OutletTier ?? Model.OutletTier.Other,
        };
        profile.Validate(errors, today, prefix);
        return errors.IsEmpty ? profile : null;
    }

    /// <summary>Trimmed; blank is null.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string? Text<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } v ? ApiNames.Of(v) : null;

    // At most six places are stored; trailing zeros are not a change (1000.5 and 1000.50 are the same amount).
    public static string? Text(decimal? value) => value?.ToString("0.######", CultureInfo.InvariantCulture);

    public static string? Text(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

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
