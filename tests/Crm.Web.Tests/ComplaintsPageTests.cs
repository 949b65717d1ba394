namespace Crm.Web.Tests;

/// <summary>The complaints board (客诉看板), a complaint's steps for the user's role, and the monthly statistics.</summary>
public sealed class ComplaintsPageTests() : ComponentTestContext("zh-CN", "after-sales")
{
    private static readonly Guid Id = Guid.NewGuid();

    private static object Complaint(string state, string[] allowed, long version = 3) => new
    {
        id = Id, customerId = Guid.NewGuid(), customerCode = "SH-000001", customerName = "上海浦东日化商行",
        subject = "洗衣粉结块", description = "整批结块，无法使用", product = "洗衣粉", batch = "B2611", severity = "high",
        category = (string?)null, finding = (string?)null, rootCause = (string?)null, correctiveAction = (string?)null, state, resolution = (object?)null,
        openedByName = "王芳", openedAt = DateTimeOffset.UtcNow.AddHours(-3), firstRespondedAt = (DateTimeOffset?)null, closedAt = (DateTimeOffset?)null,
        firstResponseDue = DateTimeOffset.UtcNow.AddHours(21), resolveDue = DateTimeOffset.UtcNow.AddDays(7), paused = false,
        breached = false, firstResponseBreached = false, resolutionBreached = false, allowedActions = allowed,
        timeline = new[] { new { at = DateTimeOffset.UtcNow.AddHours(-3), by = "rep-1", byName = "王芳", action = "received", detail = "受理客诉" } },
        version,
    };

    private static IElement Input(IRenderedComponent<ComplaintPage> cut, string id)
    {
        var element = cut.Find($"[data-testid={id}]");
        return element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input,textarea")!;
    }

    [Fact]
    public void The_board_shows_open_complaints_breached_first_with_their_countdowns()
    {
        var onTime = Guid.NewGuid();
        var late = Guid.NewGuid();
        var closed = Guid.NewGuid();
        object Item(Guid id, string subject, string state, DateTimeOffset firstDue, DateTimeOffset resolveDue, bool breached) => new
        {
            id, customerId = Guid.NewGuid(), subject, product = "洗衣粉", severity = "medium", category = (string?)null, state,
            openedAt = DateTimeOffset.UtcNow.AddDays(-2), firstResponseDue = firstDue, resolveDue, paused = false, breached, version = 1,
        };
        Gateway.Answer(HttpStatusCode.OK, new
        {
            items = new[]
            {
                Item(onTime, "包装破损", "received", DateTimeOffset.UtcNow.AddHours(20), DateTimeOffset.UtcNow.AddDays(5), false),
                Item(late, "香味不符", "received", DateTimeOffset.UtcNow.AddHours(-5), DateTimeOffset.UtcNow.AddDays(3), true),
                Item(closed, "已处理的投诉", "closed", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(-1), false),
            },
            total = 3, page = 1, pageSize = 200,
        });

        var cut = Render<Complaints>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=complaint-row]").Count));
        var rows = cut.FindAll("[data-testid=complaint-row]");
        Assert.Equal(late.ToString(), rows[0].GetAttribute("data-id"));
        Assert.NotNull(rows[0].QuerySelector("[data-testid=breached]"));
        Assert.Equal("true", rows[0].QuerySelector("[data-testid=first-response-countdown]")!.GetAttribute("data-over"));
        Assert.Contains("超时", rows[0].QuerySelector("[data-testid=first-response-countdown]")!.TextContent);
        Assert.Null(rows[1].QuerySelector("[data-testid=breached]"));
        Assert.Equal("false", rows[1].QuerySelector("[data-testid=first-response-countdown]")!.GetAttribute("data-over"));
        Assert.Contains("剩", rows[1].QuerySelector("[data-testid=resolve-countdown]")!.TextContent);
        Assert.DoesNotContain("已处理的投诉", cut.Markup);
        Assert.Equal("/api/aftersales/complaints?pageSize=200", Assert.Single(Gateway.Sent).Path);
    }

    [Fact]
    public void After_sales_sees_only_its_own_steps_and_an_assessment_without_its_fields_sends_nothing()
    {
        Gateway.Answer(HttpStatusCode.OK, Complaint("proposed", ["assess", "propose", "sign-off", "send-back", "pause", "attach"]));

        var cut = Render<ComplaintPage>(p => p.Add(c => c.Id, Id));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=action-assess]")));
        Assert.Equal(["action-assess", "action-propose", "action-pause"],
            cut.FindAll("[data-testid^=action-]").Select(b => b.GetAttribute("data-testid")!).Where(t => t != "action-submit"));
        Assert.Contains("受理客诉", cut.Find("[data-testid=complaint-timeline]").TextContent);

        cut.Find("[data-testid=action-assess]").Click();
        cut.Find("[data-testid=action-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("请选择", cut.Find("[data-field-error='category']").TextContent));
        Assert.Contains("请选择", cut.Find("[data-field-error='severity']").TextContent);
        Assert.Contains("请填写此项", cut.Find("[data-field-error='finding']").TextContent);
        Assert.Single(Gateway.Sent); // only the GET
    }

    [Fact]
    public void Pausing_the_clock_needs_a_reason_then_sends_it_with_the_version_and_reloads_the_timeline()
    {
        Gateway.Answer(HttpStatusCode.OK, Complaint("assessed", ["propose", "pause", "attach"], version: 4));
        var cut = Render<ComplaintPage>(p => p.Add(c => c.Id, Id));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=action-pause]")));

        cut.Find("[data-testid=action-pause]").Click();
        cut.Find("[data-testid=action-submit]").Click();
        cut.WaitForAssertion(() => Assert.Contains("请填写此项", cut.Find("[data-field-error='reason']").TextContent));
        Assert.Single(Gateway.Sent);

        Gateway.Answer(HttpStatusCode.OK, new { id = Id, version = 5 });
        Gateway.Answer(HttpStatusCode.OK, Complaint("assessed", ["propose", "resume", "attach"], version: 5));
        Input(cut, "f-reason").Change("等待客户寄回样品");
        cut.Find("[data-testid=action-submit]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=action-resume]")));
        var post = Gateway.Sent[1];
        Assert.Equal(HttpMethod.Post, post.Method);
        Assert.Equal($"/api/aftersales/complaints/{Id}/pause", post.Path);
        var body = JsonDocument.Parse(post.Body!).RootElement;
        Assert.Equal("等待客户寄回样品", body.GetProperty("reason").GetString());
        Assert.Equal(4, body.GetProperty("version").GetInt64());
        Assert.Empty(cut.FindAll("[data-testid=complaint-action-form]"));
    }

    [Fact]
    public void A_stale_version_keeps_what_was_typed_and_shows_the_problem()
    {
        Gateway.Answer(HttpStatusCode.OK, Complaint("assessed", ["pause"]));
        var cut = Render<ComplaintPage>(p => p.Add(c => c.Id, Id));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=action-pause]")));
        cut.Find("[data-testid=action-pause]").Click();
        Gateway.Problem(HttpStatusCode.Conflict, "Stale version.", "The complaint changed since version 3.");
        Input(cut, "f-reason").Change("等待客户寄回样品");
        cut.Find("[data-testid=action-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("The complaint changed", cut.Find("[data-testid=problem]").TextContent));
        Assert.Equal("等待客户寄回样品", Input(cut, "f-reason").GetAttribute("value"));
    }
}

/// <summary>A manager's monthly complaint statistics (月度客诉统计).</summary>
public sealed class ComplaintStatisticsPageTests() : ComponentTestContext("zh-CN", "sales-admin-manager")
{
    [Fact]
    public void The_months_figures_are_shown_with_the_terms_in_chinese_for_the_current_month()
    {
        Gateway.Answer(HttpStatusCode.OK, new
        {
            month = "2026-11", opened = 12, closed = 9, stillOpen = 3,
            byCategory = new[] { new { key = "quality", label = "quality", opened = 8, closed = 6 }, new { key = "non-quality", label = "non-quality", opened = 4, closed = 3 } },
            byRootCause = new[] { new { key = "material", label = "material", opened = 5, closed = 4 } },
            byProduct = Array.Empty<object>(), byRegion = Array.Empty<object>(),
            serviceLevels = new { closed = 9, closedWithinServiceLevel = 8, closedWithinRate = 0.8889m, firstResponses = 12, firstResponsesOnTime = 11, firstResponseRate = 0.9167m },
            averageHoursToFirstResponse = 5.25, averageHoursToClose = 70.0, returnsCount = 2, returnsAmount = 3500.5m,
        });

        var cut = Render<ComplaintStatistics>();

        cut.WaitForAssertion(() => Assert.Equal("12", cut.Find("[data-testid=stat-opened]").TextContent.Trim()));
        Assert.Equal("3", cut.Find("[data-testid=stat-still-open]").TextContent.Trim());
        Assert.Equal("88.9%", cut.Find("[data-testid=stat-closed-within]").TextContent.Trim());
        Assert.Contains("¥3,500.50", cut.Find("[data-testid=stat-returns]").TextContent);
        Assert.Contains("质量问题", cut.Markup);
        var month = TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"/api/aftersales/statistics/monthly?month={month}", Assert.Single(Gateway.Sent).Path);
    }
}
