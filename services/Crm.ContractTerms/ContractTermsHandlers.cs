using Crm.Messaging;
using Crm.Messaging.Inbox;
using Crm.Messaging.Persistence;

namespace Crm.Terms;

/// <summary>Projects <c>crm.contract-signed</c>: the contract and its first version's terms.</summary>
public sealed class ContractSignedProjection<TContext>(TContext db) : IIntegrationEventHandler<ContractSigned> where TContext : DbContext
{
    public Task HandleAsync(ContractSigned integrationEvent, CancellationToken cancellationToken) =>
        ContractTermsProjector.ApplyAsync(db, integrationEvent, cancellationToken);
}

/// <summary>Projects <c>crm.contract-amended</c>: a new version in force from its date (an amendment or an automatic renewal).</summary>
public sealed class ContractAmendedProjection<TContext>(TContext db) : IIntegrationEventHandler<ContractAmended> where TContext : DbContext
{
    public Task HandleAsync(ContractAmended integrationEvent, CancellationToken cancellationToken) =>
        ContractTermsProjector.ApplyAsync(db, integrationEvent, cancellationToken);
}

/// <summary>Projects <c>crm.contract-expired</c>: the terms end after the expiry day.</summary>
public sealed class ContractExpiredProjection<TContext>(TContext db) : IIntegrationEventHandler<ContractExpired> where TContext : DbContext
{
    public Task HandleAsync(ContractExpired integrationEvent, CancellationToken cancellationToken) =>
        ContractTermsProjector.ApplyAsync(db, integrationEvent, cancellationToken);
}

/// <summary>Projects <c>crm.contract-terminated</c>: the terms end the day before the termination date.</summary>
public sealed class ContractTerminatedProjection<TContext>(TContext db) : IIntegrationEventHandler<ContractTerminated> where TContext : DbContext
{
    public Task HandleAsync(ContractTerminated integrationEvent, CancellationToken cancellationToken) =>
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
        .Handle<ContractSigned, ContractSignedProjection<TContext>>()
        .Handle<ContractAmended, ContractAmendedProjection<TContext>>()
        .Handle<ContractExpired, ContractExpiredProjection<TContext>>()
        .Handle<ContractTerminated, ContractTerminatedProjection<TContext>>();
}
