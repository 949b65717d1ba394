using System.Globalization;
using System.Text;

namespace Crm.Customers.Model;

/// <summary>
/// The comparison keys of duplicate detection (查重). Two names are near-identical when their keys are equal: full-width
/// characters become half-width (NFKC), case is ignored, spaces and punctuation go, and so do company suffixes
/// (有限公司, 有限责任公司, 股份有限公司, 公司, Co., Ltd., Inc. …), so that 杭州利民日化有限公司, 杭州利民日化 and
/// ＨＡＮＧＺＨＯＵ Limin Co., Ltd. vs Hangzhou LIMIN Inc. each compare equal.
/// </summary>
public static class NameKey
{
    // Longest first, so that 股份有限公司 is removed whole and not as 有限公司 leaving 股份.
    private static readonly string[] ChineseSuffixes = ["股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "总公司", "分公司", "公司"];

    private static readonly HashSet<string> EnglishSuffixWords = new(StringComparer.Ordinal)
    {
        "co", "company", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "llc", "plc", "gmbh",
    };

    /// <summary>The key of a company name.</summary>
    public static string ForName(string name)
    {
        var words = Words(name);
        // English suffixes only as whole trailing words: "Costco" keeps its "co".
        while (words.Count > 1 && EnglishSuffixWords.Contains(words[^1])) words.RemoveAt(words.Count - 1);
        var key = string.Concat(words);
        var stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (var suffix in ChineseSuffixes)
            {
                if (key.Length > suffix.Length && key.EndsWith(suffix, StringComparison.Ordinal))
                {
                    key = key[..^suffix.Length];
                    stripped = true;
                    break;
                }
            }
        }
        return key;
    }

    /// <summary>The key of a region (地区): width, case, spaces and punctuation ignored.</summary>
    public static string ForRegion(string region) => string.Concat(Words(region));

    /// <summary>What free-text search compares: width and case ignored.</summary>
    public static string ForSearch(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark)
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0) words.Add(word.ToString());
        return words;
    }
}
