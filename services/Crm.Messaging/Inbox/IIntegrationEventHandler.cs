using Crm.Events;

namespace Crm.Messaging.Inbox;

/// <summary>
/// A service's reaction to an integration event. It stages its effect on the service's scoped DbContext and does
/// not save: the inbox saves the effect together with the record that the event was handled, in one transaction,
/// so a redelivered event changes nothing. Throwing rolls everything back and the message is retried.
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
