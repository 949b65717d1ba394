namespace Crm.Customers.Tests;

/// <summary>The rules that need no host: duplicate keys, tax numbers, weights, the CSV columns.</summary>
public sealed class ModelTests
{
    [Theory]
    [InlineData("杭州利民日化有限公司", "杭州利民日化")]
    [InlineData("杭州利民日化股份有限公司", "杭州 利民 日化")]
    [InlineData("杭州利民日化有限责任公司", "（杭州）利民日化公司")]
    [InlineData("ACME Trading Co., Ltd.", "acme trading inc")]
    [InlineData("ＡＣＭＥ　Ｔｒａｄｉｎｇ", "ACME-Trading Limited")]
    public void Names_that_differ_only_in_width_case_spacing_punctuation_or_suffix_have_one_key(string first, string second) =>
        Assert.Equal(NameKey.ForName(first), NameKey.ForName(second));

    [Theory]
    [InlineData("Costco", "Cost")]
    [InlineData("利民日化", "利民化工")]
    [InlineData("公司", "")]
    [InlineData("Lucky Co", "Lucky Company Two")]
    public void Different_names_keep_different_keys(string first, string second) =>
        Assert.NotEqual(NameKey.ForName(first), NameKey.ForName(second));

    [Theory]
    [InlineData("91110105MA01ABCD13", true)]
    [InlineData("91110105MA01ABCD1X", false)]
    [InlineData("91110105MA01ABCDI3", false)]
    [InlineData("110105123456789", true)]
    [InlineData("1101051234", false)]
    public void Tax_numbers_are_checked_by_format_and_check_character(string taxNumber, bool valid) =>
        Assert.Equal(valid, TaxNumber.IsValid(taxNumber));

    [Fact]
    public void Tax_numbers_are_normalised_from_full_width_lower_case_and_separators() =>
        Assert.Equal("91110105MA01ABCD13", TaxNumber.Normalize(" ９１１１０１０５-ma01 abcd13 "));

    [Fact]
    public void Weights_must_add_up_to_one_hundred_and_weigh_each_part()
    {
        var weights = ScorecardWeights.Create("sh", 25, 35, 25, 15, "test", DateTimeOffset.UtcNow);
        Assert.Equal(74m, weights.Weigh(new ScorecardScores(80, 60, 90, 70)));
        Assert.Equal(33.33m, ScorecardWeights.Create("sh", 34, 33, 33, 0, "t", DateTimeOffset.UtcNow).Weigh(new ScorecardScores(33.33m, 33.33m, 33.33m, 100)));
        Assert.Throws<Crm.ServiceDefaults.Problems.RequestValidationException>(() => ScorecardWeights.Create("sh", 30, 30, 30, 30, "t", DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Every_csv_header_names_one_column_in_english_and_in_chinese()
    {
        var headers = CustomerCsv.Columns.SelectMany(c => c.Headers).ToList();
        Assert.Equal(headers.Count, headers.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var column in CustomerCsv.Columns)
        {
            Assert.Same(column, CustomerCsv.ColumnOf(column.Key.ToUpperInvariant()));
            Assert.Same(column, CustomerCsv.ColumnOf($" {column.Chinese} *"));
        }
        Assert.All(CustomerCsv.RequiredColumns, r => Assert.NotNull(CustomerCsv.ColumnOf(r)?.Import));
    }

    [Fact]
    public void Every_enumeration_value_has_a_chinese_label_that_parses_back()
    {
        AssertLabels<CustomerKind>();
        AssertLabels<Ownership>();
        AssertLabels<BusinessFormat>();
        AssertLabels<EnterpriseSize>();
        AssertLabels<BankCreditRating>();
        AssertLabels<CustomerCategory>();
        AssertLabels<IncomeGroup>();
        AssertLabels<LocationType>();
        AssertLabels<CustomerStatus>();
    }

    private static void AssertLabels<TEnum>() where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            Assert.True(CustomerLabels.TryParse<TEnum>(CustomerLabels.Chinese(value), out var parsed), $"{value}");
            Assert.Equal(value, parsed);
            Assert.True(CustomerLabels.TryParse<TEnum>(Crm.ServiceDefaults.ApiNames.Of(value).ToUpperInvariant(), out parsed));
            Assert.Equal(value, parsed);
        }
    }
}
