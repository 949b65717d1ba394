namespace Crm.ServiceDefaults;

/// <summary>
/// The one guard of every CSV the CRM writes against formula injection (OWASP "CSV injection"): a text cell starting
/// with <c>= + - @</c>, tab or carriage return gets a leading apostrophe, so that a spreadsheet shows it as text
/// instead of running it. A cell that is a plain number (<c>-12.5</c>, <c>+3</c>) is left as it is: it cannot run, and
/// an amount must stay an amount. An import reading a file we exported takes the apostrophe off again
/// (<see cref="Restore"/>), so that export → edit → import gives back what was exported.
/// </summary>
public static class CsvCells
{
    /// <summary>The cell as it is safe to write (not yet quoted; CsvHelper quotes, <see cref="Field"/> does both).</summary>
    public static string? Neutralise(string? value) =>
        value is { Length: > 0 } && IsTrigger(value[0]) && !IsNumber(value) ? "'" + value : value;

    /// <summary>A neutralised cell quoted for a hand-written CSV (RFC 4180: commas, quotes and line breaks).</summary>
    public static string Field(string? value)
    {
        var cell = Neutralise(value) ?? "";
        return cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
    }

    /// <summary>Undoes <see cref="Neutralise"/>: an apostrophe followed by a character that triggers a formula is taken off.</summary>
    public static string Restore(string value) =>
        value is ['\'', var next, ..] && IsTrigger(next) && !IsNumber(value[1..]) ? value[1..] : value;

    private static bool IsTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool IsNumber(string value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
}
