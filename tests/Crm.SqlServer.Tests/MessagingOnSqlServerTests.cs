using System.Diagnostics;
using Crm.Events;
using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Crm.Messaging.Persistence;
using Microsoft.Data.SqlClient;

namespace Crm.SqlServer.Tests;

/// <summary>The outbox, the inbox, concurrency tokens and sp_getapplock on a real SQL Server.</summary>
[Collection(SqlServerCollection.Name)]
public sealed class MessagingOnSqlServerTests(SqlServerFixture sql)
{
    [SkippableFact]
    public async Task A_second_replica_skips_the_outbox_rows_a_round_holds_instead_of_sending_or_waiting_for_them()
    {
        var database = sql.NewDatabase();
        await using var setup = await ProbeDbContext.CreateAsync(database);
        await StageAsync(setup, 3);

        await using var replicaA = ProbeDbContext.Open(database);
        await using var roundA = await replicaA.Database.BeginTransactionAsync();
        var heldByA = await FetchAsync(replicaA, 2);

        await using var replicaB = ProbeDbContext.Open(database);
        await using var roundB = await replicaB.Database.BeginTransactionAsync();
        var watch = Stopwatch.StartNew();
        var takenByB = await FetchAsync(replicaB, 2);

        Assert.Equal(2, heldByA.Count);
        Assert.Equal([(await AllSequenceNumbersAsync(setup))[2]], takenByB);
        Assert.Empty(heldByA.Intersect(takenByB));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"replica B waited {watch.Elapsed} for A's rows");
    }

    [SkippableFact]
    public async Task The_backlog_count_answers_while_a_long_insert_holds_the_outbox_table_where_a_plain_count_would_wait()
    {
        var database = sql.NewDatabase();
        await using var setup = await ProbeDbContext.CreateAsync(database);
        await StageAsync(setup, 5);

        // An import that has written its outbox rows and not committed yet, its locks escalated to the table.
        await using var importer = ProbeDbContext.Open(database);
        await using var import = await importer.Database.BeginTransactionAsync();
        await importer.Database.ExecuteSqlRawAsync("SELECT TOP (1) 1 FROM [OutboxMessages] WITH (TABLOCKX, HOLDLOCK)");
        await StageAsync(importer, 20);

        // Proof that the situation blocks: the exact count the dispatcher used to run times out behind it.
        await using var blocked = new ProbeDbContext(new DbContextOptionsBuilder<ProbeDbContext>()
            .UseSqlServer(database, s => s.CommandTimeout(2)).Options);
        var timeout = await Assert.ThrowsAsync<SqlException>(() => blocked.OutboxMessages.CountAsync());
        Assert.Equal(-2, timeout.Number);

        await using var dispatcher = ProbeDbContext.Open(database);
        var watch = Stopwatch.StartNew();
        var backlog = await OutboxDispatcher<ProbeDbContext>.CountBacklogAsync(dispatcher, CancellationToken.None);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the backlog count waited {watch.Elapsed}");
        Assert.InRange(backlog, 5, 25); // approximate by design: the committed 5, perhaps the 20 not yet committed
    }

    [SkippableFact]
    public async Task Eight_concurrent_deliveries_of_one_event_apply_its_effect_once()
    {
        var database = sql.NewDatabase();
        await using (await ProbeDbContext.CreateAsync(database)) { }
        var eventId = Guid.NewGuid();
        using var start = new Barrier(8);

        // What InboxConsumer does, per delivery: in one transaction, check the inbox, apply the effect, record the id.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var db = ProbeDbContext.Open(database);
            await using var transaction = await db.Database.BeginTransactionAsync();
            start.SignalAndWait();
            if (await db.InboxMessages.AnyAsync(m => m.MessageId == eventId && m.Consumer == "probe")) return "duplicate";
            db.Effects.Add(new Effect { EventId = eventId, Note = $"delivery {i}" });
            db.InboxMessages.Add(new InboxMessage(eventId, "probe", DateTimeOffset.UtcNow));
            try
            {
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                return "applied";
            }
            catch (DbUpdateException e) when (e.InnerException is SqlException { Number: 2627 or 2601 or 1205 })
            {
                return "rejected"; // the broker redelivers it later, and then the inbox says "duplicate"
            }
        })));

        await using var check = ProbeDbContext.Open(database);
        Assert.Equal(1, await check.Effects.CountAsync(e => e.EventId == eventId));
        Assert.Single(outcomes, o => o == "applied");
    }

    [SkippableFact]
    public async Task A_save_with_a_stale_version_is_refused_and_the_database_problem_mapper_makes_it_409()
    {
        var database = sql.NewDatabase();
        await using var setup = await ProbeDbContext.CreateAsync(database);
        var effect = new Effect { EventId = Guid.NewGuid(), Note = "v1", Version = 1 };
        setup.Effects.Add(effect);
        await setup.SaveChangesAsync();

        await using var first = ProbeDbContext.Open(database);
        await using var second = ProbeDbContext.Open(database);
        var mine = await first.Effects.SingleAsync(e => e.Id == effect.Id);
        var theirs = await second.Effects.SingleAsync(e => e.Id == effect.Id);
        mine.Note = "mine"; mine.Version++;
        await first.SaveChangesAsync();
        theirs.Note = "theirs"; theirs.Version++;

        var stale = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal(409, new DatabaseProblemMapper().Map(stale)?.Status);
        await using var check = ProbeDbContext.Open(database);
        Assert.Equal("mine", (await check.Effects.SingleAsync(e => e.Id == effect.Id)).Note);
    }

    [SkippableFact]
    public async Task The_group_wide_registration_lock_makes_a_second_replica_wait_until_the_first_commits()
    {
        var database = sql.NewDatabase();
        await using (await ProbeDbContext.CreateAsync(database)) { }
        // Two gates: two replicas, so the in-process semaphore does not serialise them; only sp_getapplock can.
        var replicaA = new Crm.Customers.Infrastructure.RegistrationGate();
        var replicaB = new Crm.Customers.Infrastructure.RegistrationGate();
        await using var dbA = ProbeDbContext.Open(database);
        await using var dbB = ProbeDbContext.Open(database);

        var holding = await replicaA.BeginAsync(dbA, CancellationToken.None);
        var waiting = replicaB.BeginAsync(dbB, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted, "replica B entered while replica A held the registration lock");

        await holding.CommitAsync(CancellationToken.None);
        await holding.DisposeAsync();
        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await second.CommitAsync(CancellationToken.None);
    }

    private static async Task StageAsync(ProbeDbContext db, int count)
    {
        for (var i = 0; i < count; i++)
            db.AddIntegrationEvent(new CustomerRegistered
            {
                CustomerId = Guid.NewGuid(), BranchId = "sh", OccurredAt = DateTimeOffset.UtcNow, Name = $"probe {i}", Code = $"SH-{i}",
                Kind = "agent", Region = "华东", OwnerId = "rep-1",
            }, TimeProvider.System);
        await db.SaveChangesAsync();
    }

    private static async Task<List<long>> FetchAsync(ProbeDbContext db, int batch) =>
        (await db.OutboxMessages.FromSqlRaw(OutboxDispatcher<ProbeDbContext>.LockingSelect(db), batch, 0L).AsNoTracking().ToListAsync())
            .Select(m => m.SequenceNumber).ToList();

    private static async Task<List<long>> AllSequenceNumbersAsync(ProbeDbContext db) =>
        await db.OutboxMessages.OrderBy(m => m.SequenceNumber).Select(m => m.SequenceNumber).ToListAsync();
}
