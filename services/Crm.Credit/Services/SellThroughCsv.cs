using System.Globalization;
using System.Text;

namespace Crm.Credit.Services;

/// <summary>One row of a sell-through file or JSON body, with the problems found while reading its cells.</summary>
public sealed record SellThroughRow(int Row, SellThroughLineRequest Line, ValidationErrors Errors);

/// <summary>
/// Reads a sell-through CSV (UTF-8; headers in English or Chinese, any order): outletCode (门店编号) or outletId, date
/// (日期), product (产品), quantity (数量), amount (金额). Amounts are read exactly as written, never through a float.
/// </summary>
public static class SellThroughCsv
{
    private sealed record Column(string Key, string Chinese, string[] Aliases, Func<SellThroughLineRequest, string, ValidationErrors, SellThroughLineRequest> Read);

    private static readonly Column[] Columns =
    [
        new("outletCode", "门店编号", ["终端编号", "网点编号", "客户编号", "门店编码", "客户编码"], (l, v, _) => l with { OutletCode = v }),
        new("outletId", "门店ID", ["终端ID"], (l, v, e) => l with { OutletId = Guid.TryParse(v, out var id) ? id : Invalid<Guid>(e, "outletId", $"'{v}' 不是有效的门店ID (not an outlet id).") }),
        new("date", "日期", ["销售日期", "出货日期"], (l, v, e) => l with { Date = Date(v, e) }),
        new("product", "产品", ["品名", "产品名称", "商品"], (l, v, _) => l with { Product = v }),
        new("quantity", "数量", ["销售数量"], (l, v, e) => l with { Quantity = Number(v, "quantity", e) }),
        new("amount", "金额", ["销售金额", "销售额"], (l, v, e) => l with { Amount = Number(v, "amount", e) }),
    ];

    private static readonly Dictionary<string, Column> ByHeader = Columns
        .SelectMany(c => new[] { c.Key, c.Chinese }.Concat(c.Aliases).Select(h => (Header: Normalize(h), Column: c)))
        .ToDictionary(x => x.Header, x => x.Column, StringComparer.Ordinal);

    private static readonly CsvUploadMessages Messages = new(
        NotUtf8: "文件不是 UTF-8 编码：在 Excel 中另存为“CSV UTF-8 (逗号分隔)”。The file is not UTF-8.",
        Empty: "文件为空：需要标题行和至少一行数据。The file is empty: a header row and at least one line.",
        NoRows: "文件只有标题行，没有数据。The file has a header row but no lines.",
        Unreadable: row => $"第 {row} 行附近无法读取：请检查引号和分隔符。The CSV cannot be read near row {row}.");

    public static async Task<List<SellThroughRow>> ReadAsync(Stream body, int maxRows, CancellationToken cancellationToken)
    {
        var columns = new List<Column>();
        var rows = new List<SellThroughRow>();
        await CsvUpload.ReadAsync(body, Messages, headers => columns = MapHeaders(headers), (row, record) =>
        {
            if (rows.Count == maxRows)
                throw new RequestValidationException("file", $"一份报告最多 {maxRows} 行，请拆分文件。A report holds at most {maxRows} lines.");
            var errors = new ValidationErrors();
            var line = new SellThroughLineRequest(null, null, null, null, null, null);
            for (var i = 0; i < columns.Count && i < record.Length; i++)
                if (!string.IsNullOrWhiteSpace(record[i])) line = columns[i].Read(line, record[i].Trim(), errors);
            rows.Add(new SellThroughRow(row, line, errors));
        }, cancellationToken);
        return rows;
    }

    private static List<Column> MapHeaders(string[] headers)
    {
        var errors = new ValidationErrors();
        var columns = new List<Column>();
        foreach (var header in headers)
        {
            if (ByHeader.GetValueOrDefault(Normalize(header)) is not { } column)
                errors.Add("file", $"未知列“{header}”。Unknown column; known: {string.Join(", ", Columns.Select(c => $"{c.Key} ({c.Chinese})"))}.");
            else if (columns.Contains(column))
                errors.Add("file", $"列“{header}”重复。The column appears twice.");
            else
                columns.Add(column);
        }
        foreach (var required in new[] { "date", "product", "quantity", "amount" }.Where(r => columns.All(c => c.Key != r)))
        {
            var column = Columns.Single(c => c.Key == required);
            errors.Add("file", $"缺少必需列 {column.Chinese} ({column.Key}). The column is required.");
        }
        if (!columns.Any(c => c.Key is "outletCode" or "outletId"))
            errors.Add("file", "缺少门店列：门店编号 (outletCode) 或 门店ID (outletId)。An outlet column is required.");
        errors.ThrowIfAny();
        return columns;
    }

    private static string Normalize(string header) =>
        string.Concat(header.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c is not ('*' or '_' or '-' or '\uFEFF'))).ToLowerInvariant();

    private static T? Invalid<T>(ValidationErrors errors, string field, string message) where T : struct
    {
        errors.Add(field, message);
        return null;
    }

    private static DateOnly? Date(string text, ValidationErrors errors) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : Invalid<DateOnly>(errors, "date", $"“{text}”不是日期，请写成 2026-11-23。Not a date.");

    private static decimal? Number(string text, string field, ValidationErrors errors)
    {
        var cleaned = text.Replace("¥", "", StringComparison.Ordinal).Replace("￥", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        return decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : Invalid<decimal>(errors, field, $"“{text}”不是数字，请写成 1234.56。Not a number.");
    }
}
