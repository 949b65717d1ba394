using Crm.Messaging.Outbox;
using Crm.Messaging.Persistence;
using Crm.ServiceDefaults.Identity;

namespace Crm.Alerts.Tests;

/// <summary>
/// The outbox dispatcher is woken when a unit of work that wrote outbox rows commits, also when the unit stopped tracking
/// its rows before the commit (the inbox's batches clear the tracker after each event), and not when it rolls back.
/// </summary>
public sealed class OutboxSignalTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"outbox-signal-{Guid.NewGuid():N}.db");
    private readonly OutboxSignal _signal = new();
    private DbContextOptions<SqliteAlertsDbContext> _options = null!;

    public async Task InitializeAsync()
    {
        _options = new DbContextOptionsBuilder<SqliteAlertsDbContext>()
            .UseSqlite($"Data Source={_file};Pooling=false")
            .AddInterceptors(new OutboxSignalInterceptor(_signal), new DeferredTransactionInterceptor())
            .Options;
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        File.Delete(_file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_unit_that_saved_outbox_rows_and_stopped_tracking_them_wakes_the_dispatcher_at_its_commit()
    {
        await using var db = NewContext();
        await using var unit = db.DeferTransaction();
        db.AddIntegrationEvent(TestEvents.Sale(Guid.NewGuid(), AlertsFixture.Start, 1m, 1m, 10m), TimeProvider.System);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        Assert.False(await SignalledAsync(), "not before the commit: the dispatcher would find nothing yet");

        await unit.CommitAsync(CancellationToken.None);
        Assert.True(await SignalledAsync());
    }

    [Fact]
    public async Task A_unit_rolled_back_wakes_nobody_and_its_next_unit_without_outbox_rows_neither()
    {
        await using var db = NewContext();
        await using (db.DeferTransaction())
        {
            db.AddIntegrationEvent(TestEvents.Sale(Guid.NewGuid(), AlertsFixture.Start, 1m, 1m, 10m), TimeProvider.System);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        Assert.False(await SignalledAsync());

        await using var next = db.DeferTransaction();
        db.InboxMessages.Add(new Crm.Messaging.Inbox.InboxMessage(Guid.NewGuid(), "a consumer", AlertsFixture.Start));
        await db.SaveChangesAsync();
        await next.CommitAsync(CancellationToken.None);
        Assert.False(await SignalledAsync());
    }

    [Fact]
    public async Task A_save_outside_a_transaction_wakes_the_dispatcher_at_once()
    {
        await using var db = NewContext();
        db.AddIntegrationEvent(TestEvents.Sale(Guid.NewGuid(), AlertsFixture.Start, 1m, 1m, 10m), TimeProvider.System);
        await db.SaveChangesAsync();
        Assert.True(await SignalledAsync());
    }

    private SqliteAlertsDbContext NewContext()
    {
        var db = new SqliteAlertsDbContext(_options);
        db.Serve(CurrentUser.DesignTime());
        return db;
    }

    // Whether the signal is set now (no waiting: a zero timeout only takes what is there).
    private Task<bool> SignalledAsync() => (Task<bool>)_signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);
}
