using Crm.Events;
using Crm.Messaging.Inbox;

namespace Crm.Customers.IntegrationEvents;

/// <summary>Keeps each customer's current grade (A–E) from credit's grading runs, for the card and the <c>grade</c> filter.</summary>
public sealed partial class CustomerGradedHandler(CustomersDbContext db, ILogger<CustomerGradedHandler> logger) : IIntegrationEventHandler<CustomerGraded>
{
    private static readonly Actor Credit = new("credit", "Credit grading (信用与等级)");

    public async Task HandleAsync(CustomerGraded graded, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == graded.CustomerId, cancellationToken);
        if (customer is null)
        {
            // Credit only grades customers it learnt of from us; an unknown id is another system's mistake, not a retry.
            LogUnknownCustomer(logger, graded.CustomerId, graded.EventId);
            return;
        }
        var grade = graded.Grade.Trim().ToUpperInvariant();
        if (grade is not ("A" or "B" or "C" or "D" or "E"))
        {
            LogUnknownGrade(logger, graded.Grade, graded.EventId);
            return;
        }
        customer.ApplyGrade(grade, graded.Score, graded.Period, graded.OccurredAt, Credit);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "crm.customer-graded with grade '{Grade}' (event {EventId}) ignored: grades are A to E")]
    private static partial void LogUnknownGrade(ILogger logger, string grade, Guid eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "crm.customer-graded for unknown customer {CustomerId} (event {EventId}) ignored")]
    private static partial void LogUnknownCustomer(ILogger logger, Guid customerId, Guid eventId);
}
