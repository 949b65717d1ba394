using System.Diagnostics.Metrics;
using Crm.Events;
using Crm.Messaging.Persistence;
using Crm.ServiceDefaults.Identity;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Crm.Messaging.Inbox;

/// <summary>
/// Runs a handler at most once per <c>eventId</c>: checks the inbox, applies the handler, records the event, and
/// commits all of it in one transaction. On SQLite the transaction takes the write lock up front (BEGIN IMMEDIATE),
/// so two deliveries of one event cannot both pass the check; on SQL Server the inbox's primary key refuses the
/// second, whose retry then finds the first. The handler acts for the event's branch only (its <c>branchId</c>): a
/// consumer sees and changes that branch's rows, never the whole group by default.
/// </summary>
public sealed class InboxConsumer<TEvent, THandler, TContext>(
    TContext db, THandler handler, BackgroundIdentity identity, InboxMetrics metrics, TimeProvider clock)
    : IConsumer<TEvent>
    where TEvent : IntegrationEvent
    where THandler : IIntegrationEventHandler<TEvent>
    where TContext : DbContext, IMessagingDbContext
{
    /// <summary>The name kept in the inbox: stable as long as the handler class keeps its name.</summary>
    public static string ConsumerName { get; } = typeof(THandler).Name;

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var integrationEvent = context.Message;
        var cancellationToken = context.CancellationToken;
        identity.ActForBranch(integrationEvent.BranchId, $"the consumer {ConsumerName}");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var seen = await db.InboxMessages.AnyAsync(
            m => m.MessageId == integrationEvent.EventId && m.Consumer == ConsumerName, cancellationToken);
        if (seen)
        {
            metrics.Duplicate(ConsumerName);
            return;
        }

        await handler.HandleAsync(integrationEvent, cancellationToken);
        db.InboxMessages.Add(new InboxMessage(integrationEvent.EventId, ConsumerName, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Processed(ConsumerName);
    }
}

/// <summary>Events handled, and redeliveries the inbox absorbed.</summary>
public sealed class InboxMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _processed;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _pruned;

    public InboxMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MessagingDiagnostics.Name);
        _processed = _meter.CreateCounter<long>("crm.inbox.processed", "{message}", "Integration events handled");
        _duplicates = _meter.CreateCounter<long>("crm.inbox.duplicates", "{message}", "Redelivered integration events skipped by the inbox");
        _pruned = _meter.CreateCounter<long>("crm.inbox.pruned", "{message}", "Ids of handled events deleted from the inbox after the retention period");
    }

    internal void Processed(string consumer) => _processed.Add(1, new KeyValuePair<string, object?>("crm.consumer", consumer));

    internal void Pruned(int count)
    {
        if (count > 0) _pruned.Add(count);
    }

    internal void Duplicate(string consumer) => _duplicates.Add(1, new KeyValuePair<string, object?>("crm.consumer", consumer));

    public void Dispose() => _meter.Dispose();
}
