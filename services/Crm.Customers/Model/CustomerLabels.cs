using System.Collections.Frozen;

namespace Crm.Customers.Model;

/// <summary>
/// The Chinese labels users know (DOMAIN.md), beside the API's kebab-case names: a CSV may use either, and the
/// Chinese export writes the labels.
/// </summary>
public static class CustomerLabels
{
    private static readonly FrozenDictionary<Enum, string[]> Labels = new Dictionary<Enum, string[]>
    {
        [CustomerKind.Agent] = ["代理商"],
        [CustomerKind.Factory] = ["工厂"],
        [CustomerKind.Trading] = ["贸易公司", "贸易"],
        [CustomerKind.Other] = ["其他"],
        [CustomerStatus.Active] = ["活跃"],
        [CustomerStatus.Inactive] = ["非活跃"],
        [CustomerStatus.Lost] = ["丢失"],
        [Ownership.State] = ["国有"],
        [Ownership.JointVenture] = ["合资"],
        [Ownership.Collective] = ["集体"],
        [Ownership.JointStock] = ["股份"],
        [Ownership.Private] = ["私营", "个体", "个体/私营"],
        [BusinessFormat.SpecialtyStore] = ["专卖店"],
        [BusinessFormat.ExclusiveStore] = ["专营店"],
        [BusinessFormat.AgencyStore] = ["代理店"],
        [BusinessFormat.ChainStore] = ["连锁店"],
        [BusinessFormat.WholesaleStore] = ["批发店"],
        [BusinessFormat.RetailStore] = ["零售店"],
        [EnterpriseSize.Micro] = ["微型"],
        [EnterpriseSize.Small] = ["小型"],
        [EnterpriseSize.Medium] = ["中型"],
        [EnterpriseSize.Large] = ["大型"],
        [BankCreditRating.Aaa] = ["AAA"],
        [BankCreditRating.Aa] = ["AA"],
        [BankCreditRating.A] = ["A"],
        [CustomerCategory.Core] = ["核心"],
        [CustomerCategory.Important] = ["重要"],
        [CustomerCategory.General] = ["一般"],
        [IncomeGroup.High] = ["高收入", "高"],
        [IncomeGroup.Middle] = ["中等收入", "中"],
        [IncomeGroup.Low] = ["低收入", "低"],
        [LocationType.Urban] = ["城区"],
        [LocationType.Suburban] = ["郊区"],
        [LocationType.County] = ["县城"],
        [LocationType.Township] = ["乡镇"],
        [LocationType.Rural] = ["农村"],
        [OutletTier.Wholesaler] = ["二批", "二级批发", "二批商"],
        [OutletTier.Retail] = ["零售终端", "零售", "终端"],
        [OutletTier.Other] = ["其他网点"],
    }.ToFrozenDictionary();

    /// <summary>The Chinese label of a value.</summary>
    public static string Chinese<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Labels.TryGetValue(value, out var labels) ? labels[0] : ApiNames.Of(value);

    /// <summary>Parses the API name (<c>joint-venture</c>, any case) or a Chinese label (<c>合资</c>).</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value) where TEnum : struct, Enum
    {
        var trimmed = text.Trim();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(ApiNames.Of(candidate), trimmed, StringComparison.OrdinalIgnoreCase)
                || (Labels.TryGetValue(candidate, out var labels) && labels.Contains(trimmed, StringComparer.OrdinalIgnoreCase)))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>The allowed spellings, for an error message: <c>agent (代理商), factory (工厂)…</c>.</summary>
    public static string Allowed<TEnum>() where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues<TEnum>().Select(v => Labels.TryGetValue(v, out var l) ? $"{ApiNames.Of(v)} ({l[0]})" : ApiNames.Of(v)));
}
