using System.Text;
using System.Text.RegularExpressions;

namespace Crm.Customers.Model;

/// <summary>
/// The tax number (税号): the 18-character unified social credit code (统一社会信用代码, GB 32100-2015) with its check
/// character, or a legacy 15-character taxpayer number (6-digit area code and 9-character organisation code).
/// </summary>
public static partial class TaxNumber
{
    public const string FormatHint =
        "taxNumber must be an 18-character unified social credit code (统一社会信用代码) with a valid check character, " +
        "or a legacy 15-character taxpayer number.";

    private const string CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Full-width characters to half-width, upper case, spaces and hyphens removed; null when blank.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c) || c == '-') continue;
            builder.Append(char.ToUpperInvariant(c));
        }
        return builder.ToString();
    }

    public static bool IsValid(string normalized) =>
        normalized.Length switch
        {
            18 => IsUnifiedSocialCreditCode(normalized),
            15 => LegacyPattern().IsMatch(normalized),
            _ => false,
        };

    private static bool IsUnifiedSocialCreditCode(string code)
    {
        if (!UnifiedPattern().IsMatch(code)) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += CodeAlphabet.IndexOf(code[i], StringComparison.Ordinal) * Weights[i];
        return code[17] == CodeAlphabet[(31 - sum % 31) % 31];
    }

    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")]
    private static partial Regex UnifiedPattern();

    [GeneratedRegex("^[0-9]{6}[0-9A-Z]{8}[0-9X]$")]
    private static partial Regex LegacyPattern();
}
