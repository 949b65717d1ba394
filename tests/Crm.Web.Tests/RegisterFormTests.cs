namespace Crm.Web.Tests;

/// <summary>The register form (登记客户档案): its own checks, the API's problems next to the fields, the duplicate warning, and one submit per click burst.</summary>
public sealed class RegisterFormTests : ComponentTestContext
{
    private static IElement Input(IRenderedComponent<RegisterCustomer> cut, string id)
    {
        var element = cut.Find($"[data-testid={id}]");
        return element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input,textarea")!;
    }

    private static string FieldErrors(IRenderedComponent<RegisterCustomer> cut, string field) =>
        string.Join(" | ", cut.FindAll($"[data-field-error='{field}']").Select(e => e.TextContent));

    [Fact]
    public void An_empty_form_names_the_missing_fields_in_chinese_and_sends_nothing()
    {
        var cut = Render<RegisterCustomer>();
        cut.Find("[data-testid=register-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("客户名称：必填", FieldErrors(cut, "name")));
        Assert.Contains("地区：必填", FieldErrors(cut, "region"));
        Assert.Empty(Gateway.Sent);
    }

    [Fact]
    public void The_api_field_errors_are_shown_next_to_the_fields_they_name()
    {
        Gateway.Problem(HttpStatusCode.BadRequest, "One or more validation errors occurred.", "Check the fields.",
            errors: new Dictionary<string, string[]> { ["region"] = ["region is at most 100 characters."], ["contacts[0].mobile"] = ["mobile is not a phone number."] });
        var cut = Render<RegisterCustomer>();
        Input(cut, "f-name").Change("上海浦东日化商行");
        Input(cut, "f-region").Change("华东");
        Input(cut, "f-contactName").Change("王经理");
        Input(cut, "f-contactMobile").Change("abc");
        cut.Find("[data-testid=register-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("region is at most 100 characters.", FieldErrors(cut, "region")));
        Assert.Contains("mobile is not a phone number.", FieldErrors(cut, "contacts[0].mobile"));
        Assert.Contains("请检查输入", cut.Find("[data-testid=problem]").TextContent);
        // Nothing typed is lost.
        Assert.Equal("上海浦东日化商行", Input(cut, "f-name").GetAttribute("value"));
    }

    [Fact]
    public void A_possible_duplicate_is_shown_and_registers_only_with_a_reason()
    {
        var existing = Guid.NewGuid();
        Gateway.Problem(HttpStatusCode.Conflict, "Possible duplicate.", "This looks like a customer that is already on file.",
            duplicates: new[] { new { id = existing, type = "customer", name = "上海浦东日化商行", code = "SH-000001", region = "华东", matchedOn = new[] { "name" } } });
        Gateway.Answer(HttpStatusCode.Created, new { id = Guid.NewGuid(), code = "SH-000002", version = 1 });
        var cut = Render<RegisterCustomer>();
        Input(cut, "f-name").Change("上海浦东日化商行");
        Input(cut, "f-region").Change("华东");
        cut.Find("[data-testid=register-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("SH-000001", cut.Find("[data-testid=duplicate-warning]").TextContent));
        cut.Find("[data-testid=dup-confirm]").Click();
        cut.WaitForAssertion(() => Assert.Contains("必填", FieldErrors(cut, "reason")));
        Assert.Single(Gateway.Sent);

        Input(cut, "dup-reason").Change("同名不同店：这是浦东新区的第二家门店");
        cut.Find("[data-testid=dup-confirm]").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, Gateway.Sent.Count));
        var confirmed = Gateway.Sent[1].Body!;
        Assert.Contains("\"confirmNotDuplicate\":true", confirmed);
        Assert.Contains("第二家门店", System.Text.RegularExpressions.Regex.Unescape(confirmed));
    }

    [Fact]
    public void A_double_click_registers_once()
    {
        Gateway.Gate = new TaskCompletionSource();
        Gateway.Answer(HttpStatusCode.Created, new { id = Guid.NewGuid(), code = "SH-000003", version = 1 });
        var cut = Render<RegisterCustomer>();
        Input(cut, "f-name").Change("杭州西湖经销有限公司");
        Input(cut, "f-region").Change("华东");
        var button = cut.Find("[data-testid=register-submit]");
        button.Click();
        // The second click of the burst reaches the handler while the first request is still in flight.
        cut.InvokeAsync(() => cut.Find("[data-testid=register-submit]").Click());
        Gateway.Gate.SetResult();

        cut.WaitForAssertion(() => Assert.Equal(1, cut.Instance.Sent));
        Assert.Single(Gateway.Sent);
    }
}

public sealed class RegisterFormInEnglishTests() : ComponentTestContext("en")
{
    [Fact]
    public void The_english_switch_speaks_english()
    {
        var cut = Render<RegisterCustomer>();
        cut.Find("[data-testid=register-submit]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Customer name：Required", string.Join(" ", cut.FindAll("[data-field-error='name']").Select(e => e.TextContent))));
        Assert.Contains("Register", cut.Find("[data-testid=register-submit]").TextContent);
    }
}
