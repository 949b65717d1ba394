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
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.SequenceNumber);
            outbox.Property(m => m.SequenceNumber).ValueGeneratedOnAdd();
            outbox.Property(m => m.MessageType).HasMaxLength(100).IsRequired();
            outbox.Property(m => m.Body).IsRequired();
            outbox.Property(m => m.TraceParent).HasMaxLength(55);
            outbox.Property(m => m.TraceState).HasMaxLength(512);
            outbox.HasIndex(m => m.MessageId).IsUnique();
        });

        modelBuilder.Entity<QuarantinedOutboxMessage>(quarantine =>
        {
            quarantine.ToTable(QuarantineTable);
            quarantine.HasKey(m => m.SequenceNumber);
            quarantine.Property(m => m.SequenceNumber).ValueGeneratedNever();
            quarantine.Property(m => m.MessageType).HasMaxLength(100).IsRequired();
            quarantine.Property(m => m.Body).IsRequired();
            quarantine.Property(m => m.TraceParent).HasMaxLength(55);
            quarantine.Property(m => m.TraceState).HasMaxLength(512);
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
}
