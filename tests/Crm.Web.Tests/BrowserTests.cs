using System.Net.Http.Json;
using Crm.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crm.Web.Tests;

/// <summary>
/// The web app in headless Chromium, through the real gateway and services, as reps and managers use it (zh-CN).
/// The screenshots in docs/images/web-*.png come from here.
/// </summary>
public sealed class BrowserTests(WebAppFixture web) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_rep_registers_a_customer_meets_the_duplicate_warning_confirms_with_a_reason_and_sees_the_card()
    {
        using var rep = web.Api("rep-w1", "sh", "sales-rep");
        await web.RegisterAsync(rep, "上海浦东日化商行");
        var page = await web.SignInAsync("rep-w1", "王芳", "sh", "sales-rep");

        await Expect(page.Locator("[data-testid=customer-link]", new() { HasText = "上海浦东日化商行" })).ToBeVisibleAsync();
        await WebAppFixture.ScreenshotsAsync(page, "customers");

        await page.GotoAsync($"{web.BaseUrl}/customers/new");
        await WebAppFixture.FillAsync(page, "f-name", "上海浦东日化商行");
        await WebAppFixture.FillAsync(page, "f-region", "华东");
        await WebAppFixture.FillAsync(page, "f-contactName", "李经理");
        await WebAppFixture.FillAsync(page, "f-contactMobile", "13800138000");
        await page.ClickAsync("[data-testid=register-submit]");

        await Expect(page.Locator("[data-testid=duplicate-warning]")).ToContainTextAsync("上海浦东日化商行");
        await WebAppFixture.ScreenshotsAsync(page, "register-duplicate");
        await WebAppFixture.FillAsync(page, "dup-reason", "同名不同店：浦东新区张江的第二家门店，另一法人");
        await page.ClickAsync("[data-testid=dup-confirm]");

        await page.WaitForURLAsync(url => url.Contains("/customers/", StringComparison.Ordinal) && !url.EndsWith("/new", StringComparison.Ordinal));
        await Expect(page.Locator("[data-testid=card-name]")).ToHaveTextAsync("上海浦东日化商行");
        await Expect(page.Locator("[data-testid=card-region]")).ToHaveTextAsync("华东");
        await WebAppFixture.ScreenshotsAsync(page, "card");

        await page.GetByRole(AriaRole.Tab, new() { Name = "变更记录" }).ClickAsync();
        await Expect(page.Locator("[data-testid=history]")).ToContainTextAsync("第二家门店");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Four_managers_approve_a_limit_step_by_step_from_their_inboxes_and_the_rep_sees_the_new_limit()
    {
        using var repApi = web.Api("rep-w2", "sh", "sales-rep");
        var customerId = await web.RegisterAsync(repApi, "苏州金鹰日用品商行");

        var rep = await web.SignInAsync("rep-w2", "张伟", "sh", "sales-rep");
        await rep.GotoAsync($"{web.BaseUrl}/customers/{customerId}");
        await rep.GetByRole(AriaRole.Tab, new() { Name = "信用与等级" }).ClickAsync();
        await WebAppFixture.FillAsync(rep, "f-proposedLimit", "50000");
        await WebAppFixture.FillAsync(rep, "f-limitReason", "旺季备货，月均销售额已超四万元");
        await rep.ClickAsync("[data-testid=limit-request]");
        await Expect(rep.Locator("[data-testid=limit-requested]")).ToContainTextAsync("¥50,000.00");

        (string Id, string Name, string Role)[] approvers =
            [("sam-w2", "陈静", "sales-admin-manager"), ("vp-w2", "刘伟", "sales-vp"), ("gm-w2", "张敏", "sales-gm"), ("ggm-w2", "杨洋", "group-gm")];
        foreach (var (id, name, role) in approvers)
        {
            var manager = await web.SignInAsync(id, name, "sh", role);
            await manager.GotoAsync($"{web.BaseUrl}/inbox");
            var item = manager.Locator("[data-testid=inbox-item]", new() { HasText = "苏州金鹰日用品商行" });
            await Expect(item).ToContainTextAsync("¥50,000.00");
            if (role == "sales-admin-manager") await WebAppFixture.ScreenshotsAsync(manager, "inbox");
            await item.Locator("input").First.FillAsync($"{name}同意");
            await item.Locator("[data-testid=inbox-approve]").ClickAsync();
            await Expect(item.Locator("[data-testid=inbox-decided]")).ToBeVisibleAsync();
            await manager.Context.CloseAsync();
        }

        await rep.ReloadAsync();
        await rep.GetByRole(AriaRole.Tab, new() { Name = "信用与等级" }).ClickAsync();
        await Expect(rep.Locator("[data-testid=credit-limit]")).ToHaveTextAsync("¥50,000.00");
        await WebAppFixture.ScreenshotsAsync(rep, "credit");
        await rep.Context.CloseAsync();
    }

    [Fact]
    public async Task A_sale_over_the_limit_makes_an_alert_appear_live_for_the_owner_who_resolves_it()
    {
        using var repApi = web.Api("rep-w3", "sh", "sales-rep");
        using var clerk = web.Api("clerk-w3", "sh", "inside-sales");
        var customerId = await web.RegisterAsync(repApi, "南京玄武批发部");
        var rep = await web.SignInAsync("rep-w3", "赵磊", "sh", "sales-rep");
        await rep.GotoAsync($"{web.BaseUrl}/alerts");
        await Expect(rep.Locator("[data-testid=alert]")).ToHaveCountAsync(0);

        var sale = await clerk.PostAsJsonAsync("/api/credit/sales", new
        {
            customerId, date = DateOnly.FromDateTime(DateTime.UtcNow), product = "洗衣粉", specification = "500g×24", quantity = 100m, amount = 80_000m,
            dueDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30),
        });
        Assert.True(sale.StatusCode == HttpStatusCode.Created, await sale.Content.ReadAsStringAsync());

        // No reload: the alert reaches the open page through crm.alert-raised and the circuit.
        var alert = rep.Locator("[data-testid=alert]", new() { HasText = "外欠款预警" });
        await Expect(alert).ToBeVisibleAsync();
        await Expect(rep.Locator(".mud-snackbar", new() { HasText = "外欠款预警" })).ToBeVisibleAsync();
        await WebAppFixture.ScreenshotsAsync(rep, "alerts");

        await alert.Locator(".mud-expand-panel-header").ClickAsync();
        await Expect(alert.Locator("[data-testid=evidence]")).ToBeVisibleAsync();
        await WebAppFixture.FillAsync(rep, "f-cause", "客户旺季集中进货，回款周期内");
        await WebAppFixture.FillAsync(rep, "f-action", "已约定月底前回款三万元");
        await alert.Locator("[data-testid=alert-resolve]").ClickAsync();
        await Expect(rep.Locator("[data-testid=alert-resolution]")).ToContainTextAsync("已约定月底前回款三万元");

        var details = await repApi.GetFromJsonAsync<JsonElement>($"/api/alerts?customerId={customerId}&rule=over-credit-limit");
        Assert.Equal("resolved", details.GetProperty("items")[0].GetProperty("state").GetString());
        await rep.Context.CloseAsync();
    }

    [Fact]
    public async Task A_user_of_another_branch_cannot_open_the_card_by_url()
    {
        using var repApi = web.Api("rep-w4", "sh", "sales-rep");
        var response = await repApi.PostAsJsonAsync("/api/customers", new { name = "上海静安贸易公司", kind = "trading", region = "华东" });
        var customerId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var stranger = await web.SignInAsync("rep-bj-1", "孙丽", "bj", "sales-rep");
        await stranger.GotoAsync($"{web.BaseUrl}/customers/{customerId}");
        await Expect(stranger.Locator("[data-testid=card-not-found]")).ToBeVisibleAsync();
        await Expect(stranger.Locator("[data-testid=card-name]")).ToHaveCountAsync(0);
        Assert.DoesNotContain("上海静安贸易公司", await stranger.ContentAsync());
        await stranger.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_changes_a_rules_threshold_and_sees_the_grade_summary()
    {
        using var managerApi = web.Api("sam-w6", "sh", "sales-admin-manager");
        var manager = await web.SignInAsync("sam-w6", "陈静", "sh", "sales-admin-manager");
        await manager.GotoAsync($"{web.BaseUrl}/rules");
        var churn = manager.Locator("[data-testid=rule][data-rule=churn]");
        var threshold = churn.Locator("input").Nth(1); // after the switch
        await threshold.FillAsync("75");
        await threshold.BlurAsync();
        await churn.Locator("textarea, input").Last.FillAsync("旺季采购间隔拉长");
        await churn.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(churn).ToContainTextAsync("旺季采购间隔拉长");
        await WebAppFixture.ScreenshotsAsync(manager, "rules");

        var rules = await managerApi.GetFromJsonAsync<JsonElement>("/api/alerts/rules");
        var saved = rules.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "churn");
        Assert.Contains(saved.GetProperty("thresholds").EnumerateObject(), t => t.Value.ToString() == "75");

        await manager.GotoAsync($"{web.BaseUrl}/grades");
        await Expect(manager.Locator("[data-testid=grades]")).ToBeVisibleAsync();
        await WebAppFixture.ScreenshotsAsync(manager, "grades");
        await manager.Context.CloseAsync();
    }

    /// <summary>Opens a complaint through the API once the after-sales service knows the customer (from its event).</summary>
    private static async Task<Guid> OpenComplaintAsync(HttpClient rep, Guid customerId, string subject)
    {
        Guid id = default;
        await Eventually.Until(async () =>
        {
            var response = await rep.PostAsJsonAsync("/api/aftersales/complaints", new { customerId, subject, description = "整批结块，客户无法上架销售", product = "洗衣粉", batch = "B2611", severity = "high" });
            if (response.StatusCode != HttpStatusCode.Created) return false;
            id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            return true;
        }, "after-sales to know the customer");
        return id;
    }

    [Fact]
    public async Task After_sales_finds_a_complaint_on_the_board_with_its_countdown_and_pauses_its_clock_with_a_reason()
    {
        using var repApi = web.Api("rep-w7", "sh", "sales-rep");
        var customerId = await web.RegisterAsync(repApi, "无锡梁溪日化商店");
        var complaintId = await OpenComplaintAsync(repApi, customerId, "洗衣粉结块");

        var agent = await web.SignInAsync("as-w7", "黄磊", "sh", "after-sales");
        await agent.GotoAsync($"{web.BaseUrl}/complaints");
        var row = agent.Locator($"[data-testid=complaint-row][data-id='{complaintId}']");
        await Expect(row.Locator("[data-testid=first-response-countdown]")).ToContainTextAsync("剩");
        await Expect(row.Locator("[data-testid=resolve-countdown]")).ToBeVisibleAsync();
        await WebAppFixture.ScreenshotsAsync(agent, "complaints");

        // A click that lands before the board's circuit is interactive is lost; the board is still there to click again.
        var link = agent.Locator("[data-testid=complaint-link]", new() { HasText = "洗衣粉结块" }).First;
        for (var attempt = 1; ; attempt++)
        {
            await link.ClickAsync();
            try
            {
                await agent.WaitForURLAsync(url => url.Contains(complaintId.ToString(), StringComparison.OrdinalIgnoreCase), new() { Timeout = 10_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
        await Expect(agent.Locator("[data-testid=complaint-subject]")).ToHaveTextAsync("洗衣粉结块");
        await Expect(agent.Locator("[data-testid=complaint-state]")).ToHaveTextAsync("已受理");
        await Expect(agent.Locator("[data-testid=action-sign-off]")).ToHaveCountAsync(0); // the sales admin manager's step
        await agent.ClickAsync("[data-testid=action-pause]");
        await WebAppFixture.FillAsync(agent, "f-reason", "等待客户寄回样品");
        await agent.ClickAsync("[data-testid=action-submit]");
        await Expect(agent.Locator("[data-testid=timeline-entry][data-action=pause]")).ToContainTextAsync("等待客户寄回样品");
        await Expect(agent.Locator("[data-testid=action-resume]")).ToBeVisibleAsync();
        await Expect(agent.Locator("[data-testid=resolve-countdown]")).ToContainTextAsync("计时暂停");
        await WebAppFixture.ScreenshotsAsync(agent, "complaint");

        var saved = await repApi.GetFromJsonAsync<JsonElement>($"/api/aftersales/complaints/{complaintId}");
        Assert.True(saved.GetProperty("paused").GetBoolean());
        await agent.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_sees_the_months_complaint_statistics_as_charts()
    {
        using var repApi = web.Api("rep-w8", "gz", "sales-rep");
        var customerId = await web.RegisterAsync(repApi, "广州天河日化批发部", "华南");
        await OpenComplaintAsync(repApi, customerId, "香味不符");

        var manager = await web.SignInAsync("sam-w8", "吴刚", "gz", "sales-admin-manager");
        await manager.GotoAsync($"{web.BaseUrl}/complaints/statistics");
        await Expect(manager.Locator("[data-testid=stat-opened]")).ToHaveTextAsync("1");
        await Expect(manager.Locator("[data-testid=stat-still-open]")).ToHaveTextAsync("1");
        await Expect(manager.Locator("[data-testid=complaint-stats] svg").First).ToBeVisibleAsync();
        await WebAppFixture.ScreenshotsAsync(manager, "complaint-statistics");
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_a_session_the_app_sends_the_browser_to_sign_in_and_the_cookie_is_http_only()
    {
        var context = await web.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{web.BaseUrl}/customers");
        await page.WaitForURLAsync(url => url.Contains("/account/signin", StringComparison.Ordinal));

        var signedIn = await web.SignInAsync("rep-w5", "周杰", "sh", "sales-rep");
        var cookies = await signedIn.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "__crm_session");
        Assert.True(session.HttpOnly);
        Assert.DoesNotContain(cookies, c => c.Value.StartsWith("eyJ", StringComparison.Ordinal)); // no bare JWT in the browser

        await Expect(signedIn.GetByRole(AriaRole.Heading, new() { Name = "我的客户" })).ToBeVisibleAsync();
        await signedIn.ClickAsync("[data-testid=language]");
        await Expect(signedIn.GetByRole(AriaRole.Heading, new() { Name = "My customers" })).ToBeVisibleAsync();
        await signedIn.ClickAsync("[data-testid=language]");
        await Expect(signedIn.GetByRole(AriaRole.Heading, new() { Name = "我的客户" })).ToBeVisibleAsync();
        await signedIn.ClickAsync("[data-testid=signout]");
        await signedIn.WaitForURLAsync(url => url.Contains("/account/signin", StringComparison.Ordinal));
        Assert.DoesNotContain(await signedIn.Context.CookiesAsync(), c => c.Name == "__crm_session");
        await context.CloseAsync();
        await signedIn.Context.CloseAsync();
    }

    [Fact]
    public async Task A_rep_drafts_and_submits_a_contract_a_manager_approves_it_from_the_inbox_and_the_rep_sees_it_approved_with_only_the_steps_left_to_them()
    {
        using var repApi = web.Api("rep-w9", "sh", "sales-rep");
        using var managerApi = web.Api("sam-w9", "sh", "sales-admin-manager");
        var customerId = await web.RegisterAsync(repApi, "嘉兴南湖日化经销部");
        await Eventually.Until(() => web.System.Contracts.InScopeAsync(sp =>
            sp.GetRequiredService<Crm.Contracts.Infrastructure.ContractsDbContext>().Customers.AsNoTracking().AnyAsync(c => c.Id == customerId)), "contracts to know the customer");
        // Our party (甲方) comes from the branch's settings, which a manager keeps.
        var settings = await managerApi.PutAsJsonAsync("/api/contracts/settings", new { approvalThreshold1 = 500_000m, approvalThreshold2 = 2_000_000m, reminderDays = new[] { 30, 15, 7 }, company = new { legalName = "上海白猫日化有限公司", address = "上海市普陀区" } });
        Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync());

        var rep = await web.SignInAsync("rep-w9", "钱进", "sh", "sales-rep");
        await rep.GotoAsync($"{web.BaseUrl}/customers/{customerId}");
        await rep.GetByRole(AriaRole.Tab, new() { Name = "合同" }).ClickAsync();
        await rep.ClickAsync("[data-testid=contract-new]");
        await WebAppFixture.FillAsync(rep, "c-line0-product", "洗衣粉");
        await WebAppFixture.FillAsync(rep, "c-line0-quantity", "1000");
        await WebAppFixture.FillAsync(rep, "c-line0-unitPrice", "25");
        await Expect(rep.Locator("[data-testid=c-total]")).ToContainTextAsync("¥25,000.00");
        await rep.Locator("[data-testid=c-settlementType]").ClickAsync();
        await rep.Locator(".mud-popover-open .mud-list-item", new() { HasText = "赊销" }).ClickAsync();
        await WebAppFixture.FillAsync(rep, "c-paymentTermDays", "30");
        await WebAppFixture.FillAsync(rep, "c-returnWindowDays", "7");
        await WebAppFixture.FillAsync(rep, "c-exchangeWindowDays", "15");
        await WebAppFixture.ScreenshotsAsync(rep, "contract-new");
        await rep.ClickAsync("[data-testid=contract-create]");

        await rep.WaitForURLAsync(url => url.Contains("/contracts/", StringComparison.Ordinal) && !url.Contains("/new", StringComparison.Ordinal));
        await Expect(rep.Locator("[data-testid=contract-state]")).ToHaveTextAsync("草稿");
        await rep.ClickAsync("[data-testid=contract-action-submit]");
        await Expect(rep.Locator("[data-testid=contract-state]")).ToHaveTextAsync("审批中");
        await Expect(rep.Locator("[data-testid=contract-awaiting]")).ToContainTextAsync("销售管理部经理");
        await Expect(rep.Locator("[data-testid^=contract-action-]")).ToHaveCountAsync(0);
        var contractUrl = rep.Url;

        var manager = await web.SignInAsync("sam-w9", "孙强", "sh", "sales-admin-manager");
        await manager.GotoAsync($"{web.BaseUrl}/inbox");
        var item = manager.Locator("[data-testid=inbox-item][data-kind=contract]", new() { HasText = "嘉兴南湖日化经销部" });
        await item.Locator("a").ClickAsync(); // the contract itself, from the inbox
        await Expect(manager.Locator("[data-testid=contract-action-approve]")).ToBeVisibleAsync();
        await Expect(manager.Locator("[data-testid=contract-action-edit]")).ToHaveCountAsync(0);
        await Expect(manager.Locator("[data-testid=contract-sections]")).ToContainTextAsync("洗衣粉");
        await WebAppFixture.ScreenshotsAsync(manager, "contract");
        await manager.GoBackAsync();
        item = manager.Locator("[data-testid=inbox-item][data-kind=contract]", new() { HasText = "嘉兴南湖日化经销部" });
        await item.Locator("input").First.FillAsync("价格符合指导价，同意");
        await item.Locator("[data-testid=inbox-approve]").ClickAsync();
        await Expect(item.Locator("[data-testid=inbox-decided]")).ToBeVisibleAsync();
        await manager.Context.CloseAsync();

        await rep.GotoAsync(contractUrl);
        await Expect(rep.Locator("[data-testid=contract-state]")).ToHaveTextAsync("已批准");
        await Expect(rep.Locator("[data-testid=contract-step]")).ToContainTextAsync("价格符合指导价，同意");
        await Expect(rep.Locator("[data-testid=contract-timeline-entry][data-action=approved]")).ToBeVisibleAsync();
        await Expect(rep.Locator("[data-testid=no-actions]")).ToBeVisibleAsync(); // signing is the custodian's or a manager's
        await Expect(rep.Locator("[data-testid^=contract-action-]")).ToHaveCountAsync(0);
        await rep.Context.CloseAsync();
    }

    [Fact]
    public async Task Inside_sales_imports_a_csv_sees_the_bad_row_in_the_dry_run_report_then_imports_the_good_rows_which_appear_in_the_list()
    {
        var clerk = await web.SignInAsync("clerk-w10", "郑丽", "sh", "inside-sales");
        await clerk.GotoAsync($"{web.BaseUrl}/customers/import");
        var csv = "客户名称,客户类型,地区,联系人,手机\n" +
                  "湖州吴兴日化商店,trading,华东,周经理,13900139001\n" +
                  "湖州南浔洗化批发部,xyz,华东,吴经理,13900139002\n" +
                  "湖州德清日用品商行,agent,华东,冯经理,13900139003\n";
        await clerk.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "customers.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });
        await Expect(clerk.Locator("[data-testid=import-file-name]")).ToContainTextAsync("3 行");
        await clerk.ClickAsync("[data-testid=import-dry-run]");

        await Expect(clerk.Locator("[data-testid=import-invalid]")).ToHaveTextAsync("有问题 1 行");
        var bad = clerk.Locator("[data-testid=import-row][data-ok=false]");
        await Expect(bad).ToHaveCountAsync(1);
        await Expect(bad).ToHaveAttributeAsync("data-row", "3");
        await Expect(bad.Locator("[data-testid=import-row-error][data-field=kind]")).ToContainTextAsync("客户类型：“xyz”无效");
        await Expect(clerk.Locator("[data-testid=import-row][data-ok=true]")).ToHaveCountAsync(2);
        await WebAppFixture.ScreenshotsAsync(clerk, "import");

        await clerk.ClickAsync("[data-testid=import-commit]");
        await Expect(clerk.Locator("[data-testid=import-done]")).ToContainTextAsync("已导入 2 个客户");
        await Expect(clerk.Locator("[data-testid=import-imported]")).ToContainTextAsync("湖州德清日用品商行");

        await clerk.GotoAsync($"{web.BaseUrl}/customers");
        await WebAppFixture.FillAsync(clerk, "search", "湖州");
        await Expect(clerk.Locator("[data-testid=customer-link]", new() { HasText = "湖州吴兴日化商店" })).ToBeVisibleAsync();
        await Expect(clerk.Locator("[data-testid=customer-link]", new() { HasText = "湖州德清日用品商行" })).ToBeVisibleAsync();
        await Expect(clerk.Locator("[data-testid=customer-link]", new() { HasText = "湖州南浔洗化批发部" })).ToHaveCountAsync(0);
        await clerk.Context.CloseAsync();
    }
}
