namespace Crm.Messaging.Outbox;

public static class OutboxDbContextExtensions
{
    /// <summary>
    /// Stages an integration event in the outbox. It is published only if the next <c>SaveChanges</c> commits, and
    /// then at least once. Nothing on a request path publishes to the bus directly.
    /// </summary>
    public static void AddIntegrationEvent<TContext>(this TContext context, IntegrationEvent integrationEvent, TimeProvider clock)
        where TContext : DbContext, IMessagingDbContext
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (integrationEvent.CustomerId == Guid.Empty || string.IsNullOrEmpty(integrationEvent.BranchId))
            throw new ArgumentException($"{integrationEvent.GetType().Name} needs its customerId and branchId.", nameof(integrationEvent));
        context.OutboxMessages.Add(OutboxMessage.For(integrationEvent, clock.GetUtcNow()));
    }
}
