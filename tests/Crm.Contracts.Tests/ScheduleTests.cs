namespace Crm.Contracts.Tests;

/// <summary>The contracts service with its expiry job scheduled (every hour, on the injected clock).</summary>
public sealed class ScheduledContractsSystem : ContractsSystem
{
    protected override IEnumerable<KeyValuePair<string, string?>> ContractsSettings =>
        [new("Contracts:ScheduleEnabled", "true"), new("Contracts:SweepInterval", "01:00:00")];
}

public sealed class ScheduleTests(ScheduledContractsSystem contracts) : IClassFixture<ScheduledContractsSystem>
{
    [Fact]
    public async Task The_expiry_job_runs_on_the_injected_clock_without_being_called()
    {
        var customer = await contracts.RegisterCustomerAsync();
        var expiresOn = ContractsSystem.Today.AddDays(40);
        var id = await contracts.SignedAsync(ContractsSystem.Draft(customer, effectiveOn: ContractsSystem.Today.AddDays(-300), expiresOn: expiresOn),
            signedOn: ContractsSystem.Today);
        await using var expiring = await contracts.SubscribeAsync("crm.contract-expiring");

        contracts.Clock.Advance(TimeSpan.FromDays(10)); // 30 days left: the hourly timer fires on the fake clock
        var reminder = (await expiring.NextAsync(m => m.GetProperty("contractId").GetGuid() == id)).Message;
        Assert.Equal(30, reminder.GetProperty("daysLeft").GetInt32());
        Assert.Equal(expiresOn.ToString("yyyy-MM-dd"), reminder.String("expiresOn"));
    }
}
