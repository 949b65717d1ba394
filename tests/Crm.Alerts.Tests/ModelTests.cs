using Crm.ServiceDefaults.Problems;

namespace Crm.Alerts.Tests;

/// <summary>The alert's lifecycle rules, the projection's ordering rule and the purchase rhythm, without I/O.</summary>
public sealed class ModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 4, 0, 0, TimeSpan.Zero);

    private static Alert NewAlert(Guid eventId)
    {
        var registered = TestEvents.Registered(Guid.NewGuid(), Now);
        var customer = Customer.FirstSeenIn(registered);
        customer.Register(registered);
        var trip = (RuleOutcome.Trip)RuleOutcome.Tripped("over", new Figure("balance", "1", eventId));
        return Alert.Raise(customer, "over-credit-limit", 1, new Dictionary<string, decimal> { ["marginPercent"] = 0 }, trip, Assignee.Person("rep-1"), Now);
    }

    [Fact]
    public void An_alert_goes_raised_then_acknowledged_then_resolved_and_not_back()
    {
        var alert = NewAlert(Guid.NewGuid());
        alert.Acknowledge("rep-1", Now.AddHours(1), "看过了");
        Assert.Throws<ConflictException>(() => alert.Acknowledge("rep-1", Now.AddHours(2), null));

        alert.Resolve("rep-1", Now.AddHours(3), "客户资金周转", "已催款");
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.Throws<ConflictException>(() => alert.Resolve("rep-1", Now.AddHours(4), "again", "again"));
        Assert.Throws<ConflictException>(() => alert.Escalate(Assignee.ToRole("sales-admin-manager"), Now.AddHours(5)));
        Assert.Equal(new[] { TimelineKind.Raised, TimelineKind.Acknowledged, TimelineKind.Resolved }, alert.Timeline.Select(t => t.Kind));
        Assert.Equal(3, alert.Version);
    }

    [Fact]
    public void A_person_resolves_only_with_a_cause_and_an_action()
    {
        var alert = NewAlert(Guid.NewGuid());
        var refused = Assert.Throws<RequestValidationException>(() => alert.Resolve("rep-1", Now, " ", ""));
        Assert.Contains("cause", refused.Errors.Keys);
        Assert.Contains("action", refused.Errors.Keys);
        Assert.Equal(AlertState.Raised, alert.State);
    }

    [Fact]
    public void Evidence_naming_only_known_events_is_not_added_again()
    {
        var first = Guid.NewGuid();
        var alert = NewAlert(first);
        var same = (RuleOutcome.Trip)RuleOutcome.Tripped("over", new Figure("balance", "2", first));
        var newer = (RuleOutcome.Trip)RuleOutcome.Tripped("more", new Figure("balance", "3", Guid.NewGuid()));

        Assert.False(alert.AddEvidence(same, Now));
        Assert.True(alert.AddEvidence(newer, Now));
        Assert.Equal(2, alert.Evidence.Count);
        Assert.Equal("more", alert.Summary);
    }

    [Fact]
    public void Only_a_raised_alert_escalates_and_only_once()
    {
        var alert = NewAlert(Guid.NewGuid());
        alert.Escalate(Assignee.Person("sam-9"), Now.AddDays(1));
        Assert.Equal("sam-9", alert.AssigneeId);
        Assert.True(alert.Escalated);
        Assert.Throws<ConflictException>(() => alert.Escalate(Assignee.Person("sam-9"), Now.AddDays(2)));
        Assert.False(alert.FollowOwner("rep-2", Now.AddDays(2))); // an escalated alert stays with whom it went to
    }

    [Fact]
    public void A_late_older_balance_never_overwrites_a_newer_one()
    {
        var registered = TestEvents.Registered(Guid.NewGuid(), Now);
        var customer = Customer.FirstSeenIn(registered);
        var sale = TestEvents.Sale(registered.CustomerId, Now.AddMinutes(1), 50_000m, 150_000m, 100_000m);
        var payment = TestEvents.Payment(registered.CustomerId, Now.AddMinutes(2), 80_000m, 70_000m, 100_000m);

        customer.ObserveAccount(FactPosition.Of(payment), payment.BalanceAfter, payment.CreditLimit);
        customer.ObserveAccount(FactPosition.Of(sale), sale.BalanceAfter, sale.CreditLimit);

        Assert.Equal(70_000m, customer.Balance);
        Assert.Equal(payment.EventId, customer.AccountEventId);
    }

    [Fact]
    public void Events_of_the_same_instant_are_ordered_by_event_id_whatever_their_arrival()
    {
        var first = new FactPosition(Now, Guid.Parse("00000000-0000-0000-0000-000000000001"));
        var second = new FactPosition(Now, Guid.Parse("00000000-0000-0000-0000-000000000002"));
        Assert.True(second.Supersedes(first));
        Assert.False(first.Supersedes(second));
        Assert.False(first.Supersedes(first));
    }

    [Fact]
    public void The_usual_interval_is_the_median_gap_of_recent_purchase_days()
    {
        var day = new DateOnly(2026, 1, 1);
        Purchase On(int offset) => new(day.AddDays(offset), Guid.CreateVersion7(), Now);

        // Gaps 10, 10, 40 (a holiday), 10: the median is 10; two entries on one day count as one purchase day.
        var rhythm = PurchaseRhythm.Of([On(0), On(10), On(20), On(20), On(60), On(70)]);
        Assert.Equal(10m, rhythm.UsualIntervalDays);
        Assert.Equal(day.AddDays(70), rhythm.LastPurchaseOn);

        Assert.Null(PurchaseRhythm.Of([On(0), On(10)]).UsualIntervalDays);
    }
}
