using Crm.Messaging.Inbox;
using Crm.Messaging.Outbox;

namespace Crm.Messaging.Persistence;

/// <summary>A service's DbContext that holds the outbox and inbox tables (see <see cref="MessagingModelBuilderExtensions"/>).</summary>
public interface IMessagingDbContext
{
    DbSet<OutboxMessage> OutboxMessages { get; }
    DbSet<InboxMessage> InboxMessages { get; }
}
