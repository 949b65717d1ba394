namespace Crm.AfterSales.Tests;

/// <summary>
/// Service levels on the fake clock: deadlines stamped on receipt and recomputed on assessment, the clock paused only
/// while waiting on the customer, and breaches marked and published once, across a restart. Tests share the clock and
/// work from its current instant.
/// </summary>
public sealed class ServiceLevelTests(AfterSalesFixture fixture) : IClassFixture<AfterSalesFixture>
{
    private readonly Procedure _procedure = new(fixture);

    private static DateTimeOffset Instant(JsonElement complaint, string name) => complaint.GetProperty(name).GetDateTimeOffset();

    [Fact]
    public async Task Deadlines_are_stamped_on_receipt_by_the_stricter_category_and_recomputed_by_the_assessment()
    {
        var customer = await fixture.CustomerAsync();
        var t0 = fixture.Now;
        var complaint = await Api.OpenAsync(_procedure.AfterSales, customer);
        Assert.Equal(t0.AddHours(24), Instant(complaint, "firstResponseDue"));
        Assert.Equal(t0.AddDays(3), Instant(complaint, "resolveDue"));

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        complaint = await _procedure.DoAsync(complaint, "assess", new { category = "quality", finding = "结块", severity = "medium", version = complaint.Version() });
        Assert.Equal(t0.AddDays(7), Instant(complaint, "resolveDue"));
        Assert.Equal(t0.AddHours(2), Instant(complaint, "firstRespondedAt"));
    }

    [Fact]
    public async Task The_clock_pauses_only_while_waiting_on_the_customer_and_the_paused_time_extends_the_deadlines()
    {
        var customer = await fixture.CustomerAsync();
        var t0 = fixture.Now;
        var complaint = await Api.OpenAsync(_procedure.AfterSales, customer);

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        complaint = await _procedure.DoAsync(complaint, "pause", new { reason = "等待客户提供照片", version = complaint.Version() });
        Assert.True(complaint.GetProperty("paused").GetBoolean());
        var again = await Api.ActAsync(_procedure.AfterSales, complaint.Id(), "pause", new { reason = "再次暂停", version = complaint.Version() });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        await fixture.SweepAtAsync(t0.AddHours(30));
        Assert.False((await Api.GetAsync(_procedure.AfterSales, complaint.Id())).GetProperty("breached").GetBoolean());

        complaint = await Api.GetAsync(_procedure.AfterSales, complaint.Id());
        complaint = await _procedure.DoAsync(complaint, "resume", new { reason = "客户已发来照片", version = complaint.Version() });
        Assert.Equal(t0.AddHours(24 + 29), Instant(complaint, "firstResponseDue"));
        Assert.Equal(t0.AddHours(72 + 29), Instant(complaint, "resolveDue"));
        var timeline = complaint.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Contains("等待客户提供照片", timeline.Single(t => t.GetProperty("action").GetString() == "pause").GetProperty("detail").GetString());
        Assert.Contains("客户已发来照片", timeline.Single(t => t.GetProperty("action").GetString() == "resume").GetProperty("detail").GetString());

        await fixture.SweepAtAsync(t0.AddHours(24 + 29).AddSeconds(-1));
        Assert.False((await Api.GetAsync(_procedure.AfterSales, complaint.Id())).GetProperty("breached").GetBoolean());
        await fixture.SweepAtAsync(t0.AddHours(24 + 29));
        var breached = await Api.GetAsync(_procedure.AfterSales, complaint.Id());
        Assert.True(breached.GetProperty("firstResponseBreached").GetBoolean());
    }

    [Fact]
    public async Task The_assessment_is_the_first_response_and_then_only_the_resolution_deadline_can_be_missed()
    {
        await using var answered = await RawSubscriber.BindAsync(fixture.Amqp, "crm.complaint-answered");
        await using var breaches = await RawSubscriber.BindAsync(fixture.Amqp, "crm.complaint-sla-breached");
        var customer = await fixture.CustomerAsync();
        var t0 = fixture.Now;
        var complaint = await Api.OpenAsync(_procedure.AfterSales, customer);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        complaint = await _procedure.DoAsync(complaint, "assess");
        var answer = (await answered.NextAsync(m => m.GetProperty("complaintId").GetGuid() == complaint.Id())).Message;
        Assert.Equal("non-quality", answer.GetProperty("category").GetString());

        await fixture.SweepAtAsync(t0.AddHours(30));
        Assert.False((await Api.GetAsync(_procedure.AfterSales, complaint.Id())).GetProperty("breached").GetBoolean());

        await fixture.SweepAtAsync(t0.AddHours(72));
        var late = await Api.GetAsync(_procedure.AfterSales, complaint.Id());
        Assert.True(late.GetProperty("resolutionBreached").GetBoolean());
        Assert.False(late.GetProperty("firstResponseBreached").GetBoolean());
        var published = (await breaches.NextAsync(m => m.GetProperty("complaintId").GetGuid() == complaint.Id())).Message;
        Assert.Equal("resolution", published.GetProperty("deadline").GetString());
        Assert.Equal("non-quality", published.GetProperty("category").GetString());

        // Closing after a missed deadline says so.
        late = await _procedure.DoAsync(late, "propose");
        late = await _procedure.DoAsync(late, "sign-off");
        late = await _procedure.DoAsync(late, "customer-response");
        late = await _procedure.DoAsync(late, "complete");
        Assert.False(late.GetProperty("serviceLevelMet").GetBoolean());
    }

    [Fact]
    public async Task Managers_set_the_branch_s_service_levels_and_windows_with_versions_and_new_complaints_follow_them()
    {
        const string branch = "gz";
        using var manager = fixture.Manager("sam-gz", branch);
        using var afterSales = fixture.AfterSales("as-gz", branch);

        Assert.Equal(HttpStatusCode.Forbidden, (await afterSales.GetAsync("/api/aftersales/settings")).StatusCode);
        var defaults = await HttpAssertions.JsonAsync(await manager.GetAsync("/api/aftersales/settings"), HttpStatusCode.OK);
        Assert.Equal(0, defaults.Version());
        Assert.Equal(7, defaults.GetProperty("returnWindowDays").GetInt32());
        Assert.Equal(15, defaults.GetProperty("exchangeWindowDays").GetInt32());
        var levels = defaults.GetProperty("serviceLevels").EnumerateArray().ToList();
        Assert.Equal(8, levels.Count);
        Assert.All(levels, l => Assert.Equal(24, l.GetProperty("firstResponseHours").GetInt32()));
        Assert.All(levels.Where(l => l.GetProperty("category").GetString() == "quality"), l => Assert.Equal(168, l.GetProperty("resolutionHours").GetInt32()));
        Assert.All(levels.Where(l => l.GetProperty("category").GetString() == "non-quality"), l => Assert.Equal(72, l.GetProperty("resolutionHours").GetInt32()));

        var body = new
        {
            serviceLevels = new[]
            {
                new { category = "quality", severity = "critical", firstResponseHours = 4, resolutionHours = 48 },
                new { category = "non-quality", severity = "critical", firstResponseHours = 2, resolutionHours = 24 },
            },
            returnWindowDays = 10,
        };
        var saved = await HttpAssertions.JsonAsync(await manager.PutAsJsonAsync("/api/aftersales/settings", body), HttpStatusCode.OK);
        Assert.Equal(1, saved.Version());
        Assert.Equal(10, saved.GetProperty("returnWindowDays").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PutAsJsonAsync("/api/aftersales/settings", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PutAsJsonAsync("/api/aftersales/settings", new { returnWindowDays = 9, version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await afterSales.PutAsJsonAsync("/api/aftersales/settings", new { returnWindowDays = 9, version = 1 })).StatusCode);
        var invalid = await HttpAssertions.JsonAsync(await manager.PutAsJsonAsync("/api/aftersales/settings",
            new { serviceLevels = new[] { new { category = "quality", severity = "low", firstResponseHours = 10, resolutionHours = 5 } }, version = 1 }), HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("serviceLevels[0].resolutionHours", out _));

        var customer = await fixture.CustomerAsync(branch);
        var t0 = fixture.Now;
        var complaint = await Api.OpenAsync(afterSales, customer, severity: "critical");
        Assert.Equal(t0.AddHours(2), Instant(complaint, "firstResponseDue"));
        Assert.Equal(t0.AddHours(24), Instant(complaint, "resolveDue"));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        complaint = await Api.OkAsync(afterSales, complaint.Id(), "assess", new { category = "quality", finding = "异味", severity = "critical", version = complaint.Version() });
        Assert.Equal(t0.AddHours(48), Instant(complaint, "resolveDue"));
    }
}

/// <summary>The breach across a restart, with a system of its own (the restarted host is not behind the gateway).</summary>
public sealed class ServiceLevelRestartTests(AfterSalesFixture fixture) : IClassFixture<AfterSalesFixture>
{
    private readonly Procedure _procedure = new(fixture);

    [Fact]
    public async Task A_missed_deadline_is_marked_once_escalated_on_the_timeline_and_published_once_even_across_a_restart()
    {
        await using var breaches = await RawSubscriber.BindAsync(fixture.Amqp, "crm.complaint-sla-breached");
        var customer = await fixture.CustomerAsync();
        var t0 = fixture.Now;
        var complaint = await Api.OpenAsync(_procedure.AfterSales, customer, subject: "迟迟无人答复");

        await fixture.SweepAtAsync(t0.AddHours(24).AddSeconds(-1));
        Assert.False((await Api.GetAsync(_procedure.AfterSales, complaint.Id())).GetProperty("breached").GetBoolean());

        await fixture.SweepAtAsync(t0.AddHours(24));
        var breached = await Api.GetAsync(_procedure.AfterSales, complaint.Id());
        Assert.True(breached.GetProperty("breached").GetBoolean());
        Assert.True(breached.GetProperty("escalatedToManagers").GetBoolean());
        var entry = breached.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("action").GetString() == "sla-breached");
        Assert.Equal("system", entry.GetProperty("by").GetString());
        Assert.Contains("managers", entry.GetProperty("detail").GetString());
        var listed = await HttpAssertions.JsonAsync(await _procedure.AfterSales.GetAsync($"/api/aftersales/complaints?customerId={customer}&breached=true"), HttpStatusCode.OK);
        Assert.Equal(complaint.Id(), Assert.Single(listed.GetProperty("items").EnumerateArray()).Id());

        var published = (await breaches.NextAsync(m => m.GetProperty("complaintId").GetGuid() == complaint.Id())).Message;
        Assert.Equal("first-response", published.GetProperty("deadline").GetString());
        Assert.Equal("received", published.GetProperty("state").GetString());
        Assert.Equal(t0.AddHours(24), published.GetProperty("dueAt").GetDateTimeOffset());

        await fixture.SweepAtAsync(t0.AddHours(25));
        await fixture.System.RestartServiceAsync("aftersales");
        await fixture.SweepAtAsync(t0.AddHours(26));

        // The restarted host listens on a new port the gateway does not know: from here on, call it directly.
        using var direct = fixture.System.AfterSales.Client("as-1", AfterSalesFixture.Branch, "after-sales");
        // A later breach of the same customer: events of one customer arrive in order, so a repeat would come before it.
        var second = await Api.OpenAsync(direct, customer, subject: "第二件");
        await fixture.SweepAtAsync(fixture.Now.AddHours(24));
        await breaches.NextAsync(m => m.GetProperty("complaintId").GetGuid() == second.Id());
        var repeats = breaches.Drain().Count(m => m.Message.GetProperty("complaintId").GetGuid() == complaint.Id() && m.Message.GetProperty("deadline").GetString() == "first-response");
        Assert.Equal(0, repeats);
        var afterRestart = await Api.GetAsync(direct, complaint.Id());
        Assert.Single(afterRestart.GetProperty("timeline").EnumerateArray(),
            t => t.GetProperty("action").GetString() == "sla-breached" && t.GetProperty("detail").GetString()!.Contains("first response"));
    }
}
