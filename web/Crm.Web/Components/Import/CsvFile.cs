using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.Web.Components.Import;

/// <summary>One customer row of the file: its row number as the import counts it (the header is row 1) and its name.</summary>
public sealed record CsvRow(int Row, string? Name, string[] Cells);

/// <summary>
/// The CSV a user uploads, read the way the customers import reads it (UTF-8, header row, trimmed cells, blank lines
/// skipped), so that the report's row numbers point at the same rows here. The import takes all rows or none: to commit
/// the good rows, the app sends the header and only the rows the dry run found no problem in.
/// </summary>
public sealed class CsvFile
{
    private static readonly string[] NameHeaders = ["name", "客户名称", "名称", "客户名"];

    public required string[] Header { get; init; }
    public required IReadOnlyList<CsvRow> Rows { get; init; }

    public static CsvFile Read(byte[] bytes)
    {
        var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        using var csv = new CsvReader(new StringReader(text), Configuration());
        if (!csv.Read()) return new CsvFile { Header = [], Rows = [] };
        var header = csv.Parser.Record ?? [];
        var nameAt = Array.FindIndex(header, h => NameHeaders.Contains(h.Trim(), StringComparer.OrdinalIgnoreCase));
        var rows = new List<CsvRow>();
        while (csv.Read())
        {
            var record = csv.Parser.Record ?? [];
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new CsvRow(csv.Parser.Row, nameAt >= 0 && nameAt < record.Length ? record[nameAt] : null, record));
        }
        return new CsvFile { Header = header, Rows = rows };
    }

    /// <summary>The header and the rows not named in <paramref name="excluded"/>, as UTF-8 CSV; and which original row each new row is.</summary>
    public (byte[] Csv, IReadOnlyList<int> OriginalRows) Without(IReadOnlySet<int> excluded)
    {
        var kept = Rows.Where(r => !excluded.Contains(r.Row)).ToList();
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, Configuration()))
        {
            foreach (var cell in Header) csv.WriteField(cell);
            csv.NextRecord();
            foreach (var row in kept)
            {
                foreach (var cell in row.Cells) csv.WriteField(cell);
                csv.NextRecord();
            }
        }
        return (new UTF8Encoding(false).GetBytes(writer.ToString()), kept.Select(r => r.Row).ToList());
    }

    private static CsvConfiguration Configuration() => new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        TrimOptions = TrimOptions.Trim,
        MissingFieldFound = null,
        BadDataFound = null,
        IgnoreBlankLines = true,
    };
}
