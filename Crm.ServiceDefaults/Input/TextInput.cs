namespace Crm.ServiceDefaults;

/// <summary>
/// What a text people read may be made of (names, contact names, addresses, summaries, reasons, comments…): not only
/// invisible characters (a name that shows as blank), no bidirectional overrides, embeddings, isolates or marks (which
/// make "ABC" display as "CBA" in a list or an export), and no control characters other than tab and line breaks.
/// <see cref="Problems.ValidationErrors"/> applies it to every field it checks for length, so every service's
/// validation refuses such values with a 400 naming the field. Values are refused rather than silently rewritten: the
/// caller sees what was wrong and nothing is stored that differs from what was sent.
/// </summary>
public static class TextInput
{
    /// <summary>Why the value may not be stored, or null when it may.</summary>
    public static string? Problem(string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var visible = false;
        var invisible = false;
        foreach (var c in value)
        {
            if (IsBidiControl(c))
                return $"{field} 含有改变文字方向的控制字符 (U+{(int)c:X4})，请删除 ({field} contains a bidirectional control character, U+{(int)c:X4}: remove it).";
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
                return $"{field} 含有控制字符 (U+{(int)c:X4})，请删除 ({field} contains a control character, U+{(int)c:X4}: remove it).";
            if (IsInvisible(c)) invisible = true;
            else if (!char.IsWhiteSpace(c)) visible = true;
        }
        return invisible && !visible
            ? $"{field} 只含不可见字符，请填写可见的文字 ({field} is made only of invisible characters: write visible text)."
            : null;
    }

    /// <summary>U+202A–202E (embeddings, overrides), U+2066–2069 (isolates), U+200E/200F and U+061C (direction marks).</summary>
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    /// <summary>Characters that print nothing: format characters (zero-width space, joiners, BOM…) and the blank letters.</summary>
    public static bool IsInvisible(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format
        || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u180E' or '\u034F';
}
