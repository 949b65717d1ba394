using System.Text;

namespace Crm.Credit.Tests;

/// <summary>The grade summary export against formula injection: what a rep typed must not run in a manager's spreadsheet.</summary>
public sealed class CsvExportTests(CreditSystem credit) : IClassFixture<CreditSystem>
{
    [Fact]
    public async Task Cells_a_spreadsheet_would_run_are_neutralised_and_numbers_stay_numbers()
    {
        var name = "=HYPERLINK(\"http://evil.example\",\"点我\")";
        await credit.RegisterCustomerAsync("inj", name, owner: "@rep", code: "-INJ-1");
        using var manager = credit.As("sam-inj", "inj", "sales-admin-manager");
        await manager.RunGrading("2026-10");

        var csv = await manager.GetAsync("/api/credit/grades/export?period=2026-10");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        // Quoted by the CSV writer because of the quotes and the comma inside; the apostrophe keeps it text.
        Assert.StartsWith("inj,'-INJ-1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\",'@rep,", lines[1]);
    }
}
