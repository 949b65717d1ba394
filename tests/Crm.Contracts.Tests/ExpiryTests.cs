namespace Crm.Contracts.Tests;

/// <summary>
/// The expiry job on a fake clock (reminders: see ExpiryReminderTests): expiry after the date;
/// automatic renewal unless notice was given; signed contracts becoming active on their effective date. The tests of
/// this class move the clock forward, so each works from the clock's current day.
/// </summary>
public sealed class ExpiryTests(ContractsSystem contracts) : IClassFixture<ContractsSystem>
{
    private DateOnly Day => DateOnly.FromDateTime(contracts.Clock.GetUtcNow().AddHours(8).DateTime);

    private void AdvanceTo(DateOnly day) => contracts.Clock.Advance(TimeSpan.FromDays(day.DayNumber - Day.DayNumber));

    private Task<ContractState> StateAsync(Guid id) => contracts.QueryAsync(db => db.Contracts.Where(c => c.Id == id).Select(c => c.State).SingleAsync());

    [Fact]
    public async Task At_the_end_of_term_an_auto_renewing_contract_renews_for_the_same_term_unless_notice_was_given()
    {
        var renewing = await contracts.RegisterCustomerAsync();
        var noticed = await contracts.RegisterCustomerAsync();
        var start = new DateOnly(Day.Year - 1, Day.Month, 1);
        var end = start.AddYears(1).AddMonths(1).AddDays(-1); // 13 whole months, ending this month
        var renewingId = await contracts.SignedAsync(ContractsSystem.Draft(renewing, effectiveOn: start, expiresOn: end, autoRenew: true, noticeDays: 0), signedOn: Day);
        var noticedId = await contracts.SignedAsync(ContractsSystem.Draft(noticed, effectiveOn: start, expiresOn: end, autoRenew: true, noticeDays: 0), signedOn: Day);
        using (var rep = contracts.Rep())
            await (await rep.Post($"/api/contracts/{noticedId}/notice", new { })).JsonAsync(HttpStatusCode.OK);
        await using var amended = await contracts.SubscribeAsync("crm.contract-amended");
        await using var expired = await contracts.SubscribeAsync("crm.contract-expired");

        AdvanceTo(end.AddDays(1));
        await contracts.SweepAsync();

        var renewal = (await amended.NextAsync(m => m.GetProperty("contractId").GetGuid() == renewingId)).Message;
        Assert.Equal("auto-renewal", renewal.String("reason"));
        Assert.Equal(2, renewal.GetProperty("contractVersion").GetInt32());
        Assert.Equal(end.AddDays(1).ToString("yyyy-MM-dd"), renewal.String("effectiveOn"));
        Assert.Equal(end.AddDays(1).AddMonths(13).AddDays(-1).ToString("yyyy-MM-dd"), renewal.String("expiresOn"));
        Assert.Equal(7, renewal.GetProperty("terms").GetProperty("returnWindowDays").GetInt32());
        Assert.Equal(ContractState.Active, await StateAsync(renewingId));
        using var staff = contracts.As("after-sales-1", "sh", "after-sales");
        var terms = await (await staff.GetAsync($"/api/contracts/terms?customerId={renewing}&on={end.AddDays(1):yyyy-MM-dd}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, terms.GetProperty("contract").GetProperty("version").GetInt32());

        Assert.Equal(ContractState.Expired, await StateAsync(noticedId));
        Assert.Equal(end.ToString("yyyy-MM-dd"), (await expired.NextAsync(m => m.GetProperty("contractId").GetGuid() == noticedId)).Message.String("expiredOn"));
    }

    [Fact]
    public async Task A_signed_contract_becomes_active_on_its_effective_date()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var effectiveOn = Day.AddDays(3);
        var id = await contracts.SignedAsync(ContractsSystem.Draft(customer, effectiveOn: effectiveOn, expiresOn: effectiveOn.AddYears(1)), signedOn: Day);
        AdvanceTo(effectiveOn.AddDays(-1));
        await contracts.SweepAsync();
        Assert.Equal(ContractState.Signed, await StateAsync(id));
        AdvanceTo(effectiveOn);
        var result = await contracts.SweepAsync();
        Assert.True(result.Activated >= 1);
        Assert.Equal(ContractState.Active, await StateAsync(id));
    }
}
