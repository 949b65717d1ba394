using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;
using Crm.Messaging.Persistence;

namespace Crm.SqlServer.Tests;

/// <summary>The outbox and inbox tables as every service maps them, plus one versioned row that records effects.</summary>
public sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : DbContext(options), IMessagingDbContext
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<Effect> Effects => Set<Effect>();

    public static async Task<ProbeDbContext> CreateAsync(string connectionString)
    {
        var db = Open(connectionString);
        await db.Database.EnsureCreatedAsync();
        return db;
    }

    public static ProbeDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<ProbeDbContext>().UseSqlServer(connectionString, sql => sql.CommandTimeout(10)).Options);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Effect>(effect =>
        {
            effect.HasKey(e => e.Id);
            effect.Property(e => e.Id).ValueGeneratedOnAdd();
            effect.Property(e => e.Version).IsConcurrencyToken();
        });
    }
}

/// <summary>One applied effect of an event (no unique key on <see cref="EventId"/>: a second application would show).</summary>
public sealed class Effect
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public string Note { get; set; } = "";
    public long Version { get; set; }
}
