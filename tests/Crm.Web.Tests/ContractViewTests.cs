using System.Security.Claims;
using System.Text;
using Crm.ServiceDefaults.Identity;
using Crm.Web.Components.Contracts;
using Crm.Web.Components.Import;
using Crm.Web.Localization;

namespace Crm.Web.Tests;

internal static class ContractJson
{
    public static readonly Guid Id = Guid.NewGuid();
    public static readonly Guid CustomerId = Guid.NewGuid();

    public static object Contract(string state, string author = "rep-1", string? awaiting = null, long version = 3, object[]? timeline = null, object[]? steps = null) => new
    {
        id = Id, number = "SH-2026-0007", title = "2026年度经销合同", customerId = CustomerId, customerCode = "SH-000001", customerName = "上海浦东日化商行",
        ownerId = "rep-1", branchId = "sh", state, awaitingRole = awaiting, templateId = (Guid?)null,
        sections = new
        {
            lines = new[] { new { product = "洗衣粉", brand = "白猫", specification = "500g×24", quantity = 1000m, unitPrice = 25m, amount = 25000m } },
            quality = new { standard = "GB/T 13171", warrantyMonths = 12 },
            ordering = new { returnWindowDays = 7, exchangeWindowDays = 15 },
            signing = new { effectiveOn = "2026-01-01", expiresOn = "2026-12-31", autoRenew = false, noticeDays = 30 },
            parties = new { company = new { legalName = "上海白猫日化有限公司" }, customer = new { legalName = "上海浦东日化商行", bank = "工商银行" } },
        },
        totals = new { lines = 1, quantity = 1000m, amount = 25000m }, contractVersion = 0, versions = Array.Empty<object>(),
        steps = steps ?? Array.Empty<object>(),
        timeline = timeline ?? [new { at = "2026-11-20T09:00:00+08:00", by = author, byName = "王芳", action = "created", detail = "起草 SH-2026-0007" }],
        custody = new { archiveNumber = (string?)null }, signedOn = (string?)null, effectiveOn = "2026-01-01", expiresOn = "2026-12-31", autoRenew = false,
        noticeDays = 30, authorId = author, authorName = "王芳", createdAt = "2026-11-20T09:00:00+08:00", version,
    };

    public static object Card(string ownerId = "rep-1") => new
    {
        id = CustomerId, code = "SH-000001", branchId = "sh", name = "上海浦东日化商行", kind = "trading", region = "华东", status = "active",
        ownerId, entryDate = "2026-11-01", contacts = Array.Empty<object>(), contactDueOn = "2026-11-08", contactOverdue = false, maskedFields = Array.Empty<string>(), version = 2,
    };

    public static IElement Input<T>(IRenderedComponent<T> cut, string id) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var element = cut.Find($"[data-testid={id}]");
        return element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input,textarea")!;
    }

    public static string FieldErrors<T>(IRenderedComponent<T> cut, string field) where T : Microsoft.AspNetCore.Components.IComponent =>
        string.Join(" | ", cut.FindAll($"[data-field-error='{field}']").Select(e => e.TextContent));
}

/// <summary>Drafting a contract (起草合同): the form's own checks, the service's errors next to the fields they name, one draft per click burst.</summary>
public sealed class NewContractFormTests : ComponentTestContext
{
    private IRenderedComponent<NewContract> RenderForm()
    {
        Gateway.Answer(HttpStatusCode.OK, ContractJson.Card());
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/contracts/new?customerId={ContractJson.CustomerId}");
        var cut = Render<NewContract>();
        cut.WaitForElement("[data-testid=contract-create]");
        return cut;
    }

    private static void FillValid(IRenderedComponent<NewContract> cut)
    {
        ContractJson.Input(cut, "c-line0-product").Change("洗衣粉");
        ContractJson.Input(cut, "c-line0-quantity").Change("1000");
        ContractJson.Input(cut, "c-line0-unitPrice").Change("25");
    }

    [Fact]
    public void A_draft_without_title_product_or_quantity_names_them_in_chinese_and_sends_nothing()
    {
        var cut = RenderForm();
        Assert.Equal("上海浦东日化商行", ContractJson.Input(cut, "c-customerLegalName").GetAttribute("value"));
        ContractJson.Input(cut, "c-title").Change("");
        cut.Find("[data-testid=contract-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains("请填写此项", ContractJson.FieldErrors(cut, "title")));
        Assert.Contains("请填写此项", ContractJson.FieldErrors(cut, "lines[0].product"));
        Assert.Contains("须大于 0", ContractJson.FieldErrors(cut, "lines[0].quantity"));
        Assert.Single(Gateway.Sent); // the card only
    }

    [Fact]
    public void Days_out_of_their_range_are_refused_by_the_form()
    {
        var cut = RenderForm();
        FillValid(cut);
        ContractJson.Input(cut, "c-paymentTermDays").Change("400");
        ContractJson.Input(cut, "c-returnWindowDays").Change("800");
        cut.Find("[data-testid=contract-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains("须在 0 至 365 之间", ContractJson.FieldErrors(cut, "settlement.paymentTermDays")));
        Assert.Contains("须在 0 至 730 之间", ContractJson.FieldErrors(cut, "ordering.returnWindowDays"));
        Assert.Empty(ContractJson.FieldErrors(cut, "lines[0].product"));
        Assert.Single(Gateway.Sent);
    }

    [Fact]
    public void The_services_errors_land_next_to_the_fields_they_name_in_chinese_and_nothing_typed_is_lost()
    {
        var cut = RenderForm();
        FillValid(cut);
        Gateway.Problem(HttpStatusCode.BadRequest, "One or more fields are invalid.", "Correct the fields listed in 'errors' and send the request again.",
            errors: new Dictionary<string, string[]>
            {
                ["lines[0].unitPrice"] = ["lines[0].unitPrice must be between 0 and 100000000."],
                ["parties.company.legalName"] = ["甲方名称来自分公司设置, 请先在 /api/contracts/settings 填写 (set the company's party data in the branch settings first)."],
                ["breach.venue"] = ["breach.venue must be at most 200 characters."],
            });
        cut.Find("[data-testid=contract-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains("单价：须在 0 至 100000000 之间", ContractJson.FieldErrors(cut, "lines[0].unitPrice")));
        Assert.Equal("甲方名称来自分公司设置, 请先在 /api/contracts/settings 填写", ContractJson.FieldErrors(cut, "parties.company.legalName"));
        var problem = cut.Find("[data-testid=problem]").TextContent;
        Assert.Contains("请检查输入", problem);
        Assert.Contains("违约责任及纠纷处理 · 争议管辖：最多 200 个字", problem); // a field the form does not show, named in the user's words
        Assert.DoesNotContain("Correct the fields", problem);
        Assert.Equal("洗衣粉", ContractJson.Input(cut, "c-line0-product").GetAttribute("value"));
        var sent = System.Text.RegularExpressions.Regex.Unescape(Gateway.Sent[1].Body!);
        Assert.Contains("\"customerId\":\"" + ContractJson.CustomerId, sent);
        Assert.Contains("\"product\":\"洗衣粉\"", sent);
    }

    [Fact]
    public void A_double_click_drafts_once()
    {
        var cut = RenderForm();
        FillValid(cut);
        Gateway.Gate = new TaskCompletionSource();
        Gateway.Answer(HttpStatusCode.Created, new { contract = new { id = ContractJson.Id, number = "SH-2026-0007", state = "draft", version = 1 } });
        cut.Find("[data-testid=contract-create]").Click();
        cut.InvokeAsync(() => cut.Find("[data-testid=contract-create]").Click());
        Gateway.Gate.SetResult();

        cut.WaitForAssertion(() => Assert.EndsWith($"/contracts/{ContractJson.Id}", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri));
        Assert.Equal(2, Gateway.Sent.Count); // the card, and one POST
    }
}

/// <summary>The contract view for its author (a rep): the draft's steps, an incomplete submit, a stale edit.</summary>
public sealed class ContractPageForRepTests : ComponentTestContext
{
    [Fact]
    public void The_author_sees_the_clauses_and_only_edit_and_submit_on_a_draft()
    {
        Gateway.Answer(HttpStatusCode.OK, ContractJson.Contract("draft"));
        var cut = Render<ContractPage>(p => p.Add(x => x.Id, ContractJson.Id));

        cut.WaitForAssertion(() => Assert.Equal(["contract-action-edit", "contract-action-submit"],
            cut.FindAll("[data-testid^=contract-action-]").Select(b => b.GetAttribute("data-testid")!)));
        Assert.Equal("草稿", cut.Find("[data-testid=contract-state]").TextContent.Trim());
        var clauses = cut.Find("[data-testid=contract-sections]").TextContent;
        Assert.Contains("（一）标的", clauses);
        Assert.Contains("¥25,000.00", clauses);
        Assert.Contains("GB/T 13171", clauses);
        Assert.Contains("退货期限（天）", clauses);
        Assert.Contains("2026年12月31日", clauses);
        Assert.Contains("工商银行", clauses);
        Assert.Equal($"/files/contracts/{ContractJson.Id}/document", cut.Find("[data-testid=contract-document]").GetAttribute("href"));
    }

    [Fact]
    public void An_incomplete_submit_opens_the_draft_with_the_missing_fields_named()
    {
        Gateway.Answer(HttpStatusCode.OK, ContractJson.Contract("draft"));
        Gateway.Problem(HttpStatusCode.BadRequest, "One or more fields are invalid.", "The contract is not complete enough to submit (合同内容不完整): correct the fields listed in 'errors'.",
            errors: new Dictionary<string, string[]>
            {
                ["settlement.type"] = ["提交前须写明结账方式 (settlement.type is required to submit)."],
                ["settlement.paymentTermDays"] = ["提交前须写明账期 (settlement.paymentTermDays is required to submit)."],
            });
        var cut = Render<ContractPage>(p => p.Add(x => x.Id, ContractJson.Id));
        cut.WaitForElement("[data-testid=contract-action-submit]").Click();

        cut.WaitForElement("[data-testid=contract-editor]");
        Assert.Equal("提交前须写明结账方式", ContractJson.FieldErrors(cut, "settlement.type"));
        Assert.Equal("提交前须写明账期", ContractJson.FieldErrors(cut, "settlement.paymentTermDays"));
        Assert.Contains("\"version\":3", Gateway.Sent[1].Body);
    }

    [Fact]
    public void A_stale_edit_shows_who_changed_what_since_and_keeps_what_was_typed()
    {
        Gateway.Answer(HttpStatusCode.OK, ContractJson.Contract("draft"));
        var cut = Render<ContractPage>(p => p.Add(x => x.Id, ContractJson.Id));
        cut.WaitForElement("[data-testid=contract-action-edit]").Click();
        ContractJson.Input(cut, "c-title").Change("2026年度总经销合同（修订）");

        object[] theirs =
        [
            new { at = "2026-11-20T09:00:00+08:00", by = "rep-1", byName = "王芳", action = "created", detail = "起草 SH-2026-0007" },
            new { at = "2026-11-21T10:00:00+08:00", by = "custodian-1", byName = "李娜", action = "updated", detail = "草稿已修改 draft edited" },
        ];
        Gateway.Problem(HttpStatusCode.Conflict, "Stale version.", "The contract was changed by someone else (version 4, you sent 3); read it again and reapply your change.");
        Gateway.Answer(HttpStatusCode.OK, ContractJson.Contract("draft", version: 4, timeline: theirs));
        cut.Find("[data-testid=contract-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("李娜", cut.Find("[data-testid=contract-stale]").TextContent));
        Assert.Contains("修改草稿", cut.Find("[data-testid=stale-change]").TextContent);
        Assert.Contains("草稿已修改", cut.Find("[data-testid=stale-change]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=stale-change]"));
        Assert.Equal("2026年度总经销合同（修订）", ContractJson.Input(cut, "c-title").GetAttribute("value"));
        Assert.True(cut.Find("[data-testid=contract-save]").HasAttribute("disabled"));

        Gateway.Answer(HttpStatusCode.OK, ContractJson.Contract("draft", version: 4, timeline: theirs));
        cut.Find("[data-testid=contract-keep-mine]").Click();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=contract-save]").HasAttribute("disabled")));
        Assert.Equal("2026年度总经销合同（修订）", ContractJson.Input(cut, "c-title").GetAttribute("value"));
        Gateway.Answer(HttpStatusCode.OK, new { contract = new { id = ContractJson.Id, number = "SH-2026-0007", state = "draft", version = 5 } });
        Gateway.Answer(HttpStatusCode.OK, ContractJson.Contract("draft", version: 5, timeline: theirs));
        cut.Find("[data-testid=contract-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("\"version\":4", Gateway.Sent.Last(s => s.Method == HttpMethod.Put).Body));
    }
}

/// <summary>The contract view for the approver of the current step: approve or reject, nothing else; a reason before a rejection.</summary>
public sealed class ContractPageForManagerTests() : ComponentTestContext("zh-CN", "sales-admin-manager")
{
    private IRenderedComponent<ContractPage> RenderSubmitted()
    {
        Gateway.Answer(HttpStatusCode.OK, ContractJson.Contract("submitted", author: "rep-2", awaiting: "sales-admin-manager",
            steps: [new { round = 1, order = 1, role = "sales-admin-manager" }, new { round = 1, order = 2, role = "sales-vp" }]));
        return Render<ContractPage>(p => p.Add(x => x.Id, ContractJson.Id));
    }

    [Fact]
    public void The_current_steps_approver_sees_approve_and_reject_and_the_steps_in_order()
    {
        var cut = RenderSubmitted();
        cut.WaitForAssertion(() => Assert.Equal(["contract-action-approve", "contract-action-reject"],
            cut.FindAll("[data-testid^=contract-action-]").Select(b => b.GetAttribute("data-testid")!)));
        Assert.Contains("待销售管理部经理审批", cut.Find("[data-testid=contract-awaiting]").TextContent);
        Assert.Equal(["sales-admin-manager", "sales-vp"], cut.FindAll("[data-testid=contract-step]").Select(r => r.GetAttribute("data-role")!));
    }

    [Fact]
    public void Rejecting_needs_a_reason_before_anything_is_sent()
    {
        var cut = RenderSubmitted();
        cut.WaitForElement("[data-testid=contract-action-reject]").Click();
        cut.Find("[data-testid=ca-submit]").Click();
        cut.WaitForAssertion(() => Assert.Contains("请填写此项", ContractJson.FieldErrors(cut, "reason")));
        Assert.Single(Gateway.Sent);

        Gateway.Answer(HttpStatusCode.OK, new { contract = new { id = ContractJson.Id, number = "SH-2026-0007", state = "draft", version = 4 } });
        Gateway.Answer(HttpStatusCode.OK, ContractJson.Contract("draft", author: "rep-2", version: 4));
        ContractJson.Input(cut, "ca-reason").Change("单价低于指导价");
        cut.Find("[data-testid=ca-submit]").Click();
        cut.WaitForAssertion(() => Assert.Equal("草稿", cut.Find("[data-testid=contract-state]").TextContent.Trim()));
        Assert.Contains("单价低于指导价", System.Text.RegularExpressions.Regex.Unescape(Gateway.Sent[1].Body!));
        Assert.EndsWith("/reject", Gateway.Sent[1].Path);
        Assert.Empty(cut.FindAll("[data-testid^=contract-action-]")); // the rejected draft is its author's again
    }
}

/// <summary>The steps a role may take, as the contracts service allows them (buttons not shown are the ones it would refuse).</summary>
public sealed class ContractActionsTests
{
    private static ClaimsPrincipal User(string id, params string[] roles) => new(new ClaimsIdentity(
        [new Claim(CrmClaims.UserId, id), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test", CrmClaims.Name, ClaimTypes.Role));

    private static ContractDetails Contract(string state, string author = "rep-1", string? awaiting = null, bool autoRenew = false) => new()
    {
        Id = Guid.NewGuid(), State = state, AuthorId = author, OwnerId = "rep-1", AwaitingRole = awaiting, AutoRenew = autoRenew,
        Timeline = [new ContractTimelineEntry(DateTimeOffset.UnixEpoch, author, "x", "submitted", null)],
        Steps = awaiting is null ? [] : [new ContractStep(1, 1, awaiting, null, null, null, null, null)],
    };

    [Fact]
    public void Each_role_sees_only_the_steps_it_may_take_in_the_state()
    {
        var rep = User("rep-1", "sales-rep");
        var otherRep = User("rep-9", "sales-rep");
        var manager = User("sam-1", "sales-admin-manager");
        var vp = User("vp-1", "sales-vp");
        var custodian = User("cust-1", "contract-custodian");

        Assert.Equal(["edit", "submit"], ContractActions.For(Contract("draft"), rep));
        Assert.Empty(ContractActions.For(Contract("draft"), otherRep));
        Assert.Empty(ContractActions.For(Contract("draft"), manager));
        Assert.Equal(["approve", "reject"], ContractActions.For(Contract("submitted", awaiting: "sales-admin-manager"), manager));
        Assert.Empty(ContractActions.For(Contract("submitted", awaiting: "sales-admin-manager"), vp)); // not its turn
        Assert.Empty(ContractActions.For(Contract("submitted", author: "sam-1", awaiting: "sales-admin-manager"), manager)); // filed it
        Assert.Empty(ContractActions.For(Contract("submitted", awaiting: "sales-admin-manager"), rep));
        Assert.Empty(ContractActions.For(Contract("approved"), rep));
        Assert.Equal(["sign"], ContractActions.For(Contract("approved"), custodian));
        Assert.Equal(["renew"], ContractActions.For(Contract("active"), rep));
        Assert.Equal(["amend", "notice", "renew", "terminate"], ContractActions.For(Contract("active", autoRenew: true), manager));
        Assert.Equal(["amend", "renew", "archive"], ContractActions.For(Contract("active"), custodian));
        Assert.True(ContractActions.CanDraftFor(rep, "rep-1"));
        Assert.False(ContractActions.CanDraftFor(otherRep, "rep-1"));
        Assert.True(ContractActions.CanDraftFor(custodian, "rep-1"));
    }
}

/// <summary>Problems in the user's language from the one mapping (Texts.ProblemTexts), falling back to the service's words.</summary>
public sealed class ProblemTextsTests
{
    private static Texts In(string culture)
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
        return new Texts();
    }

    [Fact]
    public void Chinese_names_the_field_and_rewrites_the_known_english_shapes()
    {
        var t = In("zh-CN");
        Assert.Equal("客户名称：必填", t.Message("name", "name is required."));
        Assert.Equal("地区：最多 100 个字", t.Message("region", "region must be at most 100 characters."));
        Assert.Equal("客户类型：“xyz”无效，可选：agent, factory", t.Message("kind", "'xyz' is not a kind: use one of agent, factory."));
        Assert.Equal("成立日期：“2026/13/01”不是日期，请写成 2026-11-23", t.Message("foundedOn", "'2026/13/01' is not a date: write it as 2026-11-23."));
        Assert.Equal("与第 2 行税号相同", t.Message("taxNumber", "Row 2 has the same tax number."));
        Assert.Equal("提交前须有标的", t.Message("lines", "提交前须有标的 (a contract needs at least one line before it is submitted)."));
        Assert.Equal("Something nobody mapped.", t.Message("x", "Something nobody mapped."));
        Assert.Equal("（一）标的 2 · 单价", t.FieldLabel("lines[1].unitPrice"));
        Assert.Equal("总经销区域冲突", t.ProblemHeadline(new ApiProblem { Status = 422, Rule = "exclusive-territory" }));
        Assert.Equal("他人已先行修改", t.ProblemHeadline(new ApiProblem { Status = 409, Title = "Stale version." }));
        Assert.Equal("您的角色不能执行此操作", t.ProblemHeadline(new ApiProblem { Status = 403, Type = "https://tools.ietf.org/html/rfc9110#section-15.5.4" }));
    }

    [Fact]
    public void English_shows_the_services_english_half()
    {
        var t = In("en");
        Assert.Equal("name is required.", t.Message("name", "name is required."));
        Assert.Equal("a contract needs at least one line before it is submitted", t.Message("lines", "提交前须有标的 (a contract needs at least one line before it is submitted)."));
        Assert.Equal("Unit price", t.FieldLabel("unitPrice"));
        Assert.Equal("Exclusive territory overlaps", t.ProblemHeadline(new ApiProblem { Status = 422, Rule = "exclusive-territory" }));
    }
}

/// <summary>The import's file as the app reads it: the same row numbers as the service, and the good rows alone sent on.</summary>
public sealed class CsvFileTests
{
    [Fact]
    public void The_rows_keep_the_services_numbers_and_the_bad_ones_are_left_out()
    {
        var text = "\uFEFF客户名称,客户类型,地区\n甲商行,trading,华东\n\n\"乙, 商行\",xyz,华东\n丙商行,agent,华南\n";
        var file = CsvFile.Read(Encoding.UTF8.GetBytes(text));

        Assert.Equal([2, 4, 5], file.Rows.Select(r => r.Row)); // the file's own line numbers: the blank line counts, as the service counts it
        Assert.Equal(["甲商行", "乙, 商行", "丙商行"], file.Rows.Select(r => r.Name));
        var (csv, rows) = file.Without(new HashSet<int> { 4 });
        Assert.Equal([2, 5], rows);
        Assert.Equal("客户名称,客户类型,地区\r\n甲商行,trading,华东\r\n丙商行,agent,华南\r\n", Encoding.UTF8.GetString(csv));
    }
}
