namespace Crm.AfterSales.Tests;

/// <summary>Brings a complaint through the procedure to a given state, by the roles API.md names.</summary>
public sealed class Procedure(AfterSalesFixture fixture)
{
    public static readonly string[] States = ["received", "assessed", "proposed", "signed-off", "awaiting-customer", "executing", "litigation", "closed"];

    public HttpClient AfterSales { get; } = fixture.AfterSales();
    public HttpClient Manager { get; } = fixture.Manager();
    public HttpClient Vp { get; } = fixture.Vp();

    /// <summary>The body and the entitled client of each action, for the given version.</summary>
    public (HttpClient Client, object Body) Call(string action, long version) => action switch
    {
        "assess" => (AfterSales, new { category = "non-quality", finding = "运输途中外箱受压破损", severity = "medium", version }),
        "propose" => (AfterSales, new { resolution = new { kind = "replacement", detail = "补发受潮的 20 箱" }, version }),
        "sign-off" => (Manager, new { comment = "已与客户电话沟通", version }),
        "send-back" => (Manager, new { reason = "补发数量需核实", version }),
        "customer-response" => (AfterSales, new { satisfied = true, comment = "客户同意", version }),
        "pause" => (AfterSales, new { reason = "等待客户寄回样品", version }),
        "resume" => (AfterSales, new { reason = "样品已收到", version }),
        "complete" => (AfterSales, new { comment = "补发已签收", version }),
        "escalate" => (Vp, new { caseNumber = "(2026)沪0115民初1234号", court = "上海市浦东新区人民法院", reason = "协商不成", version }),
        "litigation-outcome" => (Vp, new { outcome = "调解结案, 赔偿 5,000 元", version }),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public async Task<JsonElement> DoAsync(JsonElement complaint, string action, object? body = null)
    {
        var (client, defaultBody) = Call(action, complaint.Version());
        return await Api.OkAsync(client, complaint.Id(), action, body ?? defaultBody);
    }

    public async Task<JsonElement> ToStateAsync(Guid customer, string state)
    {
        var complaint = await Api.OpenAsync(AfterSales, customer);
        if (state == "received") return complaint;
        complaint = await DoAsync(complaint, "assess");
        if (state == "assessed") return complaint;
        complaint = await DoAsync(complaint, "propose");
        if (state == "proposed") return complaint;
        complaint = await DoAsync(complaint, "sign-off");
        if (state == "signed-off") return complaint;
        if (state is "executing" or "closed")
        {
            complaint = await DoAsync(complaint, "customer-response");
            return state == "executing" ? complaint : await DoAsync(complaint, "complete");
        }
        complaint = await DoAsync(complaint, "customer-response", new { satisfied = false, comment = "客户要求全额退款", version = complaint.Version() });
        if (state == "awaiting-customer") return complaint;
        return await DoAsync(complaint, "escalate");
    }
}
