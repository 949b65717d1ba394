using Crm.ServiceDefaults;
using Crm.ServiceDefaults.Problems;
using Microsoft.Extensions.Hosting;

namespace Crm.Platform.Tests;

/// <summary>The shared input rules of Crm.ServiceDefaults, on their own: dates, text people read, CSV cells.</summary>
public sealed class InputRulesTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "'=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData("+86 21 5555", "'+86 21 5555")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("-12.50", "-12.50")]
    [InlineData("+3", "+3")]
    [InlineData("上海日化", "上海日化")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void A_text_cell_that_a_spreadsheet_would_run_is_neutralised_and_a_number_stays_a_number(string value, string written)
    {
        Assert.Equal(written, CsvCells.Neutralise(value));
        Assert.Equal(value, CsvCells.Restore(written));
    }

    [Fact]
    public void A_hand_written_cell_is_neutralised_then_quoted_and_an_apostrophe_of_the_callers_own_is_kept()
    {
        Assert.Equal("\"'=1,2\"", CsvCells.Field("=1,2"));
        Assert.Equal("\"'\rx\"", CsvCells.Field("\rx"));
        Assert.Equal("", CsvCells.Field(null));
        Assert.Equal("'twas", CsvCells.Restore("'twas"));
        Assert.Equal("'-5", CsvCells.Restore("'-5"));
        Assert.Null(CsvCells.Neutralise(null));
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData(" \u3164 ")]
    [InlineData("\u2800")]
    [InlineData("abc\u202Edef")]
    [InlineData("\u202Aabc")]
    [InlineData("\u2066abc\u2069")]
    [InlineData("abc\u200F")]
    [InlineData("a\u0000b")]
    [InlineData("a\u001Bb")]
    [InlineData("a\u0085b")]
    public void Text_that_is_invisible_or_turns_or_controls_the_display_is_refused_naming_the_field(string text)
    {
        var problem = TextInput.Problem("name", text);
        Assert.NotNull(problem);
        Assert.StartsWith("name ", problem);
        var errors = Assert.Throws<RequestValidationException>(() => new ValidationErrors().Required("name", text, 100).ThrowIfAny()).Errors;
        Assert.Equal(["name"], errors.Keys);
    }

    [Theory]
    [InlineData("上海日化有限公司")]
    [InlineData("张三 Zhang San")]
    [InlineData("第一行\r\n第二行\t缩进")]
    [InlineData("👨\u200D👩\u200D👧 家庭装")]
    [InlineData("   ")]
    [InlineData("")]
    public void Ordinary_text_passes(string text) => Assert.Null(TextInput.Problem("name", text));

    [Fact]
    public void Dates_are_held_to_the_business_range_and_the_arithmetic_at_the_calendars_end_does_not_overflow()
    {
        Assert.True(BusinessDates.InRange(new DateOnly(2026, 11, 29)));
        Assert.False(BusinessDates.InRange(DateOnly.MaxValue));
        Assert.False(BusinessDates.InRange(DateOnly.MinValue));
        Assert.Equal(DateOnly.MaxValue, BusinessDates.PlusDays(DateOnly.MaxValue, 30));
        Assert.Equal(DateOnly.MaxValue, BusinessDates.PlusYears(new DateOnly(9999, 12, 31), 5));
        Assert.Equal(new DateOnly(2029, 2, 28), BusinessDates.PlusYears(new DateOnly(2024, 2, 29), 5));
        Assert.Equal(new DateOnly(2024, 3, 30), BusinessDates.PlusDays(new DateOnly(2024, 2, 29), 30));

        Assert.False(YearMonth.TryParse("9999-12", out _));
        Assert.True(YearMonth.TryParse("2026-11", out var month));
        Assert.Equal(new DateOnly(2026, 11, 30), month.LastDay);
        Assert.Equal(new DateOnly(9999, 12, 31), new YearMonth(9999, 12).LastDay);
    }

    [Fact]
    public void A_json_date_off_the_calendar_fails_with_its_path_and_the_range_and_one_on_it_reads()
    {
        var options = ServiceDefaultsExtensions.ConfigureJson(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.Converters.Add(new BusinessDateJsonConverter());
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dated>("""{"on":"9999-12-31"}""", options));
        Assert.Equal("$.on", error.Path);
        Assert.Contains("1900-01-01", error.Message);
        Assert.Equal(new DateOnly(2026, 1, 2), JsonSerializer.Deserialize<Dated>("""{"on":"2026-01-02"}""", options)!.On);
        Assert.Null(JsonSerializer.Deserialize<Dated>("""{"on":null}""", options)!.On);
        Assert.Equal("""{"on":"2026-01-02"}""", JsonSerializer.Serialize(new Dated(new DateOnly(2026, 1, 2)), options));
    }

    private sealed record Dated(DateOnly? On);
}
