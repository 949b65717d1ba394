using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestKit;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// The complaint procedure of the manual and a return that becomes a credit note (issue 9), every step through the
/// gateway as the users take it: a complaint goes through an unsatisfied answer to a re-proposal and is closed; a return
/// inside the contract's window lowers the balance in credit and resolves the over-limit alert in alerts; one outside
/// the window is refused naming the window and the contract.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AfterSalesToCreditAndAlertsTests(EndToEndSystem e2e)
{
    [Fact]
    public async Task A_complaint_goes_through_the_procedure_to_closed_and_a_return_inside_the_window_becomes_a_credit_note_that_resolves_the_over_limit_alert()
    {
        using var activities = new ActivityCollector();
        using var rep = e2e.As("rep-91", "sales-rep");
        using var clerk = e2e.As("clerk-91", "inside-sales");
        using var afterSales = e2e.As("as-91", "after-sales");
        using var manager = e2e.As("sam-91", "sales-admin-manager");
        var customerId = await Steps.RegisterCustomerAsync(rep, "南通恒源百货批发有限公司");
        await Steps.ApproveLimitAsync(e2e, rep, customerId, 100_000m);

        var saleDate = EndToEndSystem.Yesterday;
        var contract = await Steps.SignContractAsync(e2e, rep,
            Steps.Draft(customerId, total: 300_000m, paymentTermDays: 30, returnWindowDays: 30, effectiveOn: saleDate.AddDays(-60), expiresOn: saleDate.AddDays(300)));
        var number = contract.GetProperty("number").GetString()!;
        await Steps.WaitCreditKnowsContractAsync(rep, customerId, number);

        // A sale that takes the customer over the limit: the owner sees over-credit-limit.
        var sale = await (await clerk.PostAsJsonAsync("/api/credit/sales", new
        {
            customerId, date = saleDate, product = "洗衣粉", specification = "5kg×4", quantity = 600, amount = 120_000m,
        })).JsonAsync(HttpStatusCode.Created);
        var saleId = sale.GetProperty("id").GetGuid();
        Assert.True(sale.GetProperty("overLimit").GetBoolean());
        var open = await Eventually.Until(
            () => rep.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customerId}&rule=over-credit-limit&state=open"),
            page => page.GetProperty("total").GetInt32() == 1, "over-credit-limit at GET /api/alerts");
        var alertId = Assert.Single(open.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid();

        // The complaint procedure (客诉处理流程): raised, judged, proposed, signed off, refused, proposed again, signed off, accepted, carried out.
        var complaint = await Steps.CreateOnceKnownAsync(afterSales, "/api/aftersales/complaints", new
        {
            customerId, subject = "包装破损, 产品受潮", description = "客户收货时发现外箱破损, 约两成产品受潮结块", product = "洗衣粉", batch = "B20261101",
        }, "the after-sales service to know the customer");
        var complaintId = complaint.GetProperty("id").GetGuid();
        Assert.Equal("received", State(complaint));
        complaint = await ActAsync(afterSales, complaint, "assess", new { category = "non-quality", finding = "运输途中外箱受压破损", severity = "medium" }, "assessed");
        complaint = await ActAsync(afterSales, complaint, "propose", new { resolution = new { kind = "replacement", detail = "补发受潮的 100 箱" } }, "proposed");
        complaint = await ActAsync(manager, complaint, "sign-off", new { comment = "已与客户电话沟通" }, "signed-off");
        complaint = await ActAsync(afterSales, complaint, "customer-response", new { satisfied = false, comment = "客户要求退货冲账" }, "awaiting-customer");
        complaint = await ActAsync(afterSales, complaint, "propose",
            new { resolution = new { kind = "return", detail = "退回受潮的 150 箱, 冲减货款", amount = 30_000m } }, "proposed");
        complaint = await ActAsync(manager, complaint, "sign-off", new { comment = "同意退货" }, "signed-off");
        complaint = await ActAsync(afterSales, complaint, "customer-response", new { satisfied = true, comment = "客户同意" }, "executing");
        complaint = await ActAsync(afterSales, complaint, "complete", new { comment = "退货已入库" }, "closed");

        var closed = await (await rep.GetAsync($"/api/aftersales/complaints/{complaintId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("closed", State(closed));
        var timeline = closed.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(
            ["received", "assess", "propose", "sign-off", "customer-response", "propose", "sign-off", "customer-response", "complete"],
            timeline.Select(t => t.GetProperty("action").GetString()).ToList());
        Assert.Equal(["as-91", "as-91", "as-91", "sam-91", "as-91", "as-91", "sam-91", "as-91", "as-91"], timeline.Select(t => t.GetProperty("by").GetString()).ToList());
        Assert.Contains("re-proposal", timeline[5].GetProperty("detail").GetString());
        Assert.All(timeline, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("detail").GetString())));

        // A return outside the contract's 30-day window is refused, naming the window and the contract (nothing is written,
        // so it may be asked again until after-sales holds the contract's terms).
        var refused = await Eventually.Until(
            async () => await (await afterSales.PostAsJsonAsync("/api/aftersales/returns", new
            {
                customerId, kind = "return", product = "洗衣粉", quantity = 10m, amount = 2_000m, soldOn = saleDate.AddDays(-50), reason = "受潮",
            })).JsonAsync((HttpStatusCode)422),
            problem => problem.GetProperty("detail").GetString()!.Contains(number, StringComparison.Ordinal),
            "after-sales to refuse the return under the contract's window");
        Assert.Equal("return-window", refused.GetProperty("rule").GetString());
        Assert.Contains("30 days", refused.GetProperty("detail").GetString());

        // The return of the sale, inside the window, for the amount that brings the balance back under the limit (the sale
        // reaches after-sales by its event: until then the saleId is unknown there, 404, and nothing is written).
        var returned = await Steps.CreateOnceKnownAsync(afterSales, "/api/aftersales/returns", new
        {
            customerId, kind = "return", saleId, product = "洗衣粉", quantity = 150m, amount = 30_000m, soldOn = saleDate, reason = "包装破损受潮", complaintId,
        }, "the after-sales service to know the sale");
        var returnId = returned.GetProperty("id").GetGuid();
        Assert.Equal(30, returned.GetProperty("windowDays").GetInt32());
        Assert.Equal(number, returned.GetProperty("contract").GetProperty("number").GetString());

        // Credit records the credit note (退货冲账) against the sale: the balance is lowered by the amount.
        var account = await Eventually.Until(
            () => rep.GetFromJsonAsync<JsonElement>($"/api/credit/accounts/{customerId}"),
            a => a.GetProperty("balance").GetDecimal() == 90_000m, "the credit note to lower the balance");
        Assert.Equal(30_000m, account.GetProperty("totalCreditNotes").GetDecimal());
        Assert.False(account.GetProperty("overLimit").GetBoolean());
        var entries = await rep.GetFromJsonAsync<JsonElement>($"/api/credit/accounts/{customerId}/entries");
        var note = Assert.Single(entries.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() != saleId);
        Assert.Equal("credit-note", note.GetProperty("kind").GetString());
        Assert.Equal((saleId, returnId, 30_000m, 90_000m), (note.GetProperty("creditsEntryId").GetGuid(), note.GetProperty("returnId").GetGuid(),
            note.GetProperty("amount").GetDecimal(), note.GetProperty("balanceAfter").GetDecimal()));
        var openItems = await rep.GetFromJsonAsync<JsonElement>($"/api/credit/accounts/{customerId}/open-items");
        var item = Assert.Single(openItems.GetProperty("items").EnumerateArray());
        Assert.Equal((90_000m, 30_000m), (item.GetProperty("amount").GetDecimal(), item.GetProperty("credited").GetDecimal()));

        // … and the over-limit alert is resolved by itself.
        var resolved = await Eventually.Until(
            () => rep.GetFromJsonAsync<JsonElement>($"/api/alerts/{alertId}"),
            a => a.GetProperty("state").GetString() == "resolved", "the credit note to resolve the over-credit-limit alert");
        Assert.True(resolved.GetProperty("resolvedAutomatically").GetBoolean());
        Assert.Contains(returnId.ToString(), resolved.GetProperty("cause").GetString());

        // One trace: the return at the gateway, the after-sales service, its outbox, credit's consumer of crm.return-approved,
        // credit's outbox, and alerts' consumer of crm.credit-note-recorded.
        var returnTrace = activities.Stopped.First(a => a.Kind == ActivityKind.Server && a.GetTagItem("url.path") as string == "/api/aftersales/returns"
            && a.GetTagItem("http.response.status_code") is 201).TraceId;
        await Steps.ConsumedInTraceAsync(activities, returnTrace, "credit.return-approved");
        await Steps.ConsumedInTraceAsync(activities, returnTrace, "alerts.credit-note-recorded");
    }

    private static string State(JsonElement complaint) => complaint.GetProperty("state").GetString()!;

    private static async Task<JsonElement> ActAsync(HttpClient client, JsonElement complaint, string action, object body, string expectedState)
    {
        var withVersion = JsonSerializer.SerializeToElement(body, JsonSerializerOptions.Web).EnumerateObject()
            .ToDictionary(p => p.Name, p => (object?)p.Value);
        withVersion["version"] = complaint.GetProperty("version").GetInt64();
        var answer = await (await client.PostAsJsonAsync($"/api/aftersales/complaints/{complaint.GetProperty("id").GetGuid()}/{action}", withVersion))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(expectedState, State(answer));
        return answer;
    }
}
