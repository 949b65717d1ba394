namespace Crm.Web.Tests;

/// <summary>The expiring contracts list: soonest first, days left, and the printable document through the app.</summary>
public sealed class ContractsPageTests : ComponentTestContext
{
    [Fact]
    public void Expiring_contracts_are_listed_soonest_first_with_their_days_left_and_document_link()
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);
        var later = Guid.NewGuid();
        var sooner = Guid.NewGuid();
        Gateway.Answer(HttpStatusCode.OK, new
        {
            items = new[]
            {
                new { id = later, number = "HT-2026-0002", title = "2026年度经销合同", customerId = Guid.NewGuid(), customerName = "苏州金鹰日用品商行", state = "active", awaitingRole = (string?)null, expiresOn = today.AddDays(20), version = 1 },
                new { id = sooner, number = "HT-2026-0001", title = "2026年度总经销合同", customerId = Guid.NewGuid(), customerName = "上海浦东日化商行", state = "active", awaitingRole = (string?)null, expiresOn = today.AddDays(5), version = 1 },
            },
            total = 2, page = 1, pageSize = 200,
        });

        var cut = Render<Crm.Web.Components.Pages.Contracts>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=days-left]").Count));
        Assert.Equal(["5 天", "20 天"], cut.FindAll("[data-testid=days-left]").Select(e => e.TextContent.Trim()));
        Assert.Contains("生效中", cut.Markup);
        Assert.Equal($"/files/contracts/{sooner}/document", cut.FindAll("[data-testid=contract-document]")[0].GetAttribute("href"));
        Assert.Equal("/api/contracts?expiringWithinDays=30&pageSize=200", Assert.Single(Gateway.Sent).Path);
    }
}
