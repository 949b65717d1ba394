using System.Globalization;
using System.Net;
using System.Text;

namespace Crm.Contracts.Services;

/// <summary>
/// The printable standard contract (标准合同文本): one self-contained HTML page, A4, both parties, the eleven
/// sections in order and the signature block (将文件制作的规范漂亮一些, 展示公司形象). Every value a person entered is
/// HTML-encoded; nothing from the contract reaches the page unencoded.
/// </summary>
public static class ContractDocument
{
    private const string Style = """
        @page { size: A4; margin: 20mm 18mm 22mm 18mm; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 10.5pt; line-height: 1.6; color: #111; margin: 0; }
        .page { max-width: 174mm; margin: 0 auto; }
        header { text-align: center; border-bottom: 2px solid #8b1a1a; padding-bottom: 6mm; margin-bottom: 6mm; }
        header .company { font-size: 12pt; letter-spacing: 2px; color: #8b1a1a; }
        h1 { font-size: 20pt; letter-spacing: 8px; margin: 3mm 0 2mm; }
        header .meta { font-size: 9.5pt; color: #444; }
        h2 { font-size: 11.5pt; margin: 5mm 0 2mm; padding-left: 2mm; border-left: 3px solid #8b1a1a; page-break-after: avoid; }
        table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; page-break-inside: avoid; }
        th, td { border: 1px solid #999; padding: 1.2mm 2mm; vertical-align: top; text-align: left; }
        th { background: #f3eeee; font-weight: normal; white-space: nowrap; width: 28%; }
        table.lines th { width: auto; text-align: center; white-space: normal; }
        table.lines td.num { white-space: normal; }
        table.lines tr.total td.num { white-space: nowrap; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.total td { font-weight: bold; background: #faf7f7; }
        .parties { display: flex; gap: 6mm; }
        .parties > div { flex: 1; min-width: 0; }
        .parties th { white-space: normal; width: 38%; }
        .signatures { display: flex; gap: 10mm; margin-top: 10mm; page-break-inside: avoid; }
        .signatures > div { flex: 1; border-top: 1px solid #333; padding-top: 3mm; min-height: 40mm; }
        .signatures p { margin: 2mm 0; }
        .seal { margin-top: 8mm; color: #888; }
        footer { margin-top: 8mm; font-size: 8.5pt; color: #666; text-align: center; border-top: 1px solid #ccc; padding-top: 2mm; }
        .empty { color: #888; }
        @media print { .page { max-width: none; } }
        """;

    public static string Render(Contract contract, CustomerReference customer, BranchSettings settings)
    {
        var s = contract.Sections;
        var company = s.Parties?.Company ?? settings.Company;
        var them = s.Parties?.Customer ?? new Party { LegalName = customer.Name };
        var html = new StringBuilder(16_384);
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(contract.Title)).Append(" · ").Append(E(contract.Number)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<div class=\"page\">\n");

        html.Append("<header>\n<div class=\"company\">").Append(E(company.LegalName)).Append("</div>\n<h1>")
            .Append(E(contract.Title)).Append("</h1>\n<div class=\"meta\">合同编号 No. ").Append(E(contract.Number))
            .Append(" · 第 ").Append(Math.Max(contract.CurrentVersion, 1)).Append(" 版 · 状态 ").Append(E(StateLabel(contract.State))).Append("</div>\n</header>\n");

        html.Append("<h2>甲乙双方 Parties</h2>\n<div class=\"parties\">\n");
        PartyTable(html, "甲方 (供方) Party A", company);
        PartyTable(html, "乙方 (需方) Party B", them);
        html.Append("</div>\n");

        html.Append("<h2>一、标的 Subject</h2>\n");
        if (s.Lines is { Count: > 0 } lines)
        {
            html.Append("<table class=\"lines\">\n<tr><th>序号</th><th>产品 Product</th><th>品牌 Brand</th><th>规格 Specification</th><th>数量 Quantity</th><th>单价 Unit price</th><th>金额 Amount</th></tr>\n");
            for (var i = 0; i < lines.Count; i++)
            {
                var l = lines[i];
                html.Append("<tr><td class=\"num\">").Append(i + 1).Append("</td><td>").Append(E(l.Product)).Append("</td><td>").Append(E(l.Brand))
                    .Append("</td><td>").Append(E(l.Specification)).Append("</td><td class=\"num\">").Append(Number(l.Quantity)).Append(E(l.Unit is null ? "" : " " + l.Unit))
                    .Append("</td><td class=\"num\">").Append(Money(l.UnitPrice)).Append("</td><td class=\"num\">").Append(Money(l.Amount)).Append("</td></tr>\n");
            }
            html.Append("<tr class=\"total\"><td colspan=\"4\">合计 Total</td><td class=\"num\">").Append(Number(s.TotalQuantity))
                .Append("</td><td></td><td class=\"num\">¥ ").Append(Money(s.TotalAmount)).Append("</td></tr>\n</table>\n");
        }
        else html.Append("<p class=\"empty\">(未填写 not filled in)</p>\n");

        Section(html, "二、质量要求 Quality", [("质量标准 Standard", E(s.Quality?.Standard)), ("质保期 Warranty", Days(s.Quality?.WarrantyMonths, "个月 months"))]);
        Section(html, "三、发送 Delivery", [
            ("交货时间 Time", E(s.Delivery?.Time)), ("交货地点 Place", E(s.Delivery?.Place)), ("运输方式 Transport", E(s.Delivery?.Transport)),
            ("运费承担 Freight", s.Delivery?.FreightPaidBy switch { FreightPayer.Buyer => "乙方 (需方) buyer", FreightPayer.Seller => "甲方 (供方) seller", _ => "" })]);
        Section(html, "四、验收 Acceptance", [
            ("验收方法 Method", E(s.Acceptance?.Method)), ("验收期限 Inspection", Days(s.Acceptance?.InspectionDays)), ("异议期 Objection period", Days(s.Acceptance?.ObjectionDays))]);
        Section(html, "五、经营权限 Distribution rights", [
            ("级别 Level", s.DistributionRights?.Level switch { DistributionLevel.Exclusive => "总经销 exclusive", DistributionLevel.Distribution => "分销 distribution", DistributionLevel.Retail => "零售 retail", _ => "" }),
            ("地区 Territories", E(string.Join("、", s.DistributionRights?.Territories ?? []))),
            ("产品线 Product lines", E(string.Join("、", s.DistributionRights?.ProductLines ?? []))),
            ("期限 Term", Period(s.DistributionRights?.From ?? s.Signing?.EffectiveOn, s.DistributionRights?.To ?? s.Signing?.ExpiresOn))]);
        Section(html, "六、结账方式 Settlement", [
            ("方式 Type", s.Settlement?.Type switch { SettlementType.Prepay => "预付 prepay", SettlementType.Cash => "现付 cash on delivery", SettlementType.Credit => "赊销 credit", _ => "" }),
            ("账期 Payment term", Days(s.Settlement?.PaymentTermDays))]);
        var tiers = s.Policies?.RebateTiers is { Count: > 0 } t
            ? string.Join("<br>", t.Select(r => $"年度进货额 ≥ ¥ {Money(r.Threshold)} → 返利 {Number(r.Percent)} %"))
            : "";
        Section(html, "七、经销政策 Policies", [
            ("返利 Rebate tiers", tiers), ("年奖 Annual bonus", s.Policies?.AnnualBonusPercent is { } bonus ? $"{Number(bonus)} %" : ""),
            ("促销 Promotion", E(s.Policies?.Promotion)), ("广告 Advertising", E(s.Policies?.Advertising)),
            ("人员支援 Staff support", E(s.Policies?.StaffSupport)), ("车辆支援 Vehicle support", E(s.Policies?.VehicleSupport))]);
        Section(html, "八、订、退货规定 Ordering and returns", [
            ("最低订货额 Minimum order", s.Ordering?.MinimumOrder is { } min ? "¥ " + Money(min) : ""),
            ("退货期限 Return window", Days(s.Ordering?.ReturnWindowDays)), ("换货期限 Exchange window", Days(s.Ordering?.ExchangeWindowDays))]);
        Section(html, "九、违约责任及纠纷处理 Breach and disputes", [
            ("违约责任 Penalty", E(s.Breach?.Penalty)), ("违约金比例 Penalty rate", s.Breach?.PenaltyPercent is { } p ? $"{Number(p)} %" : ""),
            ("争议解决地 Venue", E(s.Breach?.Venue))]);
        Section(html, "十、签约 Signing", [
            ("签约地点 Place", E(s.Signing?.Place)), ("签约日期 Signed on", Date(s.Signing?.SignedOn)),
            ("生效日期 Effective", Date(s.Signing?.EffectiveOn)), ("到期日期 Expires", Date(s.Signing?.ExpiresOn)),
            ("自动续约 Auto-renewal", s.Signing is null ? "" : s.Signing.AutoRenew ? $"是 yes; 如不续约须于到期前 {s.Signing.NoticeDays ?? 0} 天书面通知" : "否 no")]);

        html.Append("<h2>十一、甲乙双方签署 Parties and signatures</h2>\n<div class=\"signatures\">\n");
        Signature(html, "甲方 Party A", company, s.Signing?.SignedOn);
        Signature(html, "乙方 Party B", them, s.Signing?.SignedOn);
        html.Append("</div>\n<footer>合同编号 ").Append(E(contract.Number)).Append(" · 本合同一式两份, 甲乙双方各执一份, 具有同等法律效力。</footer>\n</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void PartyTable(StringBuilder html, string title, Party party)
    {
        html.Append("<div>\n<table>\n<tr><th colspan=\"2\" style=\"text-align:center\">").Append(E(title)).Append("</th></tr>\n");
        Row(html, "名称 Legal name", E(party.LegalName));
        Row(html, "地址 Address", E(party.Address));
        Row(html, "法定代表人 Legal rep.", E(party.LegalRepresentative));
        Row(html, "签约代表 Signing rep.", E(party.SigningRepresentative));
        Row(html, "联系人 Contact", E(party.Contact));
        Row(html, "电话 Phone", E(party.Phone));
        Row(html, "开户行 Bank", E(party.Bank));
        Row(html, "账号 Account", E(party.Account));
        Row(html, "税号 Tax number", E(party.TaxNumber));
        html.Append("</table>\n</div>\n");
    }

    private static void Signature(StringBuilder html, string title, Party party, DateOnly? signedOn)
    {
        html.Append("<div>\n<p><strong>").Append(E(title)).Append("</strong>: ").Append(E(party.LegalName)).Append("</p>\n")
            .Append("<p>法定代表人或授权代表 (签字): ").Append(E(party.SigningRepresentative ?? party.LegalRepresentative)).Append("</p>\n")
            .Append("<p>日期 Date: ").Append(Date(signedOn)).Append("</p>\n<p class=\"seal\">(盖章 seal)</p>\n</div>\n");
    }

    private static void Section(StringBuilder html, string title, IReadOnlyList<(string Label, string Value)> rows)
    {
        html.Append("<h2>").Append(E(title)).Append("</h2>\n<table>\n");
        foreach (var (label, value) in rows) Row(html, label, value);
        html.Append("</table>\n");
    }

    // Values arrive encoded already (E, or built from numbers and fixed labels only).
    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(value.Length == 0 ? "<span class=\"empty\">—</span>" : value).Append("</td></tr>\n");

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    private static string Money(decimal? value) => value is { } v ? v.ToString("N2", CultureInfo.InvariantCulture) : "";

    private static string Number(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "";

    private static string Date(DateOnly? value) => value?.ToString("yyyy 年 MM 月 dd 日", CultureInfo.InvariantCulture) ?? "";

    private static string Days(int? value, string unit = "天 days") => value is { } v ? $"{v} {unit}" : "";

    private static string Period(DateOnly? from, DateOnly? to) => from is null && to is null ? "" : $"{Date(from)} 至 {Date(to)}";

    private static string StateLabel(ContractState state) => state switch
    {
        ContractState.Draft => "草稿 draft",
        ContractState.Submitted => "审批中 submitted",
        ContractState.Approved => "已批准 approved",
        ContractState.Signed => "已签约 signed",
        ContractState.Active => "履行中 active",
        ContractState.Expired => "已到期 expired",
        ContractState.Terminated => "已终止 terminated",
        _ => state.ToString(),
    };
}
