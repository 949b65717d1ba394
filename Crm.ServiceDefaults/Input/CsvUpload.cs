using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Crm.ServiceDefaults;

/// <summary>How a CSV upload's problems with the file itself are worded for its users (each import words its own).</summary>
/// <param name="NotUtf8">The bytes are not UTF-8.</param>
/// <param name="Empty">There is not even a header row.</param>
/// <param name="NoRows">There is a header row and no row with a value.</param>
/// <param name="Unreadable">The CSV cannot be parsed near the row given (quotes, separators).</param>
public sealed record CsvUploadMessages(string NotUtf8, string Empty, string NoRows, Func<int?, string> Unreadable);

/// <summary>
/// The one reader of the CSV files people upload: strict UTF-8 (a byte-order mark is allowed), a header row, cells
/// trimmed, rows whose cells are all blank skipped. A problem with the file is a 400 on <c>file</c>, worded by the caller.
/// </summary>
public static class CsvUpload
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        TrimOptions = TrimOptions.Trim,
        MissingFieldFound = null,
        IgnoreBlankLines = true,
    };

    /// <summary>
    /// Reads <paramref name="body"/>: hands the header row to <paramref name="header"/>, then each row that has a value to
    /// <paramref name="row"/> with its row number in the file, in order. What the callbacks throw goes to the caller.
    /// </summary>
    public static async Task ReadAsync(
        Stream body, CsvUploadMessages messages, Action<string[]> header, Action<int, string[]> row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string text;
        try
        {
            using var reader = new StreamReader(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
                detectEncodingFromByteOrderMarks: false);
            text = (await reader.ReadToEndAsync(cancellationToken)).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new RequestValidationException("file", messages.NotUtf8);
        }

        using var csv = new CsvReader(new StringReader(text), Configuration);
        try
        {
            if (!await csv.ReadAsync()) throw new RequestValidationException("file", messages.Empty);
            header(csv.Parser.Record ?? []);
            var rows = 0;
            while (await csv.ReadAsync())
            {
                var record = csv.Parser.Record ?? [];
                if (record.All(string.IsNullOrWhiteSpace)) continue;
                row(csv.Parser.Row, record);
                rows++;
            }
            if (rows == 0) throw new RequestValidationException("file", messages.NoRows);
        }
        catch (CsvHelperException e)
        {
            throw new RequestValidationException("file", messages.Unreadable(e.Context?.Parser?.Row));
        }
    }
}
