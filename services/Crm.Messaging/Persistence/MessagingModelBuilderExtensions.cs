using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;

namespace Crm.Messaging.Persistence;

public static class MessagingModelBuilderExtensions
{
    public const string OutboxTable = "OutboxMessages";
    public const string InboxTable = "InboxMessages";
    public const string QuarantineTable = "OutboxQuarantine";

    /// <summary>Maps the outbox, its quarantine and the inbox tables; call from the service DbContext's <c>OnModelCreating</c>.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            MapOutboxRow(outbox, OutboxTable);
            outbox.Property(m => m.SequenceNumber).ValueGeneratedOnAdd();
            outbox.HasIndex(m => m.MessageId).IsUnique();
        });

        modelBuilder.Entity<QuarantinedOutboxMessage>(quarantine =>
        {
            MapOutboxRow(quarantine, QuarantineTable);
            // Keeps the number it had in the outbox, so that a replay puts it back in its place.
            quarantine.Property(m => m.SequenceNumber).ValueGeneratedNever();
            quarantine.Property(m => m.Error).HasMaxLength(QuarantinedOutboxMessage.ErrorLength).IsRequired();
            quarantine.HasIndex(m => m.CustomerId);
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
            inbox.HasIndex(m => m.ProcessedAt);
        });
        return modelBuilder;
    }

    /// <summary>The columns an outbox row and its quarantined copy share (<see cref="OutboxRow"/>).</summary>
    private static void MapOutboxRow<TRow>(EntityTypeBuilder<TRow> row, string table) where TRow : OutboxRow
    {
        row.ToTable(table);
        row.HasKey(m => m.SequenceNumber);
        row.Property(m => m.MessageType).HasMaxLength(100).IsRequired();
        row.Property(m => m.Body).IsRequired();
        row.Property(m => m.TraceParent).HasMaxLength(55);
        row.Property(m => m.TraceState).HasMaxLength(512);
    }
}
