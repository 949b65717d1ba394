using Microsoft.Data.Sqlite;

namespace Crm.Platform.Tests;

/// <summary>
/// Nothing a user saved is lost when the broker goes away or the service dies between commit and publish. The
/// customers service reaches the broker through a proxy that the test cuts; the other four reach it directly.
/// </summary>
public sealed class BrokerOutageTests : IAsyncLifetime
{
    private TcpProxy _proxy = null!;
    private CrmSystem _system = null!;
    private Dictionary<string, InboxCounter> _inboxes = [];

    private static readonly string[] Consumers = ["contracts", "credit", "aftersales", "alerts"];
    private const string Handler = "CustomerRegisteredHandler";

    public async Task InitializeAsync()
    {
        var broker = await TestBroker.RootAsync();
        _proxy = new TcpProxy(broker.Host, broker.IsDefaultPort || broker.Port < 0 ? 5672 : broker.Port);
        _system = await CrmSystem.StartAsync(new CrmSystemOptions
        {
            WithGateway = false,
            BrokerPort = name => name == "customers" ? _proxy.Port : null,
        });
        _inboxes = new Dictionary<string, InboxCounter>
        {
            ["contracts"] = new(_system.Contracts), ["credit"] = new(_system.Credit),
            ["aftersales"] = new(_system.AfterSales), ["alerts"] = new(_system.Alerts),
        };
    }

    public async Task DisposeAsync()
    {
        foreach (var counter in _inboxes.Values) counter.Dispose();
        await _system.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task Registering_while_the_broker_is_down_answers_201_and_the_event_is_delivered_once_when_it_returns()
    {
        await using var subscriber = await RawSubscriber.BindAsync(_system.Broker.AmqpUri(), "crm.customer-registered");
        _proxy.Cut();
        try
        {
            var customerId = await RegisterAsync("断网时登记的客户");
            Assert.Equal(1, await OutboxRowsAsync());

            // Ops see it: the service still answers (200) but reports its outbox as degraded.
            await Eventually.Until(async () => await OutboxHealthAsync() == "Degraded", "/health to report the outbox degraded");
            await Task.Delay(TimeSpan.FromSeconds(2)); // the dispatcher keeps trying meanwhile; nothing may leak or be dropped
            Assert.Equal(1, await OutboxRowsAsync());
            Assert.Empty(subscriber.Drain());

            _proxy.Restore();

            await AssertDeliveredOnceAsync(customerId, subscriber);
            await Eventually.Until(async () => await OutboxHealthAsync() == "Healthy", "/health to report the outbox healthy again");
        }
        finally
        {
            _proxy.Restore();
        }
    }

    [Fact]
    public async Task A_killed_process_between_the_brokers_confirm_and_the_rows_delete_resends_and_the_inbox_applies_once()
    {
        await using var subscriber = await RawSubscriber.BindAsync(_system.Broker.AmqpUri(), "crm.customer-registered");
        await _system.RestartServiceAsync("customers", _ => [new("Messaging:Outbox:DispatcherEnabled", "false")]);
        var customerId = await RegisterAsync("确认后删除前进程被杀的客户");
        Assert.Equal(1, await OutboxRowsAsync());
        await _system.StopServiceAsync("customers");

        // The real customers service in a process of its own, on the same file and broker, halting after the confirm.
        using (var process = CustomersProcess.Start(_system, [new("Messaging:Outbox:TestSeamHaltAfterConfirm", "true")]))
        {
            await process.WaitForLineAsync(line => line.StartsWith("outbox-test-seam: confirmed", StringComparison.Ordinal));
            process.Kill(); // SIGKILL, the whole tree: no shutdown code runs, the delete never happens
        }

        Assert.Equal(1, await OutboxFileRowsAsync()); // the broker has the event, the outbox still has its row
        await _system.StartServiceAsync("customers");  // the same service starts again on that file and sends the row again

        var copies = 0;
        await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == customerId);
        copies++;
        await Eventually.Until(async () => await OutboxRowsAsync() == 0, "the outbox to be empty");
        // Both copies reach every consumer's queue: the inbox must let the first through and absorb the second.
        foreach (var service in Consumers)
        {
            await Eventually.Until(() => Task.FromResult(_inboxes[service].Processed(Handler) >= 1), $"{service} to have handled the event");
            await Eventually.Until(() => Task.FromResult(_inboxes[service].Duplicates(Handler) >= 1), $"{service}'s inbox to have absorbed the second copy");
        }
        copies += subscriber.Drain().Count(m => m.Message.GetProperty("customerId").GetGuid() == customerId);

        Assert.InRange(copies, 1, 2); // at least once on the wire
        foreach (var service in Consumers)
            Assert.True(_inboxes[service].Processed(Handler) == 1, $"{service} ran {Handler} {_inboxes[service].Processed(Handler)} times");
    }

    /// <summary>The customers outbox counted straight from the file, while no host has it open.</summary>
    private async Task<long> OutboxFileRowsAsync()
    {
        var file = Path.Combine(_system.DataDirectory, "customers.db");
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{MessagingModelBuilderExtensions.OutboxTable}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Guid> RegisterAsync(string name)
    {
        using var client = _system.Customers.Client("rep-1", "sh", "sales-rep");
        var response = await client.PostAsJsonAsync("/api/customers", new { name, kind = "agent", region = "华东" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    private async Task<string?> OutboxHealthAsync()
    {
        using var client = _system.Customers.Client();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("checks").GetProperty("outbox").GetString();
    }

    private Task<int> OutboxRowsAsync() => CountInAsync("customers", db => db.OutboxMessages.CountAsync());

    private async Task AssertDeliveredOnceAsync(Guid customerId, RawSubscriber subscriber)
    {
        await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == customerId);
        await Eventually.Until(async () => await OutboxRowsAsync() == 0, "the outbox to be empty");

        foreach (var service in Consumers)
            await Eventually.Until(() => Task.FromResult(_inboxes[service].Processed(Handler) >= 1), $"{service} to have handled the event");
        // Give a second copy every chance to show up before concluding there is none.
        await Task.Delay(TimeSpan.FromSeconds(1));
        // What the subscriber received, and how often each consumer's handler ran: not row counts a key keeps at 1.
        Assert.DoesNotContain(subscriber.Drain(), m => m.Message.GetProperty("customerId").GetGuid() == customerId);
        foreach (var service in Consumers)
            Assert.True(_inboxes[service].Processed(Handler) == 1, $"{service} ran {Handler} {_inboxes[service].Processed(Handler)} times");
    }

    private Task<int> CountInAsync(string service, Func<IMessagingDbContext, Task<int>> count) =>
        _system.QueryAsync(service, db => count((IMessagingDbContext)db));

    private sealed record IdOnly(Guid Id);
}
