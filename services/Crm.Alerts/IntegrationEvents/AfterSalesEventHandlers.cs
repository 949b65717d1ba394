using Crm.Messaging.Inbox;

namespace Crm.Alerts.IntegrationEvents;

/// <summary>The complaints as alerts keeps them, from the after-sales events: breaches, answers and closings.</summary>
public sealed class ComplaintProjection(AlertsDbContext db, CustomerProjection customers)
{
    public async Task<(Customer Customer, Complaint Complaint)> ForAsync(IntegrationEvent integrationEvent, Guid complaintId, CancellationToken cancellationToken)
    {
        var customer = await customers.ForAsync(integrationEvent, cancellationToken);
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == complaintId, cancellationToken);
        if (complaint is null) db.Complaints.Add(complaint = Complaint.FirstSeenIn(integrationEvent, complaintId));
        return (customer, complaint);
    }
}

public sealed class ComplaintSlaBreachedHandler(ComplaintProjection complaints, AlertEngine engine) : IIntegrationEventHandler<ComplaintSlaBreached>
{
    public async Task HandleAsync(ComplaintSlaBreached breach, CancellationToken cancellationToken)
    {
        var (customer, complaint) = await complaints.ForAsync(breach, breach.ComplaintId, cancellationToken);
        complaint.Breach(breach);
        await engine.EvaluateAsync(customer, breach, cancellationToken);
    }
}

public sealed class ComplaintAnsweredHandler(ComplaintProjection complaints, AlertEngine engine) : IIntegrationEventHandler<ComplaintAnswered>
{
    public async Task HandleAsync(ComplaintAnswered answered, CancellationToken cancellationToken)
    {
        var (customer, complaint) = await complaints.ForAsync(answered, answered.ComplaintId, cancellationToken);
        complaint.Answer(answered);
        await engine.EvaluateAsync(customer, answered, cancellationToken);
    }
}

public sealed class ComplaintResolvedHandler(ComplaintProjection complaints, AlertEngine engine) : IIntegrationEventHandler<ComplaintResolved>
{
    public async Task HandleAsync(ComplaintResolved resolved, CancellationToken cancellationToken)
    {
        var (customer, complaint) = await complaints.ForAsync(resolved, resolved.ComplaintId, cancellationToken);
        complaint.Resolve(resolved);
        await engine.EvaluateAsync(customer, resolved, cancellationToken);
    }
}
