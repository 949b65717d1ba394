using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Crm.Web.Localization;

/// <summary>
/// Problems (RFC 9457) in the user's language, in one place. The services answer with a standard <c>type</c> per status,
/// English titles, details that are English or Chinese-first bilingual, and <c>errors</c> by field path whose messages
/// follow a few shapes (ValidationErrors, the CSV import). The headline is looked up by the problem's rule, its kind
/// of conflict, then its <c>type</c>; a detail or message that is bilingual shows the user's half; the known English
/// shapes are rewritten with the field's name in the user's words; anything else is the service's own text.
/// </summary>
public sealed partial class Texts
{
    /// <summary>Headlines by problem type URI, by <c>rule:</c> and by <c>title:</c> (the services' kinds of 409).</summary>
    private static readonly FrozenDictionary<string, (string Zh, string En)> Headlines = new Dictionary<string, (string, string)>
    {
        ["https://tools.ietf.org/html/rfc9110#section-15.5.1"] = ("请检查输入", "Please check what you entered"),
        ["https://tools.ietf.org/html/rfc9110#section-15.5.4"] = ("您的角色不能执行此操作", "Your role may not do this"),
        ["https://tools.ietf.org/html/rfc9110#section-15.5.5"] = ("未找到，或您无权查看", "Not found, or not yours to see"),
        ["https://tools.ietf.org/html/rfc9110#section-15.5.10"] = ("与现有数据冲突", "Conflicts with what is on file"),
        ["https://tools.ietf.org/html/rfc9110#section-15.5.14"] = ("文件或内容过大", "The file or body is too large"),
        ["https://tools.ietf.org/html/rfc9110#section-15.5.21"] = ("业务规则不允许", "A business rule refuses it"),
        ["https://tools.ietf.org/html/rfc6585#section-4"] = ("请求过于频繁，请稍后再试", "Too many requests; try again shortly"),
        ["https://tools.ietf.org/html/rfc9110#section-15.6.1"] = ("系统出错，请稍后再试", "The system failed; try again shortly"),
        ["https://tools.ietf.org/html/rfc9110#section-15.6.4"] = ("服务暂不可用，请稍后再试", "The service is unavailable; try again shortly"),
        ["title:Stale version."] = ("他人已先行修改", "Someone changed it first"),
        ["title:Possible duplicates."] = ("可能重复的客户", "Possible duplicates"),
        ["title:Wrong state."] = ("当前状态下不能执行此操作", "Not possible in the current state"),
        ["title:Already decided."] = ("此步骤已审批", "This step was decided already"),
        ["title:Already renewed."] = ("已续签", "Renewed already"),
        ["title:Already given."] = ("已发出通知", "Notice given already"),
        ["rule:exclusive-territory"] = ("总经销区域冲突", "Exclusive territory overlaps"),
        ["rule:separation-of-duties"] = ("起草或提交人不能审批自己的申请", "Who filed it may not decide it"),
        ["rule:notice-too-late"] = ("已过不续约通知期限", "Too late for notice"),
        ["rule:import-row-limit"] = ("导入行数超过上限", "Too many rows to import"),
        ["rule:over-credit-limit"] = ("超出信用额度", "Over the credit limit"),
    }.ToFrozenDictionary();

    private static string Pick((string Zh, string En) t) => IsEnglish ? t.En : t.Zh;

    /// <summary>The problem's headline in the user's language.</summary>
    public string ProblemHeadline(ApiProblem problem)
    {
        if (problem.Rule is { } rule && Headlines.TryGetValue("rule:" + rule, out var byRule)) return Pick(byRule);
        if (problem.Title is { } title && Headlines.TryGetValue("title:" + title, out var byTitle)) return Pick(byTitle);
        if (problem.Type is { } type && Headlines.TryGetValue(type, out var byType)) return Pick(byType);
        return ProblemTitle(problem.Status);
    }

    /// <summary>The problem's detail in the user's language where the service gave it or it has a known shape; else the service's text.</summary>
    public string? ProblemDetail(ApiProblem problem)
    {
        if (string.IsNullOrWhiteSpace(problem.Detail)) return null;
        // The generic "correct the fields listed in 'errors'": the fields are shown, the sentence says nothing more.
        if (problem.Errors.Count > 0 && problem.Detail.StartsWith("Correct the fields listed in 'errors'", StringComparison.Ordinal)) return null;
        return Message(null, problem.Detail);
    }

    /// <summary>A field's label in the user's words, from its API path (<c>lines[0].unitPrice</c> → 标的 1 · 单价).</summary>
    public string FieldLabel(string field)
    {
        var parts = field.Split('.');
        var labels = new List<string>();
        foreach (var part in parts)
        {
            var m = IndexedPart().Match(part);
            var name = m.Success ? m.Groups["name"].Value : part;
            var label = Lookup($"field.{name}") ?? Lookup($"contract.f.{name}") ?? Lookup($"contract.section.{name}") ?? name;
            labels.Add(m.Success ? $"{label} {int.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture) + (name == "rows" ? 0 : 1)}" : label);
        }
        return string.Join(" · ", labels);
    }

    private string? Lookup(string key) => All.TryGetValue(key, out var t) ? Pick(t) : null;

    /// <summary>A message (a field's, or a detail) in the user's language: a bilingual text's own half, a known English shape rewritten, else as sent.</summary>
    public string Message(string? field, string message)
    {
        var text = message.Trim();
        if (Bilingual(text) is { } both) return IsEnglish ? both.En : both.Zh;
        if (IsEnglish) return text;
        foreach (var (pattern, zh) in Shapes)
        {
            var m = pattern.Match(text);
            if (!m.Success) continue;
            var name = m.Groups["f"].Success ? m.Groups["f"].Value : field;
            return zh(m, name is null ? "" : FieldLabel(name));
        }
        return text;
    }

    /// <summary>A field's messages where the field itself is not beside them: its label once, then what each message says.</summary>
    public string Labeled(string field, IEnumerable<string> messages)
    {
        var label = FieldLabel(field);
        var texts = messages.Select(m => Message(field, m)).Select(m => m.StartsWith(label + "：", StringComparison.Ordinal) ? m[(label.Length + 1)..] : m);
        return $"{label}：{string.Join("；", texts)}";
    }

    /// <summary>A bilingual text as the services write it: "中文 (English)", "中文 / English", "中文。English", "English (中文)".</summary>
    public string Detail(string text) => Bilingual(text.Trim()) is { } both ? (IsEnglish ? both.En : both.Zh) : text;

    private static (string Zh, string En)? Bilingual(string text)
    {
        if (!Cjk().IsMatch(text)) return null;
        if (ChineseThenEnglishInParentheses().Match(text) is { Success: true } a && Cjk().IsMatch(a.Groups["zh"].Value) && Latin().IsMatch(a.Groups["en"].Value))
            return (a.Groups["zh"].Value.Trim().TrimEnd(',', '，', ':', '：'), a.Groups["en"].Value.Trim());
        if (ChineseSlashEnglish().Match(text) is { Success: true } b) return (b.Groups["zh"].Value.Trim(), b.Groups["en"].Value.Trim());
        if (ChineseThenEnglish().Match(text) is { Success: true } c) return (c.Groups["zh"].Value.Trim(), c.Groups["en"].Value.Trim());
        return null;
    }

    /// <summary>The English shapes the services use, and their Chinese with the field's label.</summary>
    private static readonly (Regex Pattern, Func<Match, string, string> Zh)[] Shapes =
    [
        (new(@"^(?<f>[\w.\[\]]+) is required\.$"), (_, f) => $"{f}：必填"),
        (new(@"^(?<f>[\w.\[\]]+) is required: (?<hint>.+)$"), (m, f) => $"{f}：必填（{m.Groups["hint"].Value.TrimEnd('.')}）"),
        (new(@"^(?<f>[\w.\[\]]+) must be at most (?<n>\d+) characters\.$"), (m, f) => $"{f}：最多 {m.Groups["n"].Value} 个字"),
        (new(@"^(?<f>[\w.\[\]]+) must be between (?<a>\S+) and (?<b>\S+)\.$"), (m, f) => $"{f}：须在 {m.Groups["a"].Value} 至 {m.Groups["b"].Value} 之间"),
        (new(@"^(?<f>[\w.\[\]]+) has a value of the wrong type"), (_, f) => $"{f}：值的类型不对，或不在可选范围内"),
        (new(@"^(?<f>[\w.\[\]]+) must be (?<type>.+); '(?<v>.*)' is not\.$"), (m, f) => $"{f}：“{m.Groups["v"].Value}”格式不对"),
        (new(@"^'(?<v>.*)' is not an amount"), (m, f) => $"{f}：“{m.Groups["v"].Value}”不是金额，请写成 1234567.89"),
        (new(@"^'(?<v>.*)' is not a date"), (m, f) => $"{f}：“{m.Groups["v"].Value}”不是日期，请写成 2026-11-23"),
        (new(@"^'(?<v>.*)' is not yes or no"), (m, f) => $"{f}：“{m.Groups["v"].Value}”应为 是 或 否"),
        (new(@"^'(?<v>.*)' is not a (?<f>\w+): use one of (?<list>.+?)\.?$"), (m, f) => $"{f}：“{m.Groups["v"].Value}”无效，可选：{m.Groups["list"].Value}"),
        (new(@"^email must be an address"), (_, _) => "电子邮件格式不对，例如 name@example.com"),
        (new(@"^website must be a web address"), (_, _) => "网址格式不对，例如 https://www.example.com"),
        (new(@"must be a phone number"), (_, f) => $"{f}：不是电话号码（数字、空格、+、-、括号，可带分机 转 123）"),
        (new(@"^taxNumber must be an 18-character"), (_, _) => "税号须为 18 位统一社会信用代码，且校验位正确"),
        (new(@"^Row (?<r>\d+) has the same tax number\.$"), (m, _) => $"与第 {m.Groups["r"].Value} 行税号相同"),
        (new(@"^Row (?<r>\d+) has a near-identical name in the same region\.$"), (m, _) => $"与第 {m.Groups["r"].Value} 行同一地区内名称几乎相同"),
        (new(@"^Row (?<r>\d+) has the same code"), (m, _) => $"与第 {m.Groups["r"].Value} 行编号相同"),
        (new(@"^The row has (?<n>\d+) cells but the header names (?<h>\d+) columns\.$"), (m, _) => $"本行有 {m.Groups["n"].Value} 个单元格，表头只有 {m.Groups["h"].Value} 列"),
        (new(@"^Possible duplicate of a customer on file"), (_, _) => "可能与已有客户重复"),
        (new(@"^reason is required with confirmNotDuplicate"), (_, _) => "确认不是重复客户时须说明理由"),
        (new(@"^Unknown column '(?<c>[^']*)'"), (m, _) => $"无法识别的列“{m.Groups["c"].Value}”"),
        (new(@"^The column '(?<c>[^']*)' appears twice\.$"), (m, _) => $"列“{m.Groups["c"].Value}”重复出现"),
        (new(@"^The column (?<c>\w+) \((?<zh>[^)]*)\) is required\.$"), (m, _) => $"缺少必需的列“{m.Groups["zh"].Value}”"),
        (new(@"^The file is empty"), (_, _) => "文件是空的：须有表头和至少一个客户"),
        (new(@"^The file has a header row but no customers"), (_, _) => "文件只有表头，没有客户"),
        (new(@"^The file is not UTF-8"), (_, _) => "文件不是 UTF-8 编码：在 Excel 中另存为“CSV UTF-8（逗号分隔）”，WPS 中选择 UTF-8 编码"),
        (new(@"^The CSV cannot be read near row (?<r>\d*)"), (m, _) => $"第 {m.Groups["r"].Value} 行附近无法读取：请检查引号和分隔符"),
        (new(@"^The (?<what>[\w ]+) was changed by someone else \(version (?<v>\d+), you sent (?<s>\d+)\)"),
            (m, _) => $"他人已修改（现为第 {m.Groups["v"].Value} 版，您提交的是第 {m.Groups["s"].Value} 版）；您输入的内容已保留，请查看后再保存"),
        (new(@"^No (?<what>[\w ]+) '(?<id>[^']*)' exists in your branch\.$"), (_, _) => "本分公司没有这一记录"),
        (new(@"^(?<n>\d+) of (?<r>\d+) rows have problems; nothing was imported"), (m, _) => $"{m.Groups["r"].Value} 行中有 {m.Groups["n"].Value} 行有问题，未导入任何客户"),
    ];

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex Latin();

    [GeneratedRegex(@"^(?<zh>[^()（）]+?)\s*[(（](?<en>[^()（）]+)[)）](?<tail>[。.]?)\s*$")]
    private static partial Regex ChineseThenEnglishInParentheses();

    [GeneratedRegex(@"^(?<zh>[^/]*\p{IsCJKUnifiedIdeographs}[^/]*?)\s+/\s+(?<en>[A-Za-z].*)$")]
    private static partial Regex ChineseSlashEnglish();

    [GeneratedRegex(@"^(?<zh>[^A-Za-z]*\p{IsCJKUnifiedIdeographs}[^A-Za-z]*?。)\s*(?<en>[A-Z].*)$")]
    private static partial Regex ChineseThenEnglish();

    [GeneratedRegex(@"^(?<name>\w+)\[(?<i>\d+)\]$")]
    private static partial Regex IndexedPart();
}
