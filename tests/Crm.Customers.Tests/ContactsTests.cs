namespace Crm.Customers.Tests;

/// <summary>Contacts (联系人): exactly one primary, versions of their own, every change in the history and in the events.</summary>
public sealed class ContactsTests(CustomersFixture fixture) : IClassFixture<CustomersFixture>
{
    [Fact]
    public async Task The_first_contact_is_primary_and_a_new_primary_demotes_the_old_one()
    {
        using var rep = fixture.Rep("rep-contacts");
        var customer = await rep.RegisterAsync(Api.Unique("联系人客户"));

        var first = await AddAsync(rep, customer.Id, new { name = "甲", mobile = "13811112222" });
        Assert.True(first.GetProperty("isPrimary").GetBoolean());
        var second = await AddAsync(rep, customer.Id, new { name = "乙" });
        Assert.False(second.GetProperty("isPrimary").GetBoolean());
        var third = await AddAsync(rep, customer.Id, new { name = "丙", isPrimary = true });
        Assert.True(third.GetProperty("isPrimary").GetBoolean());

        var contacts = (await rep.CardAsync(customer.Id)).GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal("丙", Assert.Single(contacts, c => c.GetProperty("isPrimary").GetBoolean()).Text("name"));
        var demoted = contacts.Single(c => c.Text("name") == "甲");
        Assert.Equal(2, demoted.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_primary_contact_cannot_be_demoted_or_removed_while_others_remain()
    {
        using var rep = fixture.Rep("rep-primary");
        var customer = await rep.RegisterAsync(Api.Unique("主联系人规则"));
        var primary = await AddAsync(rep, customer.Id, new { name = "主" });
        var secondary = await AddAsync(rep, customer.Id, new { name = "次" });
        var primaryId = primary.GetProperty("id").GetGuid();

        var demote = await rep.PutAsJsonAsync($"/api/customers/{customer.Id}/contacts/{primaryId}", new { name = "主", isPrimary = false, version = 1 });
        var problem = await demote.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("one-primary-contact", problem.Text("rule"));
        await (await rep.DeleteAsync($"/api/customers/{customer.Id}/contacts/{primaryId}?version=1")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var secondaryId = secondary.GetProperty("id").GetGuid();
        await (await rep.DeleteAsync($"/api/customers/{customer.Id}/contacts/{secondaryId}?version=1")).JsonAsync(HttpStatusCode.OK);
        await (await rep.DeleteAsync($"/api/customers/{customer.Id}/contacts/{primaryId}?version=1")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty((await rep.CardAsync(customer.Id)).GetProperty("contacts").EnumerateArray());
    }

    [Fact]
    public async Task A_contact_change_needs_the_contacts_current_version()
    {
        using var rep = fixture.Rep("rep-contact-version");
        var customer = await rep.RegisterAsync(Api.Unique("联系人版本"));
        var contactId = (await AddAsync(rep, customer.Id, new { name = "甲" })).GetProperty("id").GetGuid();

        Assert.Equal(["version"], await (await rep.PutAsJsonAsync($"/api/customers/{customer.Id}/contacts/{contactId}", new { name = "甲" })).FieldErrorsAsync());
        Assert.Equal(["version"], await (await rep.DeleteAsync($"/api/customers/{customer.Id}/contacts/{contactId}")).FieldErrorsAsync());
        await (await rep.PutAsJsonAsync($"/api/customers/{customer.Id}/contacts/{contactId}", new { name = "甲", title = "经理", version = 1, isPrimary = true }))
            .JsonAsync(HttpStatusCode.OK);
        await (await rep.PutAsJsonAsync($"/api/customers/{customer.Id}/contacts/{contactId}", new { name = "甲", title = "总经理", version = 1, isPrimary = true }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["email"], await (await rep.PutAsJsonAsync($"/api/customers/{customer.Id}/contacts/{contactId}",
            new { name = "甲", email = "bad", version = 2, isPrimary = true })).FieldErrorsAsync());
    }

    [Fact]
    public async Task Contact_changes_are_in_the_history_and_the_events_without_personal_values()
    {
        await using var subscriber = await fixture.SubscribeAsync("crm.customer-changed");
        using var rep = fixture.Rep("rep-contact-events");
        var customer = await rep.RegisterAsync(Api.Unique("联系人事件"));
        var contact = await AddAsync(rep, customer.Id, new { name = "李四", mobile = "13900001111", personalNotes = "爱喝茶" });
        var contactId = contact.GetProperty("id").GetGuid();

        var added = (await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer.Id)).Message;
        var changes = added.GetProperty("changes").EnumerateArray().ToDictionary(c => c.Text("field")!, c => (c.Text("from"), c.Text("to")));
        Assert.Equal((null, "李四"), changes[$"contacts[{contactId}].name"]);
        Assert.Equal((null, null), changes[$"contacts[{contactId}].personalNotes"]);
        Assert.DoesNotContain("爱喝茶", added.GetRawText());
        Assert.Equal(2, added.GetProperty("version").GetInt64());

        await (await rep.PutAsJsonAsync($"/api/customers/{customer.Id}/contacts/{contactId}",
            new { name = "李四", mobile = "13900002222", personalNotes = "爱喝茶", isPrimary = true, version = 1, changeReason = "换了手机号" }))
            .JsonAsync(HttpStatusCode.OK);
        var updated = (await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer.Id)).Message;
        var change = Assert.Single(updated.GetProperty("changes").EnumerateArray());
        Assert.Equal($"contacts[{contactId}].mobile", change.Text("field"));
        Assert.Equal("13900002222", change.Text("to"));
        Assert.Equal("换了手机号", updated.Text("reason"));

        var history = (await rep.HistoryAsync(customer.Id)).GetProperty("items").EnumerateArray().Select(e => e.Text("action")).ToList();
        Assert.Equal(["registered", "contact-added", "contact-updated"], history);
    }

    [Fact]
    public async Task Inside_sales_may_keep_the_contacts_of_any_customer_of_the_branch()
    {
        using var rep = fixture.Rep("rep-contact-is");
        var customer = await rep.RegisterAsync(Api.Unique("内勤维护联系人"));
        using var insideSales = fixture.As("is-contacts", "sh", "inside-sales");
        await AddAsync(insideSales, customer.Id, new { name = "内勤录入" });
        Assert.Equal("内勤录入", (await rep.CardAsync(customer.Id)).GetProperty("contacts")[0].Text("name"));
    }

    /// <summary>Adds a contact on the card's current version, sent as If-Match.</summary>
    private static async Task<JsonElement> AddAsync(HttpClient client, Guid customerId, object contact)
    {
        var version = (await client.CardAsync(customerId)).GetProperty("version").GetInt64();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{customerId}/contacts") { Content = JsonContent.Create(contact) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
        return (await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.Created)).GetProperty("contact");
    }
}
