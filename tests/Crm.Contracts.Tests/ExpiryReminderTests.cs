namespace Crm.Contracts.Tests;

/// <summary>
/// Expiry reminders on a fake clock, once each at 30, 15 and 7 days, also after the service restarts on the same
/// database (a class of its own: after the restart the gateway no longer reaches the host, so the test asks it directly).
/// </summary>
public sealed class ExpiryReminderTests(ContractsSystem contracts) : IClassFixture<ContractsSystem>
{
    private DateOnly Day => DateOnly.FromDateTime(contracts.Clock.GetUtcNow().AddHours(8).DateTime);

    private void AdvanceTo(DateOnly day) => contracts.Clock.Advance(TimeSpan.FromDays(day.DayNumber - Day.DayNumber));

    private Task<ContractState> StateAsync(Guid id) => contracts.QueryAsync(db => db.Contracts.Where(c => c.Id == id).Select(c => c.State).SingleAsync());

    [Fact]
    public async Task Reminders_go_out_once_each_at_30_15_and_7_days_across_a_restart_and_the_contract_expires_after_its_date()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var expiresOn = Day.AddDays(40);
        var id = await contracts.SignedAsync(ContractsSystem.Draft(customer, effectiveOn: Day.AddDays(-300), expiresOn: expiresOn), signedOn: Day);
        var number = await contracts.QueryAsync(db => db.Contracts.Where(c => c.Id == id).Select(c => c.Number).SingleAsync());
        await using var expiring = await contracts.SubscribeAsync("crm.contract-expiring");
        await using var expired = await contracts.SubscribeAsync("crm.contract-expired");

        await contracts.SweepAsync();
        foreach (var days in new[] { 30, 15, 7 })
        {
            AdvanceTo(expiresOn.AddDays(-days));
            await contracts.SweepAsync();
            await contracts.SweepAsync(); // a second run the same day sends nothing more
            var reminder = (await expiring.NextAsync(m => m.GetProperty("contractId").GetGuid() == id)).Message;
            if (days == 30)
            {
                await contracts.System.RestartServiceAsync("contracts");
                await contracts.SweepAsync(); // nor does a run after a restart (the final drain finds no second one)
            }
            Assert.Equal(days, reminder.GetProperty("daysLeft").GetInt32());
            Assert.Equal(number, reminder.String("number"));
            Assert.Equal(expiresOn.ToString("yyyy-MM-dd"), reminder.String("expiresOn"));
            Assert.Equal("rep-1", reminder.String("ownerId"));
        }
        Assert.Equal([7, 15, 30], await contracts.QueryAsync(db => db.ExpiryReminders.Where(r => r.ContractId == id).Select(r => r.Days).OrderBy(d => d).ToListAsync()));

        AdvanceTo(expiresOn);
        await contracts.SweepAsync();
        Assert.Equal(ContractState.Active, await StateAsync(id)); // still in force on its last day
        AdvanceTo(expiresOn.AddDays(1));
        await contracts.SweepAsync();
        await contracts.SweepAsync();
        Assert.Equal(ContractState.Expired, await StateAsync(id));
        var end = (await expired.NextAsync(m => m.GetProperty("contractId").GetGuid() == id)).Message;
        Assert.Equal(expiresOn.ToString("yyyy-MM-dd"), end.String("expiredOn"));

        await Task.Delay(500);
        Assert.DoesNotContain(expiring.Drain(), m => m.Message.GetProperty("contractId").GetGuid() == id);
        Assert.DoesNotContain(expired.Drain(), m => m.Message.GetProperty("contractId").GetGuid() == id);
        // The restarted host listens on a new port that the gateway does not know: ask it directly.
        using var custodian = contracts.System.Contracts.Client("custodian-sh", "sh", "contract-custodian");
        var card = await (await custodian.GetAsync($"/api/contracts/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("expired", card.String("state"));
        Assert.Contains(card.GetProperty("timeline").EnumerateArray(), t => t.String("action") == "expired");
    }
}
