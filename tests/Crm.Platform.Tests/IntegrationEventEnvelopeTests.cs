namespace Crm.Platform.Tests;

/// <summary>The envelope helper of Crm.Events: an event stamped with <c>About</c> is the event written out in full.</summary>
public sealed class IntegrationEventEnvelopeTests
{
    [Fact]
    public void About_sets_the_customer_the_branch_and_the_time_and_keeps_every_other_field()
    {
        var customerId = Guid.CreateVersion7();
        var at = new DateTimeOffset(2026, 11, 23, 9, 30, 12, TimeSpan.FromHours(8));
        var built = new ComplaintAnswered { ComplaintId = Guid.CreateVersion7(), Category = "quality", Severity = "high" };

        var stamped = built.About("sh", customerId, at);

        Assert.IsType<ComplaintAnswered>(stamped);
        Assert.Equal("sh", stamped.BranchId);
        Assert.Equal(customerId, stamped.CustomerId);
        Assert.Equal(at, stamped.OccurredAt);
        Assert.Equal(built.EventId, stamped.EventId);
        var written = new ComplaintAnswered
        {
            EventId = built.EventId,
            OccurredAt = at,
            BranchId = "sh",
            CustomerId = customerId,
            ComplaintId = built.ComplaintId,
            Category = "quality",
            Severity = "high",
        };
        Assert.Equal(
            JsonSerializer.Serialize(written, IntegrationEventJson.Options),
            JsonSerializer.Serialize(stamped, IntegrationEventJson.Options));
    }
}
