using Crm.Messaging;
using Crm.Messaging.Inbox;
using Crm.Messaging.Persistence;

namespace Crm.Terms;

/// <summary>
/// Projects a contract event onto the terms of <typeparamref name="TContext"/>: signed (the contract and its first
/// version's terms), amended (a new version in force from its date: an amendment or an automatic renewal), expired (the
/// terms end after the expiry day) or terminated (they end the day before the termination date).
/// </summary>
public sealed class ContractTermsProjection<TContext, TEvent>(TContext db) : IIntegrationEventHandler<TEvent>
    where TContext : DbContext
    where TEvent : IntegrationEvent
{
    public Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken) =>
        ContractTermsProjector.ApplyAsync(db, integrationEvent, cancellationToken);
}

public static class ContractTermsHandlerRegistration
{
    /// <summary>
    /// Keeps the contract terms projection of <typeparamref name="TContext"/> current: handles the four contract events
    /// on the queues <c>{service}.contract-signed</c>, <c>-amended</c>, <c>-expired</c>, <c>-terminated</c>.
    /// </summary>
    public static IntegrationEventHandlers<TContext> HandleContractTerms<TContext>(this IntegrationEventHandlers<TContext> handlers)
        where TContext : DbContext, IMessagingDbContext => handlers
        .Handle<ContractSigned, ContractTermsProjection<TContext, ContractSigned>>()
        .Handle<ContractAmended, ContractTermsProjection<TContext, ContractAmended>>()
        .Handle<ContractExpired, ContractTermsProjection<TContext, ContractExpired>>()
        .Handle<ContractTerminated, ContractTermsProjection<TContext, ContractTerminated>>();
}
