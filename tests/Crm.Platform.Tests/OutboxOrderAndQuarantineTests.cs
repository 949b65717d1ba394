using System.Globalization;
using Crm.Messaging.Outbox;

namespace Crm.Platform.Tests;

/// <summary>
/// The dispatcher publishes many rows at once: each customer's events still arrive in commit order, a row that cannot
/// be published is moved to the quarantine table without holding up other customers, and rows sent again after a stop
/// between confirm and delete change nothing twice.
/// </summary>
public sealed class OutboxOrderAndQuarantineTests : IAsyncLifetime
{
    private BrokerVirtualHost _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.CreateVirtualHostAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Events_of_many_customers_written_concurrently_keep_each_customers_commit_order_through_a_lost_broker_connection()
    {
        var root = _broker.Root;
        await using var proxy = new TcpProxy(root.Host, root.IsDefaultPort || root.Port < 0 ? 5672 : root.Port);
        await using var tally = await TallyHost.StartAsync(_broker.AmqpUri(proxy.Port), settings: new Dictionary<string, string?>
        {
            ["Messaging:Outbox:FirstRetryDelay"] = "00:00:00.050",
            ["Messaging:Outbox:MaxRetryDelay"] = "00:00:00.500",
        });
        await using var subscriber = await RawSubscriber.BindAsync(_broker.AmqpUri(), "crm.payment-received");
        const int customers = 120, perCustomer = 12, writers = 6;
        var ids = Enumerable.Range(0, customers).Select(_ => Guid.NewGuid()).ToArray();

        // Six writers at once, each owning some customers: payment n of a customer is committed after payment n-1,
        // in transactions that mix customers, while the dispatcher is already publishing earlier ones.
        var writing = Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var mine = ids.Where((_, i) => i % writers == writer).ToArray();
            for (var n = 1; n <= perCustomer; n++)
            {
                var amount = n;
                await tally.QueryAsync(db =>
                {
                    foreach (var customer in mine) db.AddIntegrationEvent(Payment(customer, amount), TimeProvider.System);
                    return db.SaveChangesAsync();
                });
            }
        })));

        // Each customer's events in order of first arrival; copies sent again after the lost connection are allowed.
        var seen = new HashSet<Guid>();
        var received = ids.ToDictionary(id => id, _ => new List<decimal>());
        async Task ReceiveAsync(int until)
        {
            while (seen.Count < until)
            {
                var message = (await subscriber.NextAsync(_ => true)).Message;
                if (seen.Add(message.GetProperty("eventId").GetGuid()))
                    received[message.GetProperty("customerId").GetGuid()].Add(Amount(message));
            }
        }

        // Mid-stream, the service loses its broker connection: the publishes in flight fail while other customers'
        // rows are still waiting to go. None of a customer's later rows may overtake its failed one.
        await ReceiveAsync(100);
        proxy.Cut();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        proxy.Restore();
        await writing;
        await ReceiveAsync(customers * perCustomer);

        var inOrder = Enumerable.Range(1, perCustomer).Select(n => (decimal)n).ToList();
        foreach (var id in ids)
            Assert.Equal(inOrder, received[id]);
        await Eventually.Until(() => tally.QueryAsync(async db => !await db.OutboxMessages.AnyAsync()), "the outbox to be empty");
    }

    [Fact]
    public async Task A_row_that_cannot_be_read_is_quarantined_others_flow_and_its_customers_later_event_waits_until_it_is_replayed()
    {
        await using var tally = await TallyHost.StartAsync(_broker.AmqpUri(), settings: new Dictionary<string, string?>
        {
            ["Messaging:Outbox:MaxAttempts"] = "3",
            ["Messaging:Outbox:FirstRetryDelay"] = "00:00:00.050",
            ["Messaging:Outbox:MaxRetryDelay"] = "00:00:00.200",
        });
        await using var subscriber = await RawSubscriber.BindAsync(_broker.AmqpUri(), "crm.payment-received");
        var poisoned = Guid.NewGuid();
        var others = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        var first = Payment(poisoned, 1);
        var second = Payment(poisoned, 2);

        await tally.QueryAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AddIntegrationEvent(first, TimeProvider.System);
            await db.SaveChangesAsync();
            // What a rolled-back deploy leaves behind: a row whose type this version does not know.
            await db.OutboxMessages.Where(m => m.MessageId == first.EventId)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.MessageType, "crm.payment-received-v9"));
            db.AddIntegrationEvent(second, TimeProvider.System);
            foreach (var other in others) db.AddIntegrationEvent(Payment(other, 1), TimeProvider.System);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return 0;
        });

        // Every other customer's event goes out, although the poisoned row is older than all of them.
        var delivered = new HashSet<Guid>();
        while (delivered.Count < others.Count)
            delivered.Add((await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() != poisoned)).Message.GetProperty("customerId").GetGuid());
        Assert.True(delivered.SetEquals(others));

        var quarantined = (await Eventually.Until(
            () => tally.QueryAsync(db => db.Set<QuarantinedOutboxMessage>().AsNoTracking().SingleOrDefaultAsync()), row => row is not null, "the row to be quarantined"))!;
        Assert.Equal(first.EventId, quarantined.MessageId);
        Assert.Equal(poisoned, quarantined.CustomerId);
        Assert.Equal(3, quarantined.Attempts);
        Assert.Contains("crm.payment-received-v9", quarantined.Error, StringComparison.Ordinal);
        await Eventually.Until(() => Task.FromResult(tally.Host.Services.GetRequiredService<OutboxMetrics>().QuarantineRows == 1), "the quarantine gauge to show the row");

        // The customer's later event waits behind it, in the outbox: it must not overtake the quarantined one.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(subscriber.Drain(), m => m.Message.GetProperty("customerId").GetGuid() == poisoned);
        Assert.Equal([second.EventId], await tally.QueryAsync(db => db.OutboxMessages.Select(m => m.MessageId).ToListAsync()));

        // The runbook's replay (docs/operations.md): fix the row, put it back with its sequence number, empty its place.
        await tally.QueryAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync(
                """UPDATE "OutboxQuarantine" SET "MessageType" = 'crm.payment-received' WHERE "SequenceNumber" = {0}""", quarantined.SequenceNumber);
            await db.Database.ExecuteSqlRawAsync(ReplaySqlite, quarantined.SequenceNumber);
            await transaction.CommitAsync();
            return 0;
        });

        var replayed = await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == poisoned);
        var after = await subscriber.NextAsync(m => m.GetProperty("customerId").GetGuid() == poisoned);
        Assert.Equal(first.EventId, replayed.Message.GetProperty("eventId").GetGuid());
        Assert.Equal(second.EventId, after.Message.GetProperty("eventId").GetGuid());
        await Eventually.Until(() => tally.QueryAsync(async db =>
            !await db.OutboxMessages.AnyAsync() && !await db.Set<QuarantinedOutboxMessage>().AnyAsync()), "the outbox and its quarantine to be empty");
    }

    [Fact]
    public async Task Rows_confirmed_but_not_deleted_when_the_dispatcher_stopped_are_sent_again_and_change_nothing_twice()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-tally-{Guid.NewGuid():N}.db");
        const int customers = 60, perCustomer = 5;
        var customerIds = Enumerable.Range(0, customers).Select(_ => Guid.NewGuid()).ToArray();
        var names = new List<string>();
        await using (var halting = await TallyHost.StartAsync(_broker.AmqpUri(), file,
            settings: new Dictionary<string, string?> { ["Messaging:Outbox:TestSeamHaltAfterConfirm"] = "true" }))
        {
            halting.KeepFile = true;
            // One commit: the dispatcher halts at its first delete, so rows committed later would never be fetched.
            var events = Enumerable.Range(0, perCustomer).SelectMany(n => Enumerable.Range(0, customers).Select(c => new CustomerRegistered
            {
                CustomerId = customerIds[c], BranchId = "sh", OccurredAt = DateTimeOffset.UtcNow, Name = $"客户 {c}-{n}",
                Code = $"SH-{c:D3}-{n}", Kind = "agent", Region = "华东", OwnerId = "rep-1",
            })).ToList();
            names.AddRange(events.Select(e => e.Name));
            await halting.QueryAsync(db =>
            {
                foreach (var registered in events) db.AddIntegrationEvent(registered, TimeProvider.System);
                return db.SaveChangesAsync();
            });
            // Everything was confirmed and consumed once; the dispatcher halted before deleting a single row.
            await halting.WaitSettledAsync(names.Count);
            Assert.Equal(names.Count, await halting.QueryAsync(db => db.OutboxMessages.CountAsync()));
        }

        await using var restarted = await TallyHost.StartAsync(_broker.AmqpUri(), file);
        await restarted.WaitSettledAsync(names.Count); // every row sent a second time and consumed
        await Eventually.Until(() => restarted.QueryAsync(async db => !await db.OutboxMessages.AnyAsync()), "the outbox to be empty");
        var tallies = await restarted.QueryAsync(db => db.Tallies.ToDictionaryAsync(t => t.Name, t => t.Count));
        Assert.Equal(names.Order(), tallies.Keys.Order());
        Assert.All(tallies, tally => Assert.Equal(1, tally.Value));
    }

    /// <summary>The replay statement of docs/operations.md for SQLite; {0} is the quarantined row's sequence number.</summary>
    private const string ReplaySqlite = """
        INSERT INTO "OutboxMessages" ("SequenceNumber", "MessageId", "MessageType", "Body", "CreatedAt", "TraceParent", "TraceState", "CustomerId")
            SELECT "SequenceNumber", "MessageId", "MessageType", "Body", "CreatedAt", "TraceParent", "TraceState", "CustomerId"
            FROM "OutboxQuarantine" WHERE "SequenceNumber" = {0};
        DELETE FROM "OutboxQuarantine" WHERE "SequenceNumber" = {0};
        """;

    private static PaymentReceived Payment(Guid customerId, int amount) => new()
    {
        CustomerId = customerId, BranchId = "sh", Amount = amount, BalanceAfter = -amount, EntryId = Guid.NewGuid(),
    };

    private static decimal Amount(System.Text.Json.JsonElement message) =>
        decimal.Parse(message.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture);
}
