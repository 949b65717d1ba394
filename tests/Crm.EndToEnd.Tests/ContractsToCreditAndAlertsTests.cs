using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestKit;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// What a contract says is what the system does (issue 8), every step through the gateway as the users take it: a
/// contract drafted, approved and signed in the contracts service sets the due date of a sale recorded in credit, and
/// a sale with no contract in force raises <c>no-active-contract</c> in alerts — with no call between services.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ContractsToCreditAndAlertsTests(EndToEndSystem e2e)
{
    [Fact]
    public async Task A_signed_contracts_payment_term_sets_a_sales_due_date_and_a_sale_without_a_contract_raises_no_active_contract()
    {
        using var activities = new ActivityCollector();
        using var rep = e2e.As("rep-81", "sales-rep");
        using var clerk = e2e.As("clerk-81", "inside-sales");
        var customerId = await Steps.RegisterCustomerAsync(rep, "苏州新亚日化贸易有限公司");

        var saleDate = EndToEndSystem.Yesterday;
        var contract = await Steps.SignContractAsync(e2e, rep,
            Steps.Draft(customerId, total: 200_000m, paymentTermDays: 45, returnWindowDays: 30, effectiveOn: saleDate.AddDays(-60), expiresOn: saleDate.AddDays(300)));
        Assert.Equal("active", contract.GetProperty("state").GetString());
        var number = contract.GetProperty("number").GetString()!;
        var contractId = contract.GetProperty("id").GetGuid();
        await Steps.WaitCreditKnowsContractAsync(rep, customerId, number);

        // Inside-sales records the sale without a due date: the contract's payment term (账期) of 45 days sets it.
        var sale = await (await clerk.PostAsJsonAsync("/api/credit/sales", new
        {
            customerId, date = saleDate, product = "洗衣粉", specification = "5kg×4", quantity = 200, amount = 40_000m,
        })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(saleDate.AddDays(45), DateOnly.Parse(sale.GetProperty("dueDate").GetString()!, CultureInfo.InvariantCulture));
        Assert.True(sale.GetProperty("dueDateFromContract").GetBoolean());
        Assert.False(sale.GetProperty("outsideContract").GetBoolean());
        Assert.Equal(number, sale.GetProperty("contract").GetProperty("number").GetString());
        Assert.Equal(contractId, sale.GetProperty("contract").GetProperty("id").GetGuid());
        Assert.Equal(1, sale.GetProperty("contract").GetProperty("version").GetInt32());

        // The contracts service answers the same terms for that customer on that date, to any staff (here the clerk).
        var terms = await (await clerk.GetAsync($"/api/contracts/terms?customerId={customerId}&on={saleDate:yyyy-MM-dd}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((contractId, number, 1), (terms.GetProperty("contract").GetProperty("id").GetGuid(),
            terms.GetProperty("contract").GetProperty("number").GetString(), terms.GetProperty("contract").GetProperty("version").GetInt32()));
        Assert.Equal(45, terms.GetProperty("paymentTermDays").GetInt32());
        Assert.Equal(30, terms.GetProperty("returnWindowDays").GetInt32());
        Assert.Equal("credit", terms.GetProperty("settlementType").GetString());
        Assert.Equal(["洗衣粉"], terms.GetProperty("productLines").EnumerateArray().Select(p => p.GetString()));

        // One trace: the custodian's signature at the gateway, the contracts service, its outbox, and credit's consumer.
        var signTrace = activities.Stopped.First(a => a.Kind == ActivityKind.Server && a.GetTagItem("url.path") as string == $"/api/contracts/{contractId}/sign").TraceId;
        await Steps.ConsumedInTraceAsync(activities, signTrace, "credit.contract-signed");

        // A second customer, with no contract at all: the sale is accepted and marked, and alerts raises 无合同业务.
        var other = await Steps.RegisterCustomerAsync(rep, "常州佳洁洗涤用品商行");
        var uncovered = await (await clerk.PostAsJsonAsync("/api/credit/sales", new
        {
            customerId = other, date = saleDate, product = "洗衣粉", specification = "5kg×4", quantity = 50, amount = 10_000m, dueDate = saleDate.AddDays(30),
        })).JsonAsync(HttpStatusCode.Created);
        Assert.True(uncovered.GetProperty("outsideContract").GetBoolean());
        Assert.Equal(JsonValueKind.Null, uncovered.GetProperty("contract").ValueKind);

        // The owner sees it: raised on the role when the sale overtakes the registration in alerts, it follows the owner
        // as soon as alerts learns who that is.
        var raised = await Eventually.Until(
            () => rep.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={other}&rule=no-active-contract&state=open"),
            page => page.GetProperty("total").GetInt32() == 1 && page.GetProperty("items")[0].GetProperty("assignee").GetString() == "rep-81",
            "no-active-contract at GET /api/alerts, assigned to the owner");
        var alert = Assert.Single(raised.GetProperty("items").EnumerateArray());
        var evidence = (await rep.GetFromJsonAsync<JsonElement>($"/api/alerts/{alert.GetProperty("id").GetGuid()}")).GetProperty("evidence").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("value").GetString());
        Assert.Equal(saleDate, DateOnly.Parse(evidence["saleOn"]!, CultureInfo.InvariantCulture));
        Assert.Equal(10_000m, decimal.Parse(evidence["amount"]!, CultureInfo.InvariantCulture));
        var byRule = await rep.GetFromJsonAsync<JsonElement>("/api/alerts?rule=no-active-contract");
        Assert.Contains(byRule.GetProperty("items").EnumerateArray(), a => a.GetProperty("customerId").GetGuid() == other);

        // The covered customer's sale, recorded under its contract, raised none.
        var covered = await rep.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customerId}&rule=no-active-contract");
        Assert.Equal(0, covered.GetProperty("total").GetInt32());
    }
}
