namespace Crm.Customers.Tests;

/// <summary>
/// 一周内联系, 否则可转给他人: the owner has a week from taking the customer on; past it without a visit of theirs the file
/// is "contact overdue", listed as such, and a reassignment says so and gives the new owner a fresh week.
/// </summary>
public sealed class ContactDeadlineTests(ClockedCustomersFixture fixture) : IClassFixture<ClockedCustomersFixture>
{
    [Fact]
    public async Task A_customer_not_contacted_within_the_week_is_overdue_until_its_owner_makes_contact()
    {
        await using var subscriber = await fixture.SubscribeAsync("crm.customer-owner-changed");
        using var rep = fixture.Rep("rep-slow", "wh");
        var customer = await rep.RegisterAsync(Api.Unique("一周未联系"), "华中");
        var contacted = await rep.RegisterAsync(Api.Unique("按时联系"), "华中");
        await (await rep.PostAsJsonAsync($"/api/customers/{contacted.Id}/visits",
            new { on = ToDate(fixture.FakeClock.GetUtcNow()), kind = "phone", summary = "初次电话联系" })).JsonAsync(HttpStatusCode.Created);

        var card = await rep.CardAsync(customer.Id);
        Assert.False(card.GetProperty("contactOverdue").GetBoolean());
        Assert.Equal(DateOnly.Parse(card.Text("entryDate")!).AddDays(7).ToString("yyyy-MM-dd"), card.Text("contactDueOn"));

        fixture.FakeClock.Advance(TimeSpan.FromDays(8));

        Assert.True((await rep.CardAsync(customer.Id)).GetProperty("contactOverdue").GetBoolean());
        Assert.False((await rep.CardAsync(contacted.Id)).GetProperty("contactOverdue").GetBoolean());
        var overdue = await (await rep.GetAsync("/api/customers?contactOverdue=true&region=华中")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([customer.Id], overdue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var onTime = await (await rep.GetAsync("/api/customers?contactOverdue=false&region=华中")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([contacted.Id], onTime.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        using var manager = fixture.As("sam-wh", "wh", "sales-admin-manager");
        var reassigned = await (await manager.PostAsJsonAsync($"/api/customers/{customer.Id}/owner",
            new { ownerId = "rep-quick", reason = "一周内未联系, 转给他人", version = customer.Version })).JsonAsync(HttpStatusCode.OK);
        Assert.False(reassigned.GetProperty("contactOverdue").GetBoolean());
        var today = ToDate(fixture.FakeClock.GetUtcNow());
        Assert.Equal(DateOnly.Parse(today).AddDays(7).ToString("yyyy-MM-dd"), reassigned.Text("contactDueOn"));
        var changed = (await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == customer.Id)).Message;
        Assert.True(changed.GetProperty("previousOwnerMissedContactDeadline").GetBoolean());
        Assert.Equal(reassigned.Text("contactDueOn"), changed.Text("contactDueOn"));
        var entry = (await manager.HistoryAsync(customer.Id)).GetProperty("items")[1];
        Assert.Contains("had not made contact", entry.Text("reason"));

        fixture.FakeClock.Advance(TimeSpan.FromDays(8));
        Assert.True((await manager.CardAsync(customer.Id)).GetProperty("contactOverdue").GetBoolean());
        using var newOwner = fixture.Rep("rep-quick", "wh");
        await (await newOwner.PostAsJsonAsync($"/api/customers/{customer.Id}/visits",
            new { on = ToDate(fixture.FakeClock.GetUtcNow()), kind = "visit", summary = "上门拜访" })).JsonAsync(HttpStatusCode.Created);
        var met = await newOwner.CardAsync(customer.Id);
        Assert.False(met.GetProperty("contactOverdue").GetBoolean());
        Assert.Equal(ToDate(fixture.FakeClock.GetUtcNow()), met.Text("firstContactByOwnerOn"));
    }

    // The branch's date (Asia/Shanghai), as the service counts days.
    private static string ToDate(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
}
