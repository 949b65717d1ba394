namespace Crm.Customers.Tests;

/// <summary>Every update carries its version: of concurrent updates one wins per version, and the history loses nothing.</summary>
public sealed class ConcurrencyTests(CustomersFixture fixture) : IClassFixture<CustomersFixture>
{
    [Fact]
    public async Task Of_twenty_updates_sent_with_the_same_version_exactly_one_wins()
    {
        using var rep = fixture.Rep("rep-race");
        var name = Api.Unique("并发客户");
        var customer = await rep.RegisterAsync(name);

        var responses = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            rep.PutAsJsonAsync($"/api/customers/{customer.Id}", Card(name, $"备注 {i}", customer.Version, $"第 {i} 次修改"))));

        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in responses.Where(r => r != winner))
            Assert.Equal("Stale version.", (await loser.ProblemAsync(HttpStatusCode.Conflict)).Text("title"));
        var card = await rep.CardAsync(customer.Id);
        Assert.Equal(2, card.GetProperty("version").GetInt64());
        var updates = (await rep.HistoryAsync(customer.Id)).GetProperty("items").EnumerateArray().Where(e => e.Text("action") == "updated").ToList();
        Assert.Equal(card.Text("remarks"), Assert.Single(updates).GetProperty("changes")[0].Text("to"));
    }

    [Fact]
    public async Task Twenty_writers_retrying_on_409_leave_one_winner_per_version_and_a_complete_history()
    {
        using var rep = fixture.Rep("rep-writers");
        var name = Api.Unique("二十人同改");
        var customer = await rep.RegisterAsync(name);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(async writer =>
        {
            while (true)
            {
                var version = (await rep.CardAsync(customer.Id)).GetProperty("version").GetInt64();
                var response = await rep.PutAsJsonAsync($"/api/customers/{customer.Id}", Card(name, $"writer {writer}", version, $"writer {writer}"));
                if (response.StatusCode == HttpStatusCode.OK) return;
                await response.ProblemAsync(HttpStatusCode.Conflict);
            }
        }));

        Assert.Equal(21, (await rep.CardAsync(customer.Id)).GetProperty("version").GetInt64());
        var updates = (await rep.HistoryAsync(customer.Id)).GetProperty("items").EnumerateArray().Where(e => e.Text("action") == "updated").ToList();
        Assert.Equal(Enumerable.Range(2, 20).Select(v => (long)v), updates.Select(u => u.GetProperty("version").GetInt64()));
        Assert.Equal(Enumerable.Range(1, 20).Select(w => $"writer {w}").Order(), updates.Select(u => u.Text("reason")).Order());
        // Each change starts from what the previous one left: nothing was overwritten unseen.
        string? previous = null;
        foreach (var change in updates.Select(u => Assert.Single(u.GetProperty("changes").EnumerateArray())))
        {
            Assert.Equal("remarks", change.Text("field"));
            Assert.Equal(previous, change.Text("from"));
            previous = change.Text("to");
        }
    }

    [Fact]
    public async Task An_update_needs_its_version_and_a_change_reason_and_accepts_if_match()
    {
        using var rep = fixture.Rep("rep-if-match");
        var name = Api.Unique("版本客户");
        var customer = await rep.RegisterAsync(name);

        Assert.Equal(["version"], await (await rep.PutAsJsonAsync($"/api/customers/{customer.Id}",
            new { name = "x", kind = "agent", region = "华东", changeReason = "理由" })).FieldErrorsAsync());
        Assert.Equal(["changeReason"], await (await rep.PutAsJsonAsync($"/api/customers/{customer.Id}",
            Card(name, "无理由", customer.Version, null))).FieldErrorsAsync());

        var card = await rep.CardAsync(customer.Id);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{customer.Id}")
        {
            Content = JsonContent.Create(new { name = card.Text("name"), kind = "agent", region = "华东", remarks = "用 If-Match", changeReason = "补充备注" }),
        };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        var updated = await (await rep.SendAsync(request)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, updated.GetProperty("version").GetInt64());

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{customer.Id}")
        {
            Content = JsonContent.Create(new { name = card.Text("name"), kind = "agent", region = "华东", remarks = "过期", changeReason = "过期版本" }),
        };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        await (await rep.SendAsync(stale)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_update_publishes_its_changes_with_sensitive_values_left_out()
    {
        await using var subscriber = await fixture.SubscribeAsync("crm.customer-changed");
        using var rep = fixture.Rep("rep-changed");
        var name = Api.Unique("变更事件客户");
        var customer = await rep.RegisterAsync(name);
        var taxNumber = TaxNumbers.New();

        await (await rep.PutAsJsonAsync($"/api/customers/{customer.Id}", new
        {
            name, kind = "factory", region = "华东", route = "R-09", category = "core", taxNumber, version = 1, changeReason = "核实营业执照",
        })).JsonAsync(HttpStatusCode.OK);

        var changed = (await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer.Id)).Message;
        Assert.Equal("核实营业执照", changed.Text("reason"));
        Assert.Equal("rep-changed", changed.Text("changedBy"));
        Assert.Equal(2, changed.GetProperty("version").GetInt64());
        Assert.Equal(name, changed.Text("name"));
        Assert.Equal("华东", changed.Text("region"));
        Assert.Equal("R-09", changed.Text("route"));
        Assert.Equal("core", changed.Text("category"));
        var changes = changed.GetProperty("changes").EnumerateArray().ToDictionary(c => c.Text("field")!, c => (From: c.Text("from"), To: c.Text("to")));
        Assert.Equal(("agent", "factory"), changes["kind"]);
        Assert.Equal((null, "R-09"), changes["route"]);
        Assert.Equal(("general", "core"), changes["category"]);
        Assert.Equal((null, null), changes["taxNumber"]);
        Assert.DoesNotContain(taxNumber, changed.GetRawText());
    }

    [Fact]
    public async Task Status_owner_and_new_contacts_need_the_cards_version_like_the_card_itself()
    {
        using var rep = fixture.Rep("rep-versioned-actions");
        using var manager = fixture.As("sam-versioned", "sh", "sales-admin-manager");
        var customer = await rep.RegisterAsync(Api.Unique("版本动作"));
        var status = $"/api/customers/{customer.Id}/status";
        var owner = $"/api/customers/{customer.Id}/owner";
        var contacts = $"/api/customers/{customer.Id}/contacts";

        // Without a version: 400 naming it, and nothing changes.
        Assert.Equal(["version"], await (await rep.PostAsJsonAsync(status, new { status = "inactive", reason = "停业" })).FieldErrorsAsync());
        Assert.Equal(["version"], await (await manager.PostAsJsonAsync(owner, new { ownerId = "rep-next", reason = "调整" })).FieldErrorsAsync());
        Assert.Equal(["version"], await (await rep.PostAsJsonAsync(contacts, new { name = "甲" })).FieldErrorsAsync());
        Assert.Equal(1, (await rep.CardAsync(customer.Id)).GetProperty("version").GetInt64());

        // With the version read: applied; the card moves on.
        var inactive = await (await rep.PostAsJsonAsync(status, new { status = "inactive", reason = "停业", version = 1 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, inactive.GetProperty("version").GetInt64());

        // A change based on version 1 is now stale, whichever it is: 409, and nothing changes.
        Assert.Equal("Stale version.", (await (await manager.PostAsJsonAsync(owner, new { ownerId = "rep-next", reason = "调整", version = 1 }))
            .ProblemAsync(HttpStatusCode.Conflict)).Text("title"));
        Assert.Equal("Stale version.", (await (await rep.PostAsJsonAsync(contacts, new { name = "甲", version = 1 }))
            .ProblemAsync(HttpStatusCode.Conflict)).Text("title"));
        using var staleStatus = new HttpRequestMessage(HttpMethod.Post, status) { Content = JsonContent.Create(new { status = "active", reason = "复业" }) };
        staleStatus.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        await (await rep.SendAsync(staleStatus)).ProblemAsync(HttpStatusCode.Conflict);
        var card = await rep.CardAsync(customer.Id);
        Assert.Equal((2L, "inactive", "rep-versioned-actions", 0), (card.GetProperty("version").GetInt64(), card.Text("status"), card.Text("ownerId"),
            card.GetProperty("contacts").GetArrayLength()));

        // If-Match works as on the card.
        using var reassign = new HttpRequestMessage(HttpMethod.Post, owner) { Content = JsonContent.Create(new { ownerId = "rep-next", reason = "调整" }) };
        reassign.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"2\""));
        var reassigned = await (await manager.SendAsync(reassign)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((3L, "rep-next"), (reassigned.GetProperty("version").GetInt64(), reassigned.Text("ownerId")));
    }

    [Fact]
    public async Task Only_an_edit_that_needs_the_duplicate_check_waits_for_the_group_wide_registration_lock()
    {
        using var rep = fixture.Rep("rep-lock");
        var name = Api.Unique("登记锁客户");
        var customer = await rep.RegisterAsync(name);
        var uri = $"/api/customers/{customer.Id}";

        // Hold the service's registration gate, as a long import would (on a database of its own, so only the gate is held).
        var gate = fixture.System.ServicesOf("customers").GetRequiredService<RegistrationGate>();
        await using var elsewhere = new DbContext(new DbContextOptionsBuilder().UseSqlite("Data Source=:memory:").Options);
        Task<HttpResponseMessage> renaming;
        await using (await gate.BeginAsync(elsewhere, CancellationToken.None))
        {
            // Name, region and tax number unchanged: no duplicate check, so no wait (before, every edit queued here).
            var edited = await rep.PutAsJsonAsync(uri, Card(name, "只改备注", customer.Version, "补充备注")).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(2, (await edited.JsonAsync(HttpStatusCode.OK)).GetProperty("version").GetInt64());

            // A rename is checked for duplicates like a registration: it waits for the lock.
            renaming = rep.PutAsJsonAsync(uri, Card(name + "新", "改名", 2, "更名"));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            Assert.False(renaming.IsCompleted, "a rename must wait for the registration lock");
        }
        Assert.Equal(3, (await (await renaming.WaitAsync(TimeSpan.FromSeconds(60))).JsonAsync(HttpStatusCode.OK)).GetProperty("version").GetInt64());
    }

    private static object Card(string name, string remarks, long version, string? reason) =>
        new { name, kind = "agent", region = "华东", remarks, version, changeReason = reason };
}
